-- wrk script for bin/load: request the addresses in LOAD_PATHS_FILE in turn, each thread
-- starting at a different one. Lines starting "SIG " are sent with the SIG member's cookie.
local paths = {}
local cookie = os.getenv("LOAD_COOKIE") or ""
local next_index = 0
local threads_started = 0

function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

function init(args)
  for line in io.lines(os.getenv("LOAD_PATHS_FILE")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  -- Spread the threads over the list: thread 0 starts at the top, thread 1 half way down.
  next_index = math.floor(thread_number * #paths / 2) % #paths
end

function request()
  next_index = next_index % #paths + 1
  local path = paths[next_index]
  if path:sub(1, 4) == "SIG " then
    return wrk.format("GET", path:sub(5), { ["Cookie"] = cookie })
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'LOAD_JSON {"requests": %d, "seconds": %.2f, "requests_per_second": %.1f, '
      .. '"latency_ms": {"p50": %.1f, "p90": %.1f, "p95": %.1f, "p99": %.1f, "max": %.1f}, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
