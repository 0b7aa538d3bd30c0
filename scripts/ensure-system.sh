#!/usr/bin/env bash
# Install the Debian/Ubuntu system packages the project needs, if missing.
#
#   scripts/ensure-system.sh [--browser]
#
# Needed: PostgreSQL server + PostGIS (+ contrib where it is a separate package),
# gdal-bin (tests use ogrinfo), redis-server, caddy and pgbouncer (the deployment tests run them), python3-venv (only if `$PY -m venv`
# cannot work), nodejs/npm (only once frontend/package.json exists) and, with
# --browser, chromium + fonts-dejavu-core for the browser tests.
#
# Idempotent and quick: everything is checked with dpkg-query / command -v first;
# `apt-get update` runs at most once and only when something is missing. Runs
# apt-get directly as root (CI: root, no terminal, no systemd) or through sudo.
# Never starts or stops services; scripts/ensure-db.sh does that.
#
# Environment: PY (python interpreter to check for venv support, default python3).
set -euo pipefail

log() { printf '[ensure-system] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; }

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage; die "unknown argument: $arg" ;;
  esac
done

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  log "WARNING: not a Debian/Ubuntu system (no dpkg-query/apt-get); skipping package checks."
  log "         Install PostgreSQL + PostGIS, GDAL (ogrinfo), Redis and Python venv support yourself."
  exit 0
fi

os_id=""
if [[ -r /etc/os-release ]]; then
  os_id="$(. /etc/os-release && echo "${ID:-}")"
fi

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# Highest PostgreSQL major version whose server binaries are installed (Debian layout).
pg_major() {
  local d v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$d" ]] || continue
    v="${d#/usr/lib/postgresql/}"
    v="${v%%/*}"
    if [[ -z "$best" ]] || [[ "$(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n1)" == "$v" ]]; then
      best="$v"
    fi
  done
  printf '%s' "$best"
}

missing=()   # packages to install (exact names)
deferred=()  # decisions that need fresh package lists: resolved after apt-get update

# --- PostgreSQL + PostGIS ---------------------------------------------------
major="$(pg_major)"
if [[ -n "$major" ]]; then
  pkg_installed "postgresql-$major-postgis-3" || missing+=("postgresql-$major-postgis-3")
  # Since PostgreSQL 10 contrib ships inside postgresql-$major; older layouts need it separately.
  if [[ ! -e "/usr/share/postgresql/$major/extension/pg_trgm.control" ]]; then
    missing+=("postgresql-contrib")
  fi
  command -v psql >/dev/null 2>&1 || missing+=("postgresql-client")
else
  missing+=("postgresql" "postgresql-contrib")
  deferred+=("postgis-for-default-server")
fi

# --- GDAL, Redis --------------------------------------------------------------
command -v ogrinfo >/dev/null 2>&1 || missing+=("gdal-bin")
command -v redis-server >/dev/null 2>&1 || missing+=("redis-server")

# --- The deployment's pieces the tests run for real: Caddy (the reverse proxy) and PgBouncer ----
command -v caddy >/dev/null 2>&1 || missing+=("caddy")
[[ -x /usr/sbin/pgbouncer ]] || command -v pgbouncer >/dev/null 2>&1 || missing+=("pgbouncer")

# --- Python venv support --------------------------------------------------------
py="${PY:-python3}"
if ! command -v "$py" >/dev/null 2>&1; then
  missing+=("python3" "python3-venv")
elif ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  # `$py -m venv` fails without ensurepip (Debian splits it into python3-venv).
  missing+=("python3-venv")
  pyver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
  [[ -n "$pyver" ]] && deferred+=("python$pyver-venv")
fi

# --- Node (only once the frontend exists) ----------------------------------------
if [[ -f "$root_dir/frontend/package.json" ]] && ! command -v npm >/dev/null 2>&1; then
  command -v node >/dev/null 2>&1 || missing+=("nodejs")
  missing+=("npm")
fi

# --- Browser for end-to-end tests -------------------------------------------------
if ((browser)); then
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if [[ "$os_id" == "ubuntu" ]]; then
      # Ubuntu's chromium .deb is only a wrapper around the snap, which does not
      # work without systemd/snapd (CI containers); do not break apt with it.
      log "WARNING: chromium not found; Ubuntu only ships it as a snap. Install it yourself"
      log "         (snap install chromium, or: cd frontend && npx playwright install --with-deps chromium)."
    else
      missing+=("chromium")
    fi
  fi
  pkg_installed fonts-dejavu-core || missing+=("fonts-dejavu-core")
fi

if ((${#missing[@]} == 0 && ${#deferred[@]} == 0)); then
  log "all system packages present${major:+ (PostgreSQL $major)}"
  exit 0
fi

# --- Install ---------------------------------------------------------------------
if [[ "$(id -u)" -eq 0 ]]; then
  as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
else
  die "need to install: ${missing[*]} ${deferred[*]} - but not root and no sudo"
fi

log "updating package lists (missing: ${missing[*]} ${deferred[*]})"
"${as_root[@]}" apt-get update -q >&2

has_candidate() {
  local c
  c="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')"
  [[ -n "$c" && "$c" != "(none)" ]]
}

for item in "${deferred[@]}"; do
  case "$item" in
    postgis-for-default-server)
      # `postgresql` depends on postgresql-$MAJOR; install the matching PostGIS.
      default_major="$(apt-cache depends postgresql 2>/dev/null |
        sed -n 's/^ *Depends: postgresql-\([0-9][0-9.]*\)$/\1/p' | head -n1)"
      if [[ -n "$default_major" ]] && has_candidate "postgresql-$default_major-postgis-3"; then
        missing+=("postgresql-$default_major-postgis-3")
      elif has_candidate postgresql-postgis; then
        missing+=("postgresql-postgis")
      else
        die "cannot find a PostGIS package for the distribution's PostgreSQL"
      fi
      ;;
    *)
      has_candidate "$item" && missing+=("$item")
      ;;
  esac
done

# postgresql-contrib is a no-op metapackage (or absent) on modern releases.
final=()
for p in "${missing[@]}"; do
  if [[ "$p" == postgresql-contrib ]] && ! has_candidate "$p"; then
    continue
  fi
  final+=("$p")
done

log "installing: ${final[*]}"
start=$SECONDS
# Some package scripts try to start services; without an init system that
# merely prints a warning (the cluster is created but stays down).
"${as_root[@]}" apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${final[@]}" >&2
log "installed in $((SECONDS - start))s"
