#!/usr/bin/env bash
# Cold start: a fresh process to its first completion over the in-process stub, raw floor vs ours (full default
# pipeline, client built in the process). Two views: hyperfine's wall time for the whole process (start to exit),
# and the process's own "process start -> first answer" figure (median of N runs).
# Usage: benchmarks/coldstart.sh [runs=20]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-20}"
out="$here/coldstart-results.md"
dotnet build "$here/LlmAbstraction.Benchmarks" -c Release -v q -nologo | grep -E " error | warning " || true
dll="$here/LlmAbstraction.Benchmarks/bin/Release/net10.0/LlmAbstraction.Benchmarks.dll"

{
  echo "Cold start, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
  echo
  if command -v hyperfine >/dev/null; then
    md="$(mktemp)"
    hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$md" --style none \
      -n raw "dotnet $dll cold raw" -n ours "dotnet $dll cold ours" >/dev/null 2>&1
    echo "hyperfine, whole process (start to exit), $runs runs after 3 warm-ups:"
    echo
    cat "$md"; rm -f "$md"
    echo
  fi
  echo "In-process figures, median of $runs fresh processes (ours also splits Main -> answer into build, price catalogue, first call):"
  echo
  echo "| Arm | process start -> first answer (ms) | Main -> first answer (ms) | ours: build / catalogue / first call (ms) |"
  echo "|---|---:|---:|---|"
  median() { sort -n | awk '{v[NR]=$1} END {printf "%.1f", v[int((NR+1)/2)]}'; }
  for arm in raw ours; do
    lines="$(for _ in $(seq 1 "$runs"); do dotnet "$dll" cold "$arm"; done)"
    start="$(sed -E 's/.*from_process_start_ms=([0-9.]+).*/\1/' <<<"$lines" | median)"
    main="$(sed -E 's/.*from_main_ms=([0-9.]+).*/\1/' <<<"$lines" | median)"
    split="$( (grep -o 'build_ms=[0-9.]* price_catalogue_ms=[0-9.]* first_call_ms=[0-9.]*' <<<"$lines" | sort -t= -k2 -n | sed -n "$(( (runs + 1) / 2 ))p" | sed -E 's/build_ms=([0-9.]+) price_catalogue_ms=([0-9.]+) first_call_ms=([0-9.]+)/\1 \/ \2 \/ \3/') || true)"
    echo "| $arm | $start | $main | ${split:--} |"
  done
} > "$out"
cat "$out"
