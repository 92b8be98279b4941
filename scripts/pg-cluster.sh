#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks (Debian's postgresql package).
#   scripts/pg-cluster.sh start DIR PORT PASSWORD   initdb DIR/data (superuser postgres, password
#                                                   auth), listen on 127.0.0.1:PORT and a socket in DIR
#   scripts/pg-cluster.sh stop DIR                  stop it (immediate) and remove DIR
# initdb and pg_ctl refuse to run as root: as root they run as the postgres user (runuser).
# PG_OPTS adds server settings, e.g. PG_OPTS="-c fsync=off" for tests.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-cluster: PostgreSQL server binaries not found; apt-get install -y postgresql" >&2
  exit 2
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
start)
  dir=$2 port=$3 pw=$4
  mkdir -p "$dir"
  printf '%s\n' "$pw" > "$dir/pwfile"
  chmod 600 "$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
  as_pg "$BIN/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 ${PG_OPTS:-}" start \
    </dev/null >"$dir/pg_ctl.log" 2>&1 \
    || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  dir=$2
  [ -d "$dir/data" ] && as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start DIR PORT PASSWORD | stop DIR" >&2; exit 2 ;;
esac
