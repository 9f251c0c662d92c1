#!/usr/bin/env bash
# Runs the system locally with no external server: every service with its own sidecar,
# on the embedded in-memory components.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run -c Release --project tools/EchoServer -- "${PORT:-50051}"
