#!/usr/bin/env bash
# The contracts gate: buf lints protos/ (buf.yaml's rules: naming, layout, a comment on every declaration) and refuses
# any change that breaks the released contracts (protos/released.json) at buf's FILE level.
#   scripts/check-contracts.sh            lint and breaking-change check; exits non-zero on a violation
#   scripts/check-contracts.sh --release  records the current contracts as released (after a deliberate release)
set -euo pipefail
cd "$(dirname "$0")/.."
buf=tools/buf/node_modules/.bin/buf
[ -x "$buf" ] || (cd tools/buf && npm ci --no-audit --no-fund --loglevel=error)

if [ "${1:-}" = "--release" ]; then
  "$buf" build protos --exclude-source-info -o protos/released.json
  echo "Recorded the contracts in protos/released.json; commit it with the release."
  exit 0
fi

"$buf" lint protos
"$buf" breaking protos --against protos/released.json
echo "Contracts: lint clean, nothing breaks the released contracts."
