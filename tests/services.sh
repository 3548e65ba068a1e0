#!/usr/bin/env bash
# Throw-away PostgreSQL and Redis for the tests: installed from Debian's packages when missing, started on
# loopback on free ports in a temp folder, stopped and deleted by stop_services. Sourced by test.sh; on its own,
# `source tests/services.sh && start_services` gives a shell the same servers (and the variables the tests read).

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Below the kernel's ephemeral range (32768 and up here): a port picked there can be taken by an outgoing
# connection between this check and the server's bind, which once left Redis unstarted and the tests failing.
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for port in $(shuf -i 10000-$((low - 1)) -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; return 1
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user, run from / because
# it may not enter the caller's folder (a fresh clone under mktemp -d is the owner's only).
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

start_services() {
  if [ -z "$(pg_bin)" ]; then echo "PostgreSQL not found: installing Debian's postgresql package."; apt_install postgresql; fi
  if ! command -v redis-server >/dev/null; then echo "Redis not found: installing Debian's redis-server package."; apt_install redis-server; fi

  ZONEPOLL_SERVICES_DIR=$(mktemp -d /tmp/zonepoll-services.XXXXXX)
  chmod 755 "$ZONEPOLL_SERVICES_DIR"
  local bin pg_port redis_port
  bin=$(pg_bin)
  mkdir "$ZONEPOLL_SERVICES_DIR/pg"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$ZONEPOLL_SERVICES_DIR/pg"; fi
  as_pg "$bin/initdb" -D "$ZONEPOLL_SERVICES_DIR/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  ZONEPOLL_PG_CTL="$bin/pg_ctl"
  # A port can still be taken between the check and the bind: then try another.
  local attempt
  local pg_settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  for attempt in 1 2 3 4 5; do
    pg_port=$(free_port)
    # Throw-away: no fsync, loopback only, sockets in the temp folder rather than /var/run.
    if as_pg "$bin/pg_ctl" -D "$ZONEPOLL_SERVICES_DIR/pg/data" -l "$ZONEPOLL_SERVICES_DIR/pg/log" -w -s \
      -o "-h 127.0.0.1 -p $pg_port -k $ZONEPOLL_SERVICES_DIR/pg $pg_settings" start; then
      break
    fi
    [ "$attempt" -lt 5 ] || { echo "PostgreSQL did not start: see $ZONEPOLL_SERVICES_DIR/pg/log" >&2; return 1; }
  done

  for attempt in 1 2 3 4 5; do
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
      --dir "$ZONEPOLL_SERVICES_DIR" --pidfile "$ZONEPOLL_SERVICES_DIR/redis.pid" --logfile "$ZONEPOLL_SERVICES_DIR/redis.log"
    # The pid file appears once it listens; a failed bind aborts before writing it.
    for _ in $(seq 50); do [ -s "$ZONEPOLL_SERVICES_DIR/redis.pid" ] && break; sleep 0.1; done
    [ -s "$ZONEPOLL_SERVICES_DIR/redis.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
    [ "$attempt" -lt 5 ] || { echo "Redis did not start: see $ZONEPOLL_SERVICES_DIR/redis.log" >&2; return 1; }
  done

  export ZONEPOLL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  export ZONEPOLL_TEST_REDIS="127.0.0.1:$redis_port"
  export ZONEPOLL_SERVICES_DIR ZONEPOLL_PG_CTL
  echo "Throw-away PostgreSQL on 127.0.0.1:$pg_port and Redis on $ZONEPOLL_TEST_REDIS."
}

stop_services() {
  [ -n "${ZONEPOLL_SERVICES_DIR:-}" ] && [ -d "$ZONEPOLL_SERVICES_DIR" ] || return 0
  if [ -f "$ZONEPOLL_SERVICES_DIR/pg/data/postmaster.pid" ]; then
    as_pg "$ZONEPOLL_PG_CTL" -D "$ZONEPOLL_SERVICES_DIR/pg/data" -m immediate -s stop || true
  fi
  if [ -s "$ZONEPOLL_SERVICES_DIR/redis.pid" ]; then kill "$(cat "$ZONEPOLL_SERVICES_DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$ZONEPOLL_SERVICES_DIR"
  unset ZONEPOLL_SERVICES_DIR
}
