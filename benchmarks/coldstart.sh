#!/usr/bin/env bash
# Cold start: process start to the first completed call (list products) against the emulator
# process on loopback, for the SDK program and a raw HttpClient program doing the same call, each
# published for net8.0 as a self-contained JIT app, the same with ReadyToRun, and as NativeAOT. Every binary runs once to warm
# the disk cache, then RUNS times under /usr/bin/time -v, SDK and raw alternating; the medians of wall time and peak RSS are
# written to docs/benchmarks-coldstart.md (and printed).
#   benchmarks/coldstart.sh            (RUNS=11 by default: RUNS=5 benchmarks/coldstart.sh for a shorter run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-11}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet build samples/Akua.Sdk.Emulator -c Release -v q -nologo > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
for program in Sdk Raw; do
  project="benchmarks/ColdStart/$program/ColdStart.$program.csproj"
  # No net8.0 runtime is installed here, so the JIT build is self-contained (the net8.0 runtime pack).
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishAot=false -p:TreatWarningsAsErrors=true -v q -nologo -o "$out/jit-$program" > "$out/publish.log" 2>&1 || { cat "$out/publish.log" >&2; exit 1; }
  # The same JIT app with ReadyToRun code for every assembly (the SDK and its packages ship IL only).
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishAot=false -p:PublishReadyToRun=true -p:TreatWarningsAsErrors=true -v q -nologo -o "$out/r2r-$program" > "$out/publish.log" 2>&1 || { cat "$out/publish.log" >&2; exit 1; }
  dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -v q -nologo -o "$out/aot-$program" > "$out/publish.log" 2>&1 || { cat "$out/publish.log" >&2; exit 1; }
done

env_file="$out/emulator.env"
samples/Akua.Sdk.Emulator/bin/Release/net10.0/Akua.Sdk.Emulator --env-file "$env_file" > "$out/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 120); do
  [ -f "$env_file" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$out/emulator.log" >&2; exit 1; }
  sleep 0.5
done
[ -f "$env_file" ] || { echo "the emulator did not start" >&2; exit 1; }
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A wall rss
for build in jit r2r aot; do
  for program in Sdk Raw; do
    "$out/$build-$program/ColdStart.$program" > /dev/null
    : > "$out/runs-$build-$program"
  done
  for _ in $(seq 1 "$runs"); do
    # SDK and raw alternate run by run, so load from other processes on the machine hits both alike.
    for program in Sdk Raw; do
      binary="$out/$build-$program/ColdStart.$program"
      # Wall time with a nanosecond clock around the process (/usr/bin/time prints only hundredths);
      # peak RSS from /usr/bin/time -v.
      start=$(date +%s%N)
      /usr/bin/time -v "$binary" > /dev/null 2> "$out/time"
      end=$(date +%s%N)
      r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time")
      echo "$(( (end - start) / 1000 )) $r" >> "$out/runs-$build-$program"
    done
  done
  for program in Sdk Raw; do
    wall[$build-$program]=$(cut -d' ' -f1 "$out/runs-$build-$program" | median)
    rss[$build-$program]=$(cut -d' ' -f2 "$out/runs-$build-$program" | median)
    echo "$build $program: runs (wall µs, RSS KiB): $(tr '\n' ';' < "$out/runs-$build-$program")" >&2
  done
done
# Where the time goes: one more run of each JIT and ReadyToRun binary, printing its phases (not timed above).
for build in jit r2r; do
  for program in Raw Sdk; do
    AKUA_COLDSTART_BREAKDOWN=1 "$out/$build-$program/ColdStart.$program" 2> "$out/breakdown-$build-$program" > /dev/null
  done
done
kill "$emulator_pid"
wait "$emulator_pid" 2>/dev/null || true

{
  echo "# Cold start results (generated)"
  echo
  echo "Written by \`benchmarks/coldstart.sh\` (RUNS=$runs) on $(date -u '+%Y-%m-%d %H:%M') UTC. Do not edit: run it again."
  echo
  echo "Process start to one completed \`GET /v1/products?limit=10\` against \`samples/Akua.Sdk.Emulator\` on 127.0.0.1 (another process), net8.0, median of $runs runs (SDK and raw alternating run by run) after one unmeasured run per binary; wall time is a nanosecond clock around \`/usr/bin/time -v\` and the program, peak RSS is /usr/bin/time's \"Maximum resident set size\". The machine's 2 cores are shared with other builds: compare the ratios, not the absolute times. jit = self-contained JIT app (no net8.0 shared runtime here), r2r = the same with \`PublishReadyToRun\`, aot = NativeAOT (\`PublishAot\`)."
  echo
  echo "| build | program | wall time (median) | ratio to raw | peak RSS (median) | RSS ratio to raw |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for build in jit r2r aot; do
    for program in Raw Sdk; do
      awk -v b="$build" -v p="$program" -v w="${wall[$build-$program]}" -v r="${rss[$build-$program]}" -v rw="${wall[$build-Raw]}" -v rr="${rss[$build-Raw]}" \
        'BEGIN { printf "| %s | %s | %.1f ms | %.3f | %.1f MiB | %.3f |\n", b, (p == "Sdk" ? "Akua.Sdk" : "raw HttpClient"), w / 1000, w / rw, r / 1024, r / rr }'
    done
  done
  echo
  for build in jit r2r aot; do
    echo "- $build runs (wall µs and RSS KiB, in order): SDK $(tr '\n' ';' < "$out/runs-$build-Sdk") raw $(tr '\n' ';' < "$out/runs-$build-Raw")"
  done
  echo
  for build in jit r2r aot; do
    awk -v b="$build" -v w="${wall[$build-Sdk]}" -v rw="${wall[$build-Raw]}" \
      'BEGIN { q = w / rw; printf "- %s: SDK cold start %.3fx the raw program (target <= 1.25): %s\n", b, q, (q <= 1.25 ? "holds" : "MISSED") }'
  done
  echo
  echo "## Where the time goes"
  echo
  echo "One more run of each JIT and ReadyToRun binary with \`AKUA_COLDSTART_BREAKDOWN=1\` (benchmarks/ColdStart/Breakdown.cs): at each phase, wall time since the process started, methods the JIT has compiled so far and its time (\`System.Runtime.JitInfo\`), assemblies loaded."
  for build in jit r2r; do
    for program in Raw Sdk; do
      echo
      echo "$build, $( [ "$program" = Sdk ] && echo Akua.Sdk || echo raw HttpClient ):"
      echo
      awk -F'\t' 'NR == 1 { printf "| %s | %s | %s | %s | %s |\n| --- | ---: | ---: | ---: | ---: |\n", $1, $2, $3, $4, $5; next } { printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$out/breakdown-$build-$program"
    done
  done
} | tee docs/benchmarks-coldstart.md
