#!/usr/bin/env bash
# Runs the reliability suite and regenerates docs/reliability.md (and artifacts/reliability/results.md).
set -euo pipefail
cd "$(dirname "$0")/.."
AKUA_RELIABILITY_DOC=1 dotnet test tests/Akua.Sdk.ReliabilityTests -c Release "$@"
