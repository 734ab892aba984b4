# Shared-store servers for the tests and the demo (issue 17): a real PostgreSQL and a real Chroma server
# on 127.0.0.1, each in a fresh temporary folder. Sourced by .ci/run after the venv exists; also usable by
# hand (`source .ci/servers.sh`), as the README's "Several writers" recipe shows. Exports:
#   RULEBOOK_TEST_DATABASE_URL  postgresql+psycopg://rulebook:ci-secret-pw@127.0.0.1:PORT/rulebook
#   RULEBOOK_TEST_CHROMA_URL    http://127.0.0.1:PORT
# and stops both servers when the shell exits (trap). Needs root (PostgreSQL runs as user postgres).

_free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# PostgreSQL from the OS packages (Debian: postgresql), a throw-away cluster owned by postgres.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_DIR=$(mktemp -d /tmp/rulebook-pg.XXXXXX)
PG_PORT=$(_free_port)
chown postgres:postgres "$PG_DIR"
su postgres -c "cd /tmp && $PG_BIN/initdb -D $PG_DIR/data -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >"$PG_DIR/initdb.log"
su postgres -c "cd /tmp && $PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w start \
  -o '-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=200'" >/dev/null
su postgres -c "cd /tmp && $PG_BIN/psql -h $PG_DIR -p $PG_PORT -U postgres -q -v ON_ERROR_STOP=1 \
  -c \"CREATE ROLE rulebook LOGIN PASSWORD 'ci-secret-pw'\" -c 'CREATE DATABASE rulebook OWNER rulebook'"
export RULEBOOK_TEST_DATABASE_URL="postgresql+psycopg://rulebook:ci-secret-pw@127.0.0.1:$PG_PORT/rulebook"

# Chroma server (the `chroma` CLI ships with the chromadb package in the venv). No telemetry.
CHROMA_DIR=$(mktemp -d /tmp/rulebook-chroma.XXXXXX)
CHROMA_PORT=$(_free_port)
ANONYMIZED_TELEMETRY=False .venv/bin/chroma run --host 127.0.0.1 --port "$CHROMA_PORT" --path "$CHROMA_DIR/data" \
  >"$CHROMA_DIR/server.log" 2>&1 &
CHROMA_PID=$!
export RULEBOOK_TEST_CHROMA_URL="http://127.0.0.1:$CHROMA_PORT"

stop_servers() {
  kill "$CHROMA_PID" 2>/dev/null || true
  su postgres -c "cd /tmp && $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR" "$CHROMA_DIR"
}
_earlier_exit_trap=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\\1/")
trap "stop_servers; ${_earlier_exit_trap}" EXIT  # keeps whatever else the caller stops on exit

for _ in $(seq 60); do
  curl -fsS "$RULEBOOK_TEST_CHROMA_URL/api/v2/heartbeat" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$RULEBOOK_TEST_CHROMA_URL/api/v2/heartbeat" >/dev/null || { cat "$CHROMA_DIR/server.log"; exit 1; }
echo "PostgreSQL at 127.0.0.1:$PG_PORT, Chroma server at $RULEBOOK_TEST_CHROMA_URL"
