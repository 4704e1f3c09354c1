#!/usr/bin/env bash
# Regenerates src/Akua.Sdk/Generated/ from openapi/akua-v1.yaml: the models with NSwag.MSBuild and
# our Liquid templates, the operation table, rules and model partials with openapi/Akua.Sdk.CodeGen.
# No npm needed. A normal build does the same whenever the document or templates changed; this
# script forces it (CI runs it and fails when the committed files differ).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build openapi/Akua.Sdk.CodeGen/Akua.Sdk.CodeGen.csproj -c Release --nologo -v quiet -p:AkuaForceGeneration=true
