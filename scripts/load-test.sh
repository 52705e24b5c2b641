#!/usr/bin/env bash
# Is the API responsive while a sweep runs? Starts `regsweep serve` (compiled: run `npm run build` first) on
# 127.0.0.1 with a temporary database, then:
#   1. idle latency: wrk on each read endpoint with no sweep running;
#   2. the reference sweep alone: its wall time (finishedAt − startedAt, as the server records it);
#   3. the same sweep again with wrk on the read endpoints, one after another, for as long as it runs:
#      p50/p99 latency per endpoint under load, and the sweep's slowdown against step 2.
# Loopback only, bounded: each wrk run lasts DURATION, the sweeps end on their own (~40 s alone on 2 cores).
# The sweep is cd (no learning curves): a gd sweep's trials page carries every fold's learning curve (MBs per page).
# Usage: scripts/load-test.sh   (env: PORT, DURATION=10s, CONNECTIONS=8, THREADS=2, LAMBDAS=300)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-3917}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
LAMBDAS="${LAMBDAS:-300}"
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f "$ROOT/dist/apps/cli/src/main.js" ]] || { echo "run npm run build first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found" >&2; exit 1; }

# A field of a JSON document on stdin, e.g. `json .status`.
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split(".").filter(Boolean))v=v[k];console.log(v)})' "$1"; }

# 5 curves × (10 folds + the full-data path) = 55 tasks of proximal Newton on breast-cancer.
SWEEP=$(cat <<EOF
{"name":"load-test","dataset":"breast-cancer","model":"logistic","penalties":["l1","l2","elasticnet"],
 "l1Ratios":[0.2,0.5,0.8],"lambdas":{"auto":{"count":${LAMBDAS},"minRatio":0.0001}},
 "split":{"kind":"kfold","folds":10,"seed":3},"solver":{"kind":"cd","tolerance":1e-12,"maxIterations":1000000}}
EOF
)

submit() { curl -sf -X POST -H 'content-type: application/json' -d "$SWEEP" "$BASE/api/sweeps" | json .id; }
status() { curl -sf "$BASE/api/sweeps/$1" | json .status; }
wall_seconds() {
  curl -sf "$BASE/api/sweeps/$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const w=JSON.parse(s);console.log(((Date.parse(w.finishedAt)-Date.parse(w.startedAt))/1000).toFixed(2))})'
}
wait_sweep() { while [[ "$(status "$1")" =~ ^(queued|running)$ ]]; do sleep 0.2; done; }

# wrk on one path: "p50 p99 requests/s errors".
measure() {
  local out
  out=$(wrk --latency -d "$DURATION" -c "$CONNECTIONS" -t "$THREADS" "$BASE$1")
  local p50 p99 rps errors
  p50=$(awk '$1 == "50.000%" || $1 == "50%" {print $2; exit}' <<<"$out")
  p99=$(awk '$1 == "99.000%" || $1 == "99%" {print $2; exit}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {n += $5} /Socket errors:/ {n += 1} END {print n + 0}' <<<"$out")
  echo "$p50 $p99 $rps $errors"
}

node "$ROOT/bin/regsweep.js" serve --db "$WORK/load.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -sf "$BASE/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$BASE/api/health" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

echo "regsweep load test: wrk -d $DURATION -c $CONNECTIONS -t $THREADS on $BASE, $(nproc) cores"
ALONE=$(submit)
wait_sweep "$ALONE"
ALONE_WALL=$(wall_seconds "$ALONE")
PATHS=("/api/health" "/api/sweeps" "/api/sweeps/$ALONE/trials?pageSize=100")

echo
echo "idle (no sweep running)"
printf '  %-52s %10s %10s %10s %7s\n' endpoint p50 p99 req/s errors
for path in "${PATHS[@]}"; do
  read -r p50 p99 rps errors <<<"$(measure "$path")"
  printf '  %-52s %10s %10s %10s %7s\n' "$path" "$p50" "$p99" "$rps" "$errors"
done

echo
echo "while the sweep runs (55 tasks on the worker threads)"
printf '  %-52s %10s %10s %10s %7s\n' endpoint p50 p99 req/s errors
LOADED=$(submit)
i=0
while [[ "$(status "$LOADED")" =~ ^(queued|running)$ ]]; do
  path="${PATHS[$((i % ${#PATHS[@]}))]}"
  read -r p50 p99 rps errors <<<"$(measure "$path")"
  # A run the sweep finished during is partly unloaded: marked with *.
  mark=""; [[ "$(status "$LOADED")" =~ ^(queued|running)$ ]] || mark="*"
  printf '  %-52s %10s %10s %10s %7s %s\n' "$path" "$p50" "$p99" "$rps" "$errors" "$mark"
  i=$((i + 1))
done
LOADED_WALL=$(wall_seconds "$LOADED")
[[ "$(status "$LOADED")" == succeeded ]] || { echo "the loaded sweep did not succeed" >&2; exit 1; }

echo
echo "sweep wall time: alone ${ALONE_WALL} s, under load ${LOADED_WALL} s" \
  "(slowdown $(node -e "console.log((${LOADED_WALL} / ${ALONE_WALL}).toFixed(2))")×)"
