#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian machine: Apertium's
# apertium-nno-nob for the translation tests, Chromium for the browser tests (Debian's package; Playwright never downloads one) and
# the npm packages pinned in e2e/package-lock.json. The Ollama test server
# is built from its Go module by the test harness itself, cached.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# Bokmål↔Nynorsk translation, tested for real (apertium/).
[ -f /usr/share/apertium/modes/nob-nno_e.mode ] || need_apt+=(apertium apertium-nno-nob)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} from apt"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f e2e/package-lock.json ]; then
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
