#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian machine: Chromium for
# the browser tests (Debian's package; Playwright never downloads one), the
# PostgreSQL server that internal/pgtest runs throw-away clusters of,
# Apertium's apertium-nno-nob for the translation tests, and
# the npm packages pinned in e2e/package-lock.json. The Ollama test server
# is built from its Go module by the test harness itself, cached.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
have_pg_server() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && return 0
  done
  return 1
}
have_pg_server || need_apt+=(postgresql)
# Bokmål↔Nynorsk translation, tested for real (apertium/).
[ -f /usr/share/apertium/modes/nob-nno_e.mode ] || need_apt+=(apertium apertium-nno-nob)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} from apt"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  if [[ " ${need_apt[*]} " == *" postgresql "* ]]; then
    # The tests run clusters of their own: skip the system cluster (and
    # service on port 5432) that the package would create. A drop-in, read
    # through the include_dir of postgresql-common's createcluster.conf;
    # `pg_createcluster <version> main` makes one later if wanted.
    $sudo_cmd mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | $sudo_cmd tee /etc/postgresql-common/createcluster.d/los-tests.conf >/dev/null
  fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f e2e/package-lock.json ]; then
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
