#!/usr/bin/env bash
# The single entry point: build (publish the NativeAOT binary), run, test, bench.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUT=$ROOT/out
BIN=$OUT/sluiced
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<USAGE
usage: ./build.sh [command]
  (none) | build     publish the NativeAOT binary to out/sluiced
  run [-- ARGS]      publish if stale, run sluiced in the foreground on the embedded default config
                     (imtcp on 127.0.0.1:10514, output in ./var/log/messages); ARGS go to sluiced
                     (with -f FILE your config is used instead of the embedded one)
  test               publish if stale, run every test; ends with 'N passed, N failed'
  bench [micro|load] BenchmarkDotNet micro-benchmarks and the side-by-side load benchmark against rsyslogd
  bench decompress   imtcp stream decompression vs rsyslogd imptcp on the same zlib streams (bench/decompress.sh)
  bench forward      imtcp -> omfwd (plain, single and stream zlib) side by side with rsyslogd, FORWARD_RUNS=3 each (bench/ForwardBench)
  bench queue        disk-assisted action queue spill and drain side by side with rsyslogd (bench/QueueBench)
USAGE
}

publish() {
  echo "publishing NativeAOT binary to $BIN" >&2
  dotnet publish src/Daemon/Sluice.Daemon.csproj -c Release -r linux-x64 -o "$OUT" -nologo -v quiet >&2
  rm -f "$OUT"/*.dbg
}

stale() {
  [[ ! -x $BIN ]] && return 0
  [[ -n $(find src Directory.Build.props Directory.Packages.props -newer "$BIN" -type f \
          \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.conf' \) -print -quit) ]]
}

publish_if_stale() { if stale; then publish; fi; }

run_tests() {
  publish_if_stale
  local log; log=$(mktemp)
  set +e
  dotnet test tests/Sluice.Tests/Sluice.Tests.csproj -c Release -nologo 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  # VSTest's summary: "Failed!  - Failed: 1, Passed: 10, Skipped: 0, Total: 11, ..."
  local line; line=$(grep -E '(Passed|Failed)!? +- +Failed: ' "$log" | tail -1 || true)
  local failed passed skipped
  failed=$(sed -nE 's/.*Failed: +([0-9]+).*/\1/p' <<<"$line")
  passed=$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' <<<"$line")
  skipped=$(sed -nE 's/.*Skipped: +([0-9]+).*/\1/p' <<<"$line")
  rm -f "$log"
  if [[ -z $line ]]; then
    # No summary: the build or the test host failed before reporting.
    echo "0 passed, 1 failed"
    return 1
  fi
  if [[ $rc -ne 0 && ${failed:-0} -eq 0 ]]; then failed=1; fi
  echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
  [[ ${failed:-0} -eq 0 && $rc -eq 0 ]]
}

run_bench() {
  local what=${1:-all}
  publish_if_stale
  case $what in
    decompress) bench/decompress.sh; return ;;
    forward) dotnet run -c Release --project bench/ForwardBench -- --messages 1000000 --daemon-messages 500000 --daemon-runs "${FORWARD_RUNS:-3}"; return ;;
    queue) dotnet run -c Release --project bench/QueueBench -- --messages "${QUEUE_MESSAGES:-20000}" --drain-messages "${QUEUE_DRAIN_MESSAGES:-500000}" --runs "${QUEUE_RUNS:-3}"; return ;;
  esac
  if [[ $what == all || $what == micro ]]; then
    dotnet run -c Release --project bench/Sluice.Bench -- --filter '*' --job short --memory
  fi
  if [[ $what == all || $what == load ]]; then
    bench/load.sh
  fi
}

cmd=${1:-build}
[[ $# -gt 0 ]] && shift
case $cmd in
  build|publish) publish ;;
  run)
    [[ ${1:-} == -- ]] && shift
    publish_if_stale
    args=("$@")
    has_f=0; has_i=0
    for a in "${args[@]}"; do
      [[ $a == -f* ]] && has_f=1
      [[ $a == -i* ]] && has_i=1
    done
    [[ $has_f -eq 0 ]] && args=(--embedded-config "${args[@]}")
    [[ $has_i -eq 0 ]] && args=(-iNONE "${args[@]}")
    exec "$BIN" -n "${args[@]}"
    ;;
  test) run_tests ;;
  bench) run_bench "${1:-all}" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
