#!/usr/bin/env bash
# Loopback load comparison: direct HTTP vs our client in process vs the Portkey gateway, all against one Kestrel fake.
# Everything listens on 127.0.0.1; driver, gateway and fake share this machine's cores. Non-streaming calls only
# (Portkey 1.15.2's streaming answers HTTP 500 unless @hono/node-server is pinned, Portkey-AI/gateway#1389).
# Usage: benchmarks/load/run.sh [requests-per-level=2000] [max-seconds-per-level=20]
# Env: SCRATCH (gateway install dir, default /tmp/llma-portkey), FAKE_PORT (5199), GATEWAY_PORT (8787), SKIP_PORTKEY=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
requests="${1:-2000}"
seconds="${2:-20}"
scratch="${SCRATCH:-/tmp/llma-portkey}"
fake_port="${FAKE_PORT:-5199}"
gw_port="${GATEWAY_PORT:-8787}"
out="$here/results.md"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url, name
  for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "$2 did not start ($1)" >&2; exit 1
}

echo "== build (Release)"
dotnet build "$root/benchmarks/FakeProvider" -c Release -v q -nologo | grep -E "error|Warn|warn" || true
dotnet build "$root/benchmarks/LoadDriver" -c Release -v q -nologo | grep -E "error|Warn|warn" || true

echo "== fake provider on 127.0.0.1:$fake_port"
dotnet "$root/benchmarks/FakeProvider/bin/Release/net10.0/FakeProvider.dll" --urls "http://127.0.0.1:$fake_port" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$fake_port/health" "fake provider"

portkey_args=()
if [[ "${SKIP_PORTKEY:-0}" != "1" ]]; then
  echo "== Portkey gateway 1.15.2 in $scratch (npm install, no global install)"
  mkdir -p "$scratch"
  cat > "$scratch/package.json" <<'JSON'
{ "name": "llma-portkey-scratch", "private": true, "dependencies": { "@portkey-ai/gateway": "1.15.2" } }
JSON
  (cd "$scratch" && npm install --no-audit --no-fund --silent)
  NODE_ENV=production node --require "$here/loopback-only.cjs" "$scratch/node_modules/@portkey-ai/gateway/build/start-server.js" --headless "--port=$gw_port" >/dev/null 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$gw_port/" "Portkey gateway"
  portkey_args=(--portkey "http://127.0.0.1:$gw_port")
fi

echo "== load: concurrency 1,16,64; $requests requests or $seconds s per target and level (after 1000 warm-up calls per target, all targets warmed first)"
{
  echo "Loopback load comparison, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared by driver, gateway and fake; load before: $(uptime | sed 's/.*load average/load average/')"
  echo
  dotnet "$root/benchmarks/LoadDriver/bin/Release/net10.0/LoadDriver.dll" --fake "http://127.0.0.1:$fake_port" "${portkey_args[@]}" \
    --concurrency 1,16,64 --requests "$requests" --seconds "$seconds" --warmup 1000
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
