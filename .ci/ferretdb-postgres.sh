#!/usr/bin/env bash
# Runs a command beside a throw-away FerretDB on PostgreSQL, the
# MongoDB-compatible server that isolates writes across processes (FerretDB on
# SQLite does not): a PostgreSQL cluster in a temporary folder, run as the
# `postgres` user, on a free 127.0.0.1 port, and FerretDB (.ci/install-ferretdb.sh)
# on it with --handler=postgresql. The command gets
#   FERRETDB_PG_URI=mongodb://127.0.0.1:PORT/   (append a database name)
# and everything is stopped and removed when it ends, however it ends.
#
#   bash .ci/ferretdb-postgres.sh [--if-available] COMMAND [ARGS...]
#
# --if-available: when no PostgreSQL or FerretDB can be started here, say why
# and run the command without FERRETDB_PG_URI instead of failing.
#
# Every collection's table gets the GIN index on _id that FerretDB 1.x's
# look-ups need (.ci/ferretdb-pg-id-index.sql; FERRETDB_PG_ID_INDEX=0: not).
#
# The cluster is for tests and benchmarks only: fsync off (its data is thrown
# away at exit), trust authentication on 127.0.0.1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IF_AVAILABLE=0
if [ "${1:-}" = "--if-available" ]; then IF_AVAILABLE=1; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--if-available] COMMAND [ARGS...]" >&2; exit 2; }

WORK=""
FERRET_PID=""
cleanup() {
  if [ -n "$FERRET_PID" ]; then kill "$FERRET_PID" 2>/dev/null; wait "$FERRET_PID" 2>/dev/null; fi
  if [ -n "$WORK" ] && [ -f "$WORK/data/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1; fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
  return 0
}
# unavailable WHY COMMAND...: fail, or (--if-available) clean up and run COMMAND alone.
unavailable() {
  local why="$1"
  shift
  if [ "$IF_AVAILABLE" = 1 ]; then
    echo "FerretDB on PostgreSQL unavailable ($why): running without it" >&2
    cleanup
    trap - EXIT
    exec "$@"
  fi
  echo "ferretdb-postgres: $why" >&2
  exit 1
}

FERRETDB="${FERRETDB_BIN:-$ROOT/.ferretdb/bin/ferretdb}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -x "$FERRETDB" ] || { unavailable "no FerretDB binary at $FERRETDB (bash .ci/install-ferretdb.sh)" "$@"; }
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || unavailable "no PostgreSQL server binaries in /usr/lib/postgresql (apt-get install postgresql)" "$@"

# initdb refuses to run as root: as root the cluster belongs to `postgres`.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || unavailable "running as root and no postgres user" "$@"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pass-pg-XXXXXX")"
chmod 755 "$WORK"
if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK"; fi
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_PORT="$(free_port)"
as_pg "$PG_BIN/initdb" -D "$WORK/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; unavailable "initdb failed" "$@"; }
as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -t 30 start \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
  { cat "$WORK/postgres.log" >&2; unavailable "PostgreSQL did not start" "$@"; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ferretdb
# The index FerretDB 1.x needs for its look-ups by _id (see the file); FERRETDB_PG_ID_INDEX=0: without it (to measure).
if [ "${FERRETDB_PG_ID_INDEX:-1}" != 0 ]; then
  as_pg "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d ferretdb -f "$ROOT/.ci/ferretdb-pg-id-index.sql" >/dev/null ||
    unavailable "the _id index trigger did not install" "$@"
fi

FERRET_PORT="$(free_port)"
mkdir -p "$WORK/ferretdb"
"$FERRETDB" --handler=postgresql --postgresql-url="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb" \
  --state-dir="$WORK/ferretdb" --listen-addr="127.0.0.1:$FERRET_PORT" --debug-addr=- \
  --telemetry=disable --log-level=error 2>"$WORK/ferretdb.log" &
FERRET_PID=$!
for _ in $(seq 1 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$FERRET_PORT") 2>/dev/null && break
  kill -0 "$FERRET_PID" 2>/dev/null || { tail -n 5 "$WORK/ferretdb.log" >&2; unavailable "FerretDB exited at start" "$@"; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$FERRET_PORT") 2>/dev/null || unavailable "FerretDB did not listen on $FERRET_PORT" "$@"

echo "== FerretDB $("$FERRETDB" --version | sed -n 's/^version: //p') on PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at 127.0.0.1:$FERRET_PORT"
export FERRETDB_PG_URI="mongodb://127.0.0.1:$FERRET_PORT/"
# Not exec: the trap must clean up after the command. In the background, so
# that a signal reaches the trap now (bash defers traps while a foreground
# child runs), is passed on to the command, and the cluster still goes.
"$@" &
CHILD=$!
trap 'kill -TERM "$CHILD" 2>/dev/null; wait "$CHILD"; exit 143' TERM
trap 'kill -INT "$CHILD" 2>/dev/null; wait "$CHILD"; exit 130' INT
set +e
wait "$CHILD"
status=$?
set -e
exit "$status"
