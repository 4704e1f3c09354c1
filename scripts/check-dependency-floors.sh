#!/usr/bin/env bash
# Checks the Akua.Sdk package's dependency floors and what a consumer resolves:
#   - the nuspec depends on Microsoft.Extensions.Http.Resilience;
#   - its net8.0 group asks for the Microsoft.Extensions 8.0.x runtime line, its net10.0 group for 10.0.x;
#   - a net8.0 consumer resolves Microsoft.Extensions.* 8.0.x (a net8 app is not dragged onto a newer stack).
# Usage: scripts/check-dependency-floors.sh <Akua.Sdk.nupkg> <consumer project.assets.json>
set -euo pipefail
python3 - "$1" "$2" <<'PY'
import json, sys, zipfile, xml.etree.ElementTree as ET

nupkg, assets = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(nupkg) as package:
    nuspec = next(n for n in package.namelist() if n.endswith('.nuspec'))
    root = ET.fromstring(package.read(nuspec))
ns = {'n': root.tag.split('}')[0].strip('{')}
problems = []
# The runtime line (Microsoft.Extensions.Http, .Options, .Logging, ...); the dotnet/extensions
# packages (Http.Resilience, Resilience, Telemetry, ...) have their own 10.x versions on every target.
runtime_line = ('Microsoft.Extensions.Http', 'Microsoft.Extensions.Options', 'Microsoft.Extensions.Logging',
                'Microsoft.Extensions.Configuration', 'Microsoft.Extensions.DependencyInjection', 'System.Threading.RateLimiting')
for group in root.iterfind('.//n:dependencies/n:group', ns):
    tfm = group.get('targetFramework')
    deps = {d.get('id'): d.get('version') for d in group.iterfind('n:dependency', ns)}
    if 'Microsoft.Extensions.Http.Resilience' not in deps:
        problems.append(f'{tfm}: no dependency on Microsoft.Extensions.Http.Resilience')
    want = '8.0.' if tfm.startswith('net8.0') else '10.0.'
    for name, version in deps.items():
        if name in runtime_line or (name.startswith(runtime_line) and name != 'Microsoft.Extensions.Http.Resilience'):
            if not version.startswith(want):
                problems.append(f'{tfm}: {name} {version} (expected {want}x)')
    print(f'{tfm}: ' + ', '.join(f'{k} {v}' for k, v in sorted(deps.items())))

resolved = json.load(open(assets))['targets']
for tfm, libraries in resolved.items():
    want = '8.0.' if tfm.startswith('net8.0') else '10.0.'
    for key in libraries:
        name, version = key.split('/')
        if name in runtime_line and not version.startswith(want):
            problems.append(f'consumer {tfm} resolves {name} {version} (expected {want}x)')

if problems:
    print('dependency floor problems:\n  ' + '\n  '.join(problems))
    sys.exit(1)
print('dependency floors: OK')
PY
