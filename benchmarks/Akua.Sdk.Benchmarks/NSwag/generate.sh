#!/usr/bin/env bash
# Regenerates AkuaNSwagClient.g.cs (NSwag's full generated client, a benchmark peer only; it never
# ships) from openapi/akua-v1.yaml with the NSwag pinned in openapi/package.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
openapi="$here/../../../openapi"
if [ ! -f "$openapi/node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll" ]; then
  (cd "$openapi" && npm ci --no-audit --no-fund)
fi
cd "$here"
dotnet "$openapi/node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll" run nswag-client.json
