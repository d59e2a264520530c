#!/usr/bin/env bash
# imtcp stream decompression, side by side in one run: sluiced imtcp compression.mode="stream:always" against
# rsyslogd 8.2302 imptcp compression.mode="stream:always" on the same pre-compressed zlib streams (made by omfwd's
# own stream compressor from the LoadGen corpus), plus plain baselines, sluiced with zstd, and the stream-mode
# compression ratio on the corpus. Every run checks that all messages arrived; a loss aborts the benchmark.
#
# Environment (all optional): DECOMPRESS_MESSAGES=1000000  DECOMPRESS_CONNECTIONS=2  DECOMPRESS_RUNS=1
#   DECOMPRESS_LEVEL=9 (omfwd's default zipLevel)  DECOMPRESS_FLUSH_EVERY=1024 (messages per flushed transaction)
#   SLUICED=<repo>/out/sluiced  RSYSLOGD=/usr/sbin/rsyslogd
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
echo "[decompress] building bench/DecompressBench (Release)" >&2
dotnet build "$ROOT/bench/DecompressBench/DecompressBench.csproj" -c Release -nologo -v quiet >/dev/null
exec dotnet "$ROOT/bench/DecompressBench/bin/Release/net9.0/DecompressBench.dll" \
  --messages "${DECOMPRESS_MESSAGES:-1000000}" --connections "${DECOMPRESS_CONNECTIONS:-2}" \
  --runs "${DECOMPRESS_RUNS:-1}" --level "${DECOMPRESS_LEVEL:-9}" --flush-every "${DECOMPRESS_FLUSH_EVERY:-1024}" \
  --sluiced "${SLUICED:-$ROOT/out/sluiced}" --rsyslogd "${RSYSLOGD:-/usr/sbin/rsyslogd}"
