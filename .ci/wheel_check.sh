#!/usr/bin/env bash
# CI: Rulebook installs and runs as a package, not only from a checkout (issue 13, item 5).
# Builds the wheel, installs it (not editable) into a clean virtual environment outside the checkout,
# runs `rulebook demo` from an empty temporary folder, then starts `rulebook app` on a free port of
# 127.0.0.1 and waits for Streamlit's health endpoint to answer "ok". Everything it made is removed on exit.
# Usage: .ci/wheel_check.sh [PYTHON]   (PYTHON builds the wheel and needs `build`; default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)
builder=${1:-$checkout/.venv/bin/python}

work=$(mktemp -d "${TMPDIR:-/tmp}/rulebook-wheel.XXXXXX")
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

unset PYTHONPATH  # nothing from the checkout may leak into the installed copy

# 1. build the sdist, the wheel from it (in a temporary folder, so the checkout gets no build/), and
#    install the wheel into a fresh environment
"$builder" -m build --outdir "$work/dist" "$checkout" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/rulebook-*.whl)
echo "built $(basename "$wheel")"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }

# 2. from an empty folder: the installed package, not the checkout, is what runs
mkdir -p "$work/cwd" "$work/data"
cd "$work/cwd"
export RULEBOOK_DATA_DIR="$work/data"
installed=$("$work/venv/bin/python" -c "import assistant, ui; from assistant.cli.workbench import app_script; print(assistant.__file__, ui.__file__, app_script())")
case "$installed" in
  *"$checkout"*) echo "FAIL: the installed rulebook imports from the checkout: $installed"; exit 1 ;;
esac
start=$(date +%s.%N)
"$work/venv/bin/rulebook" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; echo "FAIL: rulebook demo"; exit 1; }
echo "rulebook demo from the wheel: ok in $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s"
for output in rulebook.json rulebook.md rulebook.docx prelabels.jsonl agreement_humans.md; do
  [ -s "$work/data/demo/$output" ] || { cat "$work/demo.log"; echo "FAIL: demo wrote no $output"; exit 1; }
done

# 3. the app from the wheel answers its health check
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
"$work/venv/bin/rulebook" app --host 127.0.0.1 --port "$port" >"$work/app.log" 2>&1 &
app_pid=$!
health=""
for _ in $(seq 1 120); do
  health=$(python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2).read().decode())" 2>/dev/null || true)
  [ "$health" = "ok" ] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$health" != "ok" ]; then
  cat "$work/app.log"
  echo "FAIL: rulebook app from the wheel did not answer /_stcore/health on 127.0.0.1:$port"
  exit 1
fi
echo "rulebook app from the wheel: /_stcore/health ok on 127.0.0.1:$port"
# and its first page runs without an error from the installed files (the script finds its pages and data)
"$work/venv/bin/python" - <<'PY'
from streamlit.testing.v1 import AppTest

from assistant.cli.workbench import app_script

page = AppTest.from_file(str(app_script()), default_timeout=120).run()
assert not page.exception, [e.value for e in page.exception]
assert not page.error, [e.value for e in page.error]
print(f"the app's first page from the wheel: {len(page.chat_input) + len(page.button)} controls, no error")
PY
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
echo "wheel check passed"
