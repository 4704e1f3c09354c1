#!/usr/bin/env bash
# Declares every public API change the analyzers report (RS0016 added, RS0017 removed) in the
# projects' PublicAPI.Unshipped.txt. Run it after changing the public surface on purpose, then
# review the diff: the files are what a reviewer reads to see the surface change.
#   scripts/update-public-api.sh            (both packages)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in src/Akua.Sdk src/Akua.Sdk.Testing; do
  dotnet build "$project" -c Release --no-incremental -p:WarningsAsErrors= -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys
project, log = sys.argv[1], sys.argv[2]
added, removed = set(), set()
for line in open(log, encoding='utf-8'):
    if f'/{project}/' not in line.replace('\\', '/') and f'{project}.csproj' not in line:
        continue
    if m := re.search(r"RS0016: Symbol '(.+?)' is not part of the declared public API", line):
        added.add(m.group(1))
    elif m := re.search(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", line):
        removed.add('*REMOVED*' + m.group(1))
path = f'{project}/PublicAPI.Unshipped.txt'
lines = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#nullable')]
entries = sorted(set(lines) | added | removed, key=lambda l: (l.lstrip('*REMOVED*'), l))
open(path, 'w', encoding='utf-8').write('#nullable enable\n' + ''.join(e + '\n' for e in entries))
print(f'{path}: {len(added)} added, {len(removed)} removed declared')
PY
done
