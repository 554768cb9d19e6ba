"""gunicorn's settings in production: ``gunicorn -c tracker/gunicorn_conf.py tracker.wsgi``.

Read from the environment like the Django settings; a bad value stops start-up naming the
variable (ImproperlyConfigured, from core.env).
"""

import multiprocessing

from core.env import read_int, read_str

# Behind a reverse proxy or in a container, set WEB_BIND=0.0.0.0:8000.
bind = read_str("WEB_BIND", "127.0.0.1:8000")
# Pages are CPU-bound Python with short database waits: the usual 2 x cores + 1 sync workers.
workers = read_int("WEB_CONCURRENCY", default=2 * multiprocessing.cpu_count() + 1)
# No page should take seconds (the PDF is built by the Celery worker); a worker stuck for 30 s
# is killed and replaced instead of holding a connection.
timeout = read_int("WEB_TIMEOUT", default=30)
graceful_timeout = 30
# Replace each worker now and then, so a slow leak can never build up; rarely, because a new
# worker starts Django again and fills its own caches (the exports): at 2,000 requests, a
# worker serving cached pages at a few hundred a second was replaced every few seconds under
# bin/load, and the requests queued behind each restart timed out (docs/performance.md).
max_requests = read_int("WEB_MAX_REQUESTS", default=50000)
max_requests_jitter = max_requests // 10
# Access lines with when, and how long each request took in microseconds (%(D)s): bin/load
# reads them. The client address is the proxy's unless the proxy is trusted to forward it.
accesslog = read_str("WEB_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(D)s'
errorlog = "-"
