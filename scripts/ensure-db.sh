#!/usr/bin/env bash
# Make sure a PostgreSQL server with PostGIS is reachable and database DBNAME
# exists, then print exactly one line on stdout: the SQLAlchemy async URL, e.g.
#
#   postgresql+asyncpg://postgres@127.0.0.1:5432/DBNAME
#
#   scripts/ensure-db.sh DBNAME
#
# The server is chosen in this order:
#   (a) $DATABASE_URL, if set and it answers (postgresql+asyncpg://, postgresql://
#       or postgres://); its database name is replaced by DBNAME, host, port, user,
#       password and query are kept;
#   (b) a server on 127.0.0.1:5432 accepting user postgres without a password;
#   (c) a Debian cluster (pg_lsclusters), started with
#       `pg_ctlcluster --skip-systemctl-redirect VERSION NAME start` if down, if
#       it then accepts user postgres on 127.0.0.1 without a password (a stock
#       Debian cluster wants a password over TCP; its pg_hba.conf is left alone
#       and we fall through to (d));
#   (d) a project-local cluster in .data/pg (trust auth, user postgres, listening
#       on 127.0.0.1:$SEMAP_LOCAL_PG_PORT, default 5433, unix socket in .data/run,
#       log in .data/pg.log), created with initdb and started with pg_ctl if
#       needed; a running one is reused. As root, it runs as the `postgres` OS user.
#
# Environment:
#   DATABASE_URL           see (a)
#   SEMAP_PG_FORCE_LOCAL=1 skip (a), (b) and (c): always use the .data/pg cluster
#   SEMAP_LOCAL_PG_PORT    port of the .data/pg cluster (default 5433)
#
# Also starts redis-server on 127.0.0.1:6379 (no persistence) if it is installed
# and not answering; Redis problems are only warnings. All logging goes to stderr.
# Nothing here ever stops a server.
set -euo pipefail

log() { printf '[ensure-db] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ $# -ne 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
db_name="$1"
# Keep it a plain identifier: it goes verbatim into a URL and a CREATE DATABASE.
[[ "$db_name" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] ||
  die "database name must match [A-Za-z_][A-Za-z0-9_]*: '$db_name'"

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="$root_dir/.data"
local_port="${SEMAP_LOCAL_PG_PORT:-5433}"
[[ "$local_port" =~ ^[0-9]+$ ]] || die "SEMAP_LOCAL_PG_PORT must be a port number: '$local_port'"

export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"
# Ignore ambient libpq settings that would change what a URL means.
unset PGDATABASE PGSERVICE PGOPTIONS || true

# ---------------------------------------------------------------------------
# PostgreSQL binaries: prefer the newest Debian server that has PostGIS.
pg_bin=""
find_pg_bin() {
  local d v fallback=""
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    [[ -x "$d/postgres" ]] || continue
    v="$(basename "$(dirname "$d")")"
    if [[ -e "/usr/share/postgresql/$v/extension/postgis.control" ]]; then
      pg_bin="$d"
      return
    fi
    [[ -n "$fallback" ]] || fallback="$d"
  done
  if [[ -n "$fallback" ]]; then
    pg_bin="$fallback"
  elif command -v pg_ctl >/dev/null 2>&1; then
    pg_bin="$(dirname "$(command -v pg_ctl)")"
  fi
}
find_pg_bin

psql_bin="$(command -v psql 2>/dev/null || true)"
[[ -n "$psql_bin" ]] || { [[ -n "$pg_bin" && -x "$pg_bin/psql" ]] && psql_bin="$pg_bin/psql"; }
[[ -n "$psql_bin" ]] || die "psql not found; run scripts/ensure-system.sh first"

# psql_q LIBPQ_URL ARGS...: run psql unaligned/tuples-only, quietly, never prompting.
psql_q() {
  local url="$1"
  shift
  "$psql_bin" "$url" -X -w -q -A -t -v ON_ERROR_STOP=1 "$@"
}

answers() { psql_q "$1" -c 'select 1' >/dev/null 2>&1; }

has_postgis() {
  [[ "$(psql_q "$1" -c "select count(*) from pg_available_extensions where name = 'postgis'" 2>/dev/null)" == 1 ]]
}

# ---------------------------------------------------------------------------
# URL handling. A URL is split into authority (user:pass@host:port) and query;
# libpq gets postgresql://AUTH/DB?QUERY with only parameters libpq knows.
url_auth=""
url_query=""
split_url() {
  local rest="${1#*://}"
  url_query=""
  if [[ "$rest" == *\?* ]]; then
    url_query="${rest#*\?}"
    rest="${rest%%\?*}"
  fi
  url_auth="${rest%%/*}"
}

libpq_query() {
  local out="" kv k v
  local IFS='&'
  for kv in $url_query; do
    [[ -n "$kv" ]] || continue
    k="${kv%%=*}"
    v="${kv#*=}"
    case "$k" in
      ssl) k=sslmode ;;
      host | hostaddr | port | user | password | sslmode | sslrootcert | sslcert | sslkey | \
        application_name | connect_timeout | options | passfile | target_session_attrs) ;;
      *) continue ;;
    esac
    out="${out:+$out&}$k=$v"
  done
  printf '%s' "${out:+?$out}"
}

libpq_url() { printf 'postgresql://%s/%s%s' "$url_auth" "$1" "$(libpq_query)"; }
async_url() { printf 'postgresql+asyncpg://%s/%s%s' "$url_auth" "$1" "${url_query:+?$url_query}"; }
redact() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

# ---------------------------------------------------------------------------
# Branch (d): the project-local cluster.
if [[ "$(id -u)" -eq 0 ]]; then
  as_pg() {
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
  }
else
  as_pg() { "$@"; }
fi

local_cluster() {
  local pgdata="$data_dir/pg" logfile="$data_dir/pg.log" sockdir="$data_dir/run"
  [[ -n "$pg_bin" && -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] ||
    die "no PostgreSQL server binaries (initdb, pg_ctl) found; run scripts/ensure-system.sh first"

  mkdir -p "$data_dir"
  # Serialise concurrent invocations (e.g. make run and make test at once).
  exec 9>"$data_dir/.ensure-db.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 120 9 || die "timed out waiting for $data_dir/.ensure-db.lock"
  fi

  if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 ||
      die "running as root but there is no 'postgres' OS user to own the local cluster (initdb refuses root)"
    mkdir -p "$pgdata" "$sockdir"
    touch "$logfile"
    chown postgres: "$pgdata" "$sockdir" "$logfile"
    as_pg test -w "$pgdata" ||
      die "OS user postgres cannot reach $pgdata (a parent directory is not world-searchable?); set DATABASE_URL instead"
  else
    mkdir -p "$pgdata" "$sockdir"
  fi
  chmod 700 "$pgdata"

  # A unix socket path is limited to ~107 bytes; fall back to TCP only.
  local sockconf="$sockdir"
  if ((${#sockdir} > 90)); then
    log "WARNING: $sockdir is too long for a unix socket; local cluster listens on TCP only"
    sockconf=""
  fi

  if [[ ! -f "$pgdata/PG_VERSION" ]]; then
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
      locale=C.UTF-8
    fi
    log "creating local cluster in $pgdata ($("$pg_bin/postgres" --version), locale $locale)"
    as_pg "$pg_bin/initdb" -D "$pgdata" -U postgres -E UTF8 --locale="$locale" \
      --auth-local=trust --auth-host=trust >>"$logfile" 2>&1 ||
      die "initdb failed; see $logfile"
    cat >>"$pgdata/postgresql.conf" <<EOF

# --- added by scripts/ensure-db.sh (development/test cluster) ---
listen_addresses = '127.0.0.1'
port = $local_port
unix_socket_directories = '$sockconf'
synchronous_commit = off
EOF
  fi

  if as_pg "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    # Reuse the running cluster, on whatever port it was started with.
    local running_port
    running_port="$(sed -n 4p "$pgdata/postmaster.pid" 2>/dev/null || true)"
    if [[ "$running_port" =~ ^[0-9]+$ ]]; then
      [[ "$running_port" == "$local_port" ]] ||
        log "WARNING: local cluster already runs on port $running_port (not $local_port); using it"
      local_port="$running_port"
    fi
    log "local cluster in $pgdata already running on port $local_port"
  else
    if answers "postgresql://postgres@127.0.0.1:$local_port/postgres" ||
      "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$local_port" >/dev/null 2>&1; then
      die "port $local_port is used by another server; set SEMAP_LOCAL_PG_PORT to a free port"
    fi
    log "starting local cluster in $pgdata on 127.0.0.1:$local_port (log: $logfile)"
    as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$logfile" -w -t 60 \
      -o "-p $local_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$sockconf'" \
      start >&2 9>&- || die "could not start the local cluster; see $logfile"
  fi
  exec 9>&-

  url_auth="postgres@127.0.0.1:$local_port"
  url_query=""
  for _ in $(seq 1 30); do
    answers "$(libpq_url postgres)" && break
    sleep 0.5
  done
  answers "$(libpq_url postgres)" || die "local cluster does not answer on 127.0.0.1:$local_port; see $logfile"
  has_postgis "$(libpq_url postgres)" ||
    log "WARNING: PostGIS is not available to the local cluster ($pg_bin); run scripts/ensure-system.sh"
}

# ---------------------------------------------------------------------------
# Choose the server.
chosen=""
if [[ "${SEMAP_PG_FORCE_LOCAL:-}" == 1 ]]; then
  [[ -z "${DATABASE_URL:-}" ]] || log "SEMAP_PG_FORCE_LOCAL=1: ignoring DATABASE_URL"
  log "SEMAP_PG_FORCE_LOCAL=1: using the project-local cluster"
else
  # (a) DATABASE_URL
  if [[ -n "${DATABASE_URL:-}" ]]; then
    case "$DATABASE_URL" in
      postgresql://* | postgres://* | postgresql+*://*) ;;
      *) die "DATABASE_URL is not a PostgreSQL URL: $(redact "$DATABASE_URL")" ;;
    esac
    split_url "$DATABASE_URL"
    if answers "$(libpq_url postgres)" || answers "$(libpq_url "$db_name")"; then
      chosen="DATABASE_URL ($(redact "$DATABASE_URL"))"
    else
      log "WARNING: DATABASE_URL ($(redact "$DATABASE_URL")) does not answer; looking for another server"
    fi
  fi

  # (b) 127.0.0.1:5432 as postgres
  if [[ -z "$chosen" ]]; then
    url_auth="postgres@127.0.0.1:5432"
    url_query=""
    if answers "$(libpq_url postgres)"; then
      if has_postgis "$(libpq_url postgres)"; then
        chosen="server on 127.0.0.1:5432"
      else
        log "server on 127.0.0.1:5432 has no PostGIS; skipping it"
      fi
    fi
  fi

  # (c) a Debian cluster
  if [[ -z "$chosen" ]] && command -v pg_lsclusters >/dev/null 2>&1; then
    while read -r ver name port status _ <&3; do
      [[ "$ver" =~ ^[0-9]+$ && "$port" =~ ^[0-9]+$ ]] || continue
      [[ -e "/usr/share/postgresql/$ver/extension/postgis.control" ]] || {
        log "Debian cluster $ver/$name has no PostGIS; skipping it"
        continue
      }
      if [[ "$status" != online* ]]; then
        log "starting Debian cluster $ver/$name (port $port)"
        if [[ "$(id -u)" -eq 0 ]]; then
          pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start </dev/null >&2 3<&- || {
            log "WARNING: could not start cluster $ver/$name"
            continue
          }
        elif ! sudo -n pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start </dev/null >&2 2>/dev/null 3<&- &&
          ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start </dev/null >&2 3<&-; then
          log "WARNING: could not start cluster $ver/$name (not root, no passwordless sudo)"
          continue
        fi
      fi
      url_auth="postgres@127.0.0.1:$port"
      url_query=""
      for _ in $(seq 1 20); do
        pg_isready -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1 && break
        sleep 0.5
      done
      if answers "$(libpq_url postgres)"; then
        chosen="Debian cluster $ver/$name on 127.0.0.1:$port"
        break
      fi
      log "Debian cluster $ver/$name does not accept user postgres on 127.0.0.1:$port without a password; skipping it"
    done 3< <(pg_lsclusters -h 2>/dev/null || true)
  fi
fi

# (d) project-local cluster
if [[ -z "$chosen" ]]; then
  local_cluster
  chosen="project-local cluster on 127.0.0.1:$local_port"
fi
log "using $chosen"

# ---------------------------------------------------------------------------
# Create the database if missing.
db_exists() {
  [[ "$(psql_q "$(libpq_url postgres)" -v db="$db_name" <<<"select count(*) from pg_database where datname = :'db'" 2>/dev/null)" == 1 ]] ||
    answers "$(libpq_url "$db_name")"
}

if db_exists; then
  log "database $db_name exists"
else
  log "creating database $db_name"
  if ! err="$(psql_q "$(libpq_url postgres)" -c "CREATE DATABASE \"$db_name\"" 2>&1)"; then
    # A concurrent creator wins the race with "already exists" or a unique violation.
    if db_exists; then
      log "database $db_name was created concurrently"
    else
      die "could not create database $db_name: $err"
    fi
  fi
fi
has_postgis "$(libpq_url "$db_name")" ||
  log "WARNING: the PostGIS extension is not available on this server; migrations will fail"

# ---------------------------------------------------------------------------
# Redis: best effort.
redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)" == PONG ]]
  else
    (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

if ! command -v redis-server >/dev/null 2>&1; then
  log "WARNING: redis-server is not installed; continuing without Redis"
elif redis_ping; then
  :
else
  mkdir -p "$data_dir"
  log "starting redis-server on 127.0.0.1:6379 (log: $data_dir/redis.log)"
  if redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$data_dir" --logfile "$data_dir/redis.log" </dev/null >&2; then
    for _ in $(seq 1 20); do
      redis_ping && break
      sleep 0.25
    done
  fi
  redis_ping || log "WARNING: Redis does not answer on 127.0.0.1:6379; continuing without it"
fi

async_url "$db_name"
echo
