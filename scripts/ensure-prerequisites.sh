#!/usr/bin/env bash
# Installs what the tests and the local mesh need when it is missing: a real Redis server,
# a real PostgreSQL server, h2load for the benchmarks, Chromium for the browser tests, and the npm packages of the
# interop peer and of buf.
# Safe to run again: everything already present is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
{ command -v initdb >/dev/null 2>&1 || [ -x /usr/lib/postgresql/15/bin/initdb ]; } || missing+=(postgresql)
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if ((${#missing[@]})); then
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt_get() {
    # Another apt run may hold the lock for a while; wait for it instead of failing.
    for _ in $(seq 1 60); do
      if apt-get "$@"; then return 0; fi
      sleep 5
    done
    return 1
  }
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian packages start their own servers; tests start private ones on free ports instead.
  service redis-server stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
fi

# The grpc-js interop peer, buf (the contracts gate) and the manifest schemas, each installed again when its lock file changed.
for dir in tests/interop tools/buf tests/PurifierRental.Deployment.Tests/schema; do
  if [ -f "$dir/package.json" ] && { [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    echo "Installing the npm packages of $dir ..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
