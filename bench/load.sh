#!/usr/bin/env bash
# Side-by-side load benchmark: sluiced (out/sluiced) against rsyslogd, with the same config and the same load.
#
# For each daemon and run: start it on a fresh temp dir (imtcp on 127.0.0.1, ephemeral port -> omfile with
# RSYSLOG_FileFormat), measure idle RSS after LOAD_IDLE_SECONDS, send the load with bench/LoadGen, wait until the
# output file holds every message, then take CPU (utime+stime delta), peak RSS (VmHWM) and throughput (messages /
# time from the first send() to the output file's last write). Every message is verified to have arrived exactly
# once; any loss or duplicate fails the whole benchmark. Runs alternate between daemons; medians are reported.
#
# Environment (all optional):
#   LOAD_CONNECTIONS=4  LOAD_MESSAGES=2000000  LOAD_RUNS=3  LOAD_FRAMING=lf|octet|mixed  LOAD_FORMAT=mixed|3164|5424
#   LOAD_TIMEOUT=300 (seconds per run)  LOAD_IDLE_SECONDS=2  LOAD_DAEMONS="sluiced rsyslogd"
#   LOAD_DYNAFILE=0 (N > 0: both configs write through a dynaFile layout instead, one file per sending host,
#                    LoadGen varying the hostname over N values, dynaFileCacheSize=N so every file stays open)
#   SLUICED=<repo>/out/sluiced  RSYSLOGD=/usr/sbin/rsyslogd  LOAD_RESULTS=<repo>/bench/results
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNECTIONS=${LOAD_CONNECTIONS:-4}
MESSAGES=${LOAD_MESSAGES:-2000000}
RUNS=${LOAD_RUNS:-3}
FRAMING=${LOAD_FRAMING:-lf}
FORMAT=${LOAD_FORMAT:-mixed}
TIMEOUT=${LOAD_TIMEOUT:-300}
IDLE_SECONDS=${LOAD_IDLE_SECONDS:-2}
DYNAFILE=${LOAD_DYNAFILE:-0}
DAEMONS=${LOAD_DAEMONS:-sluiced rsyslogd}
SLUICED=${SLUICED:-$ROOT/out/sluiced}
RSYSLOGD=${RSYSLOGD:-/usr/sbin/rsyslogd}
RESULTS=${LOAD_RESULTS:-$ROOT/bench/results}
CLK_TCK=$(getconf CLK_TCK)

say() { printf '[load] %s\n' "$*" >&2; }
die() { printf '[load] FAILED: %s\n' "$*" >&2; exit 1; }

# ---- the load generator ------------------------------------------------------------------------------------
say "building bench/LoadGen (Release)"
dotnet build "$ROOT/bench/LoadGen/LoadGen.csproj" -c Release -nologo -v quiet >/dev/null || die "LoadGen build failed"
LOADGEN="$ROOT/bench/LoadGen/bin/Release/net9.0/LoadGen"
[[ -x $LOADGEN ]] || die "LoadGen binary missing at $LOADGEN"

# ---- which daemons can run -----------------------------------------------------------------------------------
declare -A BIN=([sluiced]=$SLUICED [rsyslogd]=$RSYSLOGD)
ACTIVE=()
for d in $DAEMONS; do
  [[ -n ${BIN[$d]:-} ]] || die "unknown daemon '$d' in LOAD_DAEMONS (known: sluiced rsyslogd)"
  if [[ -x ${BIN[$d]} ]]; then
    ACTIVE+=("$d")
  elif [[ $d == sluiced ]]; then
    say "SKIP sluiced: ${BIN[$d]} not found (run ./build.sh first)"
  else
    say "SKIP rsyslogd: ${BIN[$d]} not found (apt-get install rsyslog)"
  fi
done
((${#ACTIVE[@]} > 0)) || die "no daemon to benchmark"

# ---- per-run state and cleanup ---------------------------------------------------------------------------------
DAEMON_PID=""
RUN_DIR=""
cleanup() {
  if [[ -n $DAEMON_PID ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -KILL "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  [[ -n $RUN_DIR && -d $RUN_DIR ]] && rm -rf "$RUN_DIR"
  DAEMON_PID=""; RUN_DIR=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_ticks() { # utime+stime of all threads; fields counted after the ")" that ends comm
  local stat; stat=$(<"/proc/$1/stat"); stat=${stat##*) }
  awk '{ print $12 + $13 }' <<<"$stat"
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
kv() { grep -o "$1=[^ ]*" <<<"$2" | tail -n1 | cut -d= -f2; }

write_config() { # identical for both daemons; only paths differ
  cat >"$1/daemon.conf" <<EOF
global(workDirectory="$1/work")
module(load="imtcp" MaxSessions="500")
input(type="imtcp" port="0" listenPortFileName="$1/port" address="127.0.0.1")
EOF
  if ((DYNAFILE > 0)); then
    cat >>"$1/daemon.conf" <<EOF
template(name="dynpath" type="string" string="$1/dyn/%fromhost-ip%/%hostname%.log")
action(type="omfile" dynaFile="dynpath" dynaFileCacheSize="$DYNAFILE" template="RSYSLOG_FileFormat")
EOF
  else
    echo "action(type=\"omfile\" file=\"$1/out.log\" template=\"RSYSLOG_FileFormat\")" >>"$1/daemon.conf"
  fi
}

# Where the output is, for LoadGen wait/verify: the file, or the dynaFile tree.
output_args() { if ((DYNAFILE > 0)); then echo "--dir $1/dyn"; else echo "--file $1/out.log"; fi; }
hosts_args() { if ((DYNAFILE > 0)); then echo "--hosts $DYNAFILE"; fi; }

stop_daemon() {
  kill -TERM "$DAEMON_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$DAEMON_PID" 2>/dev/null; then say "$1 did not exit 30 s after SIGTERM; killing"; kill -KILL "$DAEMON_PID"; fi
  wait "$DAEMON_PID" 2>/dev/null || true
  DAEMON_PID=""
}

fail_run() { # name, message: show the daemon's stderr, keep config and stderr for a look, then fail
  say "---- $1 stderr (last 30 lines) ----"
  tail -n 30 "$RUN_DIR/stderr" >&2 2>/dev/null || true
  local keep="$RESULTS/failed-$STAMP-$1"
  mkdir -p "$keep" && cp "$RUN_DIR/daemon.conf" "$RUN_DIR/stderr" "$keep/" 2>/dev/null || true
  say "config and stderr kept in $keep"
  die "$1: $2"
}

mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%d-%H%M%S)
TSV="$RESULTS/load-$STAMP.tsv"
printf 'daemon\trun\tthroughput_msgs_per_s\tcpu_s_per_million\tidle_rss_kb\tpeak_rss_kb\n' >"$TSV"

run_one() { # daemon-name run-number
  local name=$1 run=$2 bin=${BIN[$1]}
  RUN_DIR=$(mktemp -d /tmp/sluice-load.XXXXXX)
  mkdir -p "$RUN_DIR/work"
  write_config "$RUN_DIR"
  "$bin" -n -f "$RUN_DIR/daemon.conf" -i "$RUN_DIR/daemon.pid" >"$RUN_DIR/stdout" 2>"$RUN_DIR/stderr" &
  DAEMON_PID=$!
  for _ in $(seq 1 100); do [[ -s $RUN_DIR/port ]] && break; kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$DAEMON_PID" 2>/dev/null || fail_run "$name" "exited during startup"
  [[ -s $RUN_DIR/port ]] || fail_run "$name" "no port file after 10 s"
  local port; port=$(tr -dc '0-9' <"$RUN_DIR/port")

  sleep "$IDLE_SECONDS"
  local idle_rss; idle_rss=$(status_kb "$DAEMON_PID" VmRSS)
  local cpu0; cpu0=$(cpu_ticks "$DAEMON_PID")
  local run_id; run_id=$(printf '%s%02d%04x' "${name:0:2}" "$run" $((RANDOM)))

  local send_out
  send_out=$("$LOADGEN" send --port "$port" --connections "$CONNECTIONS" --messages "$MESSAGES" \
    --framing "$FRAMING" --format "$FORMAT" --time-limit "$TIMEOUT" --run-id "$run_id" $(hosts_args) 2>&1) \
    || { echo "$send_out" >&2; fail_run "$name" "LoadGen send did not complete"; }
  local first_send; first_send=$(kv first_send_unix_ns "$send_out")
  local send_rate; send_rate=$(kv send_rate "$send_out")
  local sent; sent=$(kv sent_messages "$send_out")
  [[ $sent == "$MESSAGES" ]] || fail_run "$name" "sent $sent of $MESSAGES"

  local wait_out
  # shellcheck disable=SC2046 # output_args is two words on purpose
  wait_out=$("$LOADGEN" wait $(output_args "$RUN_DIR") --run-id "$run_id" --count "$MESSAGES" --timeout "$TIMEOUT" 2>&1) \
    || { echo "$wait_out" >&2; fail_run "$name" "output did not reach $MESSAGES messages within $TIMEOUT s"; }
  local last_write; last_write=$(kv last_write_unix_ns "$wait_out")
  kill -0 "$DAEMON_PID" 2>/dev/null || fail_run "$name" "died during the run"
  local cpu1; cpu1=$(cpu_ticks "$DAEMON_PID")
  local peak_rss; peak_rss=$(status_kb "$DAEMON_PID" VmHWM)

  stop_daemon "$name"
  local verify_out
  # shellcheck disable=SC2046
  verify_out=$("$LOADGEN" verify $(output_args "$RUN_DIR") --run-id "$run_id" --connections "$CONNECTIONS" --messages "$MESSAGES" 2>&1) \
    || { echo "$verify_out" >&2; fail_run "$name" "output verification failed (messages lost or duplicated)"; }

  local throughput cpu_per_m
  throughput=$(awk -v n="$MESSAGES" -v a="$first_send" -v b="$last_write" 'BEGIN { d = (b - a) / 1e9; if (d <= 0) d = 1e-9; printf "%.0f", n / d }')
  cpu_per_m=$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v n="$MESSAGES" 'BEGIN { printf "%.3f", (t / hz) / (n / 1e6) }')
  say "$name run $run: $throughput msg/s, $cpu_per_m CPU s/M msgs, idle RSS ${idle_rss} kB, peak RSS ${peak_rss} kB (LoadGen send rate $send_rate msg/s; $(kv out_of_order "$verify_out") arrivals out of per-connection order)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$throughput" "$cpu_per_m" "$idle_rss" "$peak_rss" >>"$TSV"
  cleanup
}

LAYOUT="omfile (RSYSLOG_FileFormat)"
((DYNAFILE > 0)) && LAYOUT="omfile dynaFile, $DYNAFILE files (one per sending host, dynaFileCacheSize=$DYNAFILE, RSYSLOG_FileFormat)"
say "load: $CONNECTIONS connections x $((MESSAGES / CONNECTIONS)) = $MESSAGES messages, framing=$FRAMING format=$FORMAT, $LAYOUT, $RUNS runs each: ${ACTIVE[*]}"
for run in $(seq 1 "$RUNS"); do
  for name in "${ACTIVE[@]}"; do run_one "$name" "$run"; done
done

# ---- medians, ratios, tables ------------------------------------------------------------------------------------
median() { # daemon column
  awk -F'\t' -v d="$1" -v c="$2" 'NR > 1 && $1 == d { print $c }' "$TSV" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A MED
for name in "${ACTIVE[@]}"; do
  for col in 3 4 5 6; do MED[$name,$col]=$(median "$name" "$col"); done
done
fmt() { # column value -> display
  [[ -z $2 ]] && { echo "-"; return; }
  case $1 in
    3) awk -v v="$2" 'BEGIN { printf "%.0f", v }' ;;
    4) awk -v v="$2" 'BEGIN { printf "%.2f", v }' ;;
    5|6) awk -v v="$2" 'BEGIN { printf "%.1f", v / 1024 }' ;;
  esac
}
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }' || echo "-"; }
LABELS=([3]="throughput (msg/s, higher is better)" [4]="CPU s per 1M msgs (lower is better)" [5]="idle RSS (MiB)" [6]="peak RSS (MiB)")

S_ON=0; R_ON=0
for n in "${ACTIVE[@]}"; do [[ $n == sluiced ]] && S_ON=1; [[ $n == rsyslogd ]] && R_ON=1; done
MD="$RESULTS/load-$STAMP.md"
{
  echo "Load: $CONNECTIONS TCP connections x $((MESSAGES / CONNECTIONS)) messages (= $MESSAGES, framing $FRAMING, RFC $FORMAT, ~210 B each),"
  echo "imtcp -> $LAYOUT, same config for both daemons, median of $RUNS runs, $(nproc) cores."
  [[ -x $RSYSLOGD ]] && echo "rsyslogd: $("$RSYSLOGD" -v 2>/dev/null | head -n1 | awk '{print $2}')"
  echo
  echo "| metric | sluiced | rsyslogd | sluiced / rsyslogd |"
  echo "| --- | ---: | ---: | ---: |"
  for col in 3 4 5 6; do
    s=""; r=""
    ((S_ON)) && s=${MED[sluiced,$col]}
    ((R_ON)) && r=${MED[rsyslogd,$col]}
    echo "| ${LABELS[$col]} | $(fmt $col "$s") | $(fmt $col "$r") | $(ratio "$s" "$r") |"
  done
} >"$MD"

echo
printf '%-40s %14s %14s %20s\n' metric sluiced rsyslogd "sluiced/rsyslogd"
for col in 3 4 5 6; do
  s=""; r=""
  ((S_ON)) && s=${MED[sluiced,$col]}
  ((R_ON)) && r=${MED[rsyslogd,$col]}
  printf '%-40s %14s %14s %20s\n' "${LABELS[$col]}" "$(fmt $col "$s")" "$(fmt $col "$r")" "$(ratio "$s" "$r")"
done
echo
echo "Markdown (also in $MD; raw runs in $TSV):"
echo
cat "$MD"
