#!/usr/bin/env bash
# The contracts gate: buf lints protos/ (buf.yaml's rules: naming, layout, a comment on every declaration), refuses
# any change that breaks the released contracts (protos/released.json) at buf's FILE level, and checks that
# docs/api-reference.md is the page the contracts' comments make (every RPC naming its statuses).
#   scripts/check-contracts.sh                lint, breaking-change check, API reference; non-zero on a violation
#   scripts/check-contracts.sh --update-docs  writes docs/api-reference.md from the contracts
#   scripts/check-contracts.sh --release      records the current contracts as released (after a deliberate release)
set -euo pipefail
cd "$(dirname "$0")/.."
buf=tools/buf/node_modules/.bin/buf
[ -x "$buf" ] || (cd tools/buf && npm ci --no-audit --no-fund --loglevel=error)

if [ "${1:-}" = "--release" ]; then
  "$buf" build protos --exclude-source-info -o protos/released.json
  echo "Recorded the contracts in protos/released.json; commit it with the release."
  exit 0
fi

# The reference page, made from a descriptor set that keeps the comments.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$buf" build protos -o "$work/contracts.binpb"
dotnet run --project tools/ApiReference -c Release -p:CI=true -v:q -- "$work/contracts.binpb" "$work/api-reference.md"
if [ "${1:-}" = "--update-docs" ]; then
  cp "$work/api-reference.md" docs/api-reference.md
  echo "Wrote docs/api-reference.md."
  exit 0
fi

"$buf" lint protos
"$buf" breaking protos --against protos/released.json
if ! cmp -s "$work/api-reference.md" docs/api-reference.md; then
  echo "docs/api-reference.md differs from what the contracts' comments make: run scripts/check-contracts.sh --update-docs." >&2
  exit 1
fi
echo "Contracts: lint clean, nothing breaks the released contracts, the API reference is up to date."
