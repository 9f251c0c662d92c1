#!/usr/bin/env bash
# Runs the whole system locally with no external server: every service with its own sidecar (DevMesh),
# on the embedded in-memory components (dapr.local.yaml). Extra arguments go to DevMesh, e.g.
#   scripts/run.sh dapr.yaml --replicas installation=2     (Redis and PostgreSQL on localhost instead)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build PurifierRental.sln -c Release -nologo -clp:NoSummary -v:q
template=dapr.local.yaml
if [[ $# -gt 0 && $1 != -* ]]; then
  template=$1
  shift
fi
exec dotnet tools/DevMesh/bin/Release/net10.0/devmesh.dll "$template" "$@"
