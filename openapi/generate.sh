#!/usr/bin/env bash
# Regenerates src/Akua.Sdk/Generated/ from openapi/akua-v1.yaml with the pinned NSwag (npm).
# Usage: openapi/generate.sh          (installs the pinned tools with `npm ci` when missing)
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll ]; then
  npm ci --no-audit --no-fund
fi
dotnet node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll run nswag.json
