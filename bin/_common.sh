# Shared by bin/serve and bin/test: checks the machine, then makes .venv current.
# Every missing piece is named with the command that installs it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() { printf '\n%s\n' "$*" >&2; exit 1; }

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3 python; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  fail "Python 3.11 or newer is needed. On Debian or Ubuntu: sudo apt-get install python3 python3-venv"
}

check_system_packages() {
  local python="$1" missing=()
  "$python" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  # WeasyPrint, which builds the PDF report, draws text with Pango.
  "$python" - <<'PY' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
import ctypes.util, sys
sys.exit(0 if ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0") else 1)
PY
  if [ ${#missing[@]} -gt 0 ]; then
    fail "Missing system packages. On Debian or Ubuntu install them with:
    sudo apt-get install ${missing[*]}
then run this command again."
  fi
}

# make_venv EXTRAS: create .venv and install the project, again only when pyproject.toml changes.
make_venv() {
  local extras="$1" python stamp wanted
  python="$(find_python)"
  check_system_packages "$python"
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv"
    "$python" -m venv .venv || fail "Could not create .venv. On Debian or Ubuntu: sudo apt-get install python3-venv"
  fi
  stamp=".venv/.installed"
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extras}"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing dependencies into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras}"
    echo "$wanted" > "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}
