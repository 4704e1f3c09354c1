#!/usr/bin/env bash
# Regenerates the Kiota peer client (Kiota/Generated) from openapi/akua-v1.yaml, offers and products only, with the
# Kiota 1.38.0 .NET tool (dotnet tool install Microsoft.OpenApi.Kiota --version 1.38.0 --tool-path <dir>; KIOTA=<dir>/kiota).
set -euo pipefail
cd "$(dirname "$0")/../../.."
"${KIOTA:-kiota}" generate -l CSharp -d openapi/akua-v1.yaml -o benchmarks/Akua.Sdk.Benchmarks/Kiota/Generated \
  -c AkuaKiotaClient -n Akua.Sdk.Benchmarks.KiotaClient \
  --include-path "/offers" --include-path "/offers/*" --include-path "/products/*" \
  --exclude-backward-compatible --clean-output --log-level Warning
