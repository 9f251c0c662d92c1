#!/usr/bin/env bash
# Builds everything and runs every test suite against real servers (Redis, PostgreSQL, grpc-js),
# installing them first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh
# The contracts first: a lint violation or a breaking change fails the run before anything is built.
scripts/check-contracts.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
status=0
# Warnings are errors here, as in CI.
dotnet build PurifierRental.sln -c Release -p:CI=true -nologo -clp:NoSummary -v:q || exit 1
# A failing test prints its message and stack trace (console logger, minimal), a passing one nothing.
dotnet test PurifierRental.sln -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
rm -f "$log"
exit "$status"
