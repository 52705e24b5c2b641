#!/usr/bin/env bash
# Is the API responsive while a sweep runs? Starts `regsweep serve` (compiled: run `npm run build` first) on
# 127.0.0.1 with a temporary database, then:
#   1. idle latency: wrk on each read endpoint with no sweep running;
#   2. the reference sweep alone: its wall time (finishedAt − startedAt, as the server records it);
#   3. the same sweep again with wrk on the read endpoints, one after another, for as long as it runs:
#      p50/p99 latency per endpoint under load, and the sweep's slowdown against step 2;
#   4. /api/health while hostile bodies arrive back to back (issue 17, item 3): 250,000 unknown keys, an array of
#      10^6 items, JSON nested 3,000 deep, and a CSV upload of UPLOAD_ROWS rows (parsed on a worker thread);
#   5. /api/health while the largest sweep the limits allow is submitted, planned, run and concluded
#      (scripts/health-during-largest-sweep.js, its own server): one request at a time 10 ms apart, then under wrk.
#      LARGEST=0 skips it (two sweeps of 990,000 fold results: a minute or two each on an idle 2-core machine).
# Loopback only, bounded: each wrk run lasts DURATION, the sweeps end on their own (~40 s alone on 2 cores).
# The sweep is cd (no learning curves): a gd sweep's trials page carries every fold's learning curve (MBs per page).
# Every read endpoint is measured: health, the lists, one dataset / sweep / schedule, a trials page of 100, the report,
# a schedule's runs and firings. The write limit is lifted for the server (the hostile bodies are writes).
# Usage: scripts/load-test.sh   (env: PORT, DURATION=5s, CONNECTIONS=8, THREADS=2, LAMBDAS=300, UPLOAD_ROWS=200000,
#        LARGEST=1)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-3917}"
DURATION="${DURATION:-5s}"
UPLOAD_ROWS="${UPLOAD_ROWS:-200000}"
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

REGSWEEP_WRITE_LIMIT=1000000 node "$ROOT/bin/regsweep.js" serve --db "$WORK/load.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -sf "$BASE/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$BASE/api/health" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

echo "regsweep load test: wrk -d $DURATION -c $CONNECTIONS -t $THREADS on $BASE, $(nproc) cores"
ALONE=$(submit)
wait_sweep "$ALONE"
ALONE_WALL=$(wall_seconds "$ALONE")
SCHEDULE=$(curl -sf -X POST -H 'content-type: application/json' "$BASE/api/schedules" \
  -d "{\"name\":\"load-test\",\"cron\":\"0 3 * * *\",\"enabled\":false,\"sweep\":$SWEEP}" | json .id)
DATASET=$(curl -sf "$BASE/api/datasets" | json .items.0.id)
PATHS=("/api/health" "/api/datasets" "/api/datasets/$DATASET" "/api/sweeps" "/api/sweeps/$ALONE"
  "/api/sweeps/$ALONE/trials?pageSize=100" "/api/sweeps/$ALONE/report" "/api/schedules" "/api/schedules/$SCHEDULE"
  "/api/schedules/$SCHEDULE/runs" "/api/schedules/$SCHEDULE/firings")

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

# 4. Hostile bodies, one after another in the background, while wrk measures /api/health.
node -e '
  const fs = require("fs"), dir = process.argv[1], rows = Number(process.argv[2]);
  fs.writeFileSync(dir + "/keys.json", JSON.stringify(Object.fromEntries(Array.from({ length: 250000 }, (_, i) => ["k" + i, 1]))));
  fs.writeFileSync(dir + "/items.json", JSON.stringify({ name: "x", dataset: "diabetes", penalties: new Array(1e6).fill(1) }));
  fs.writeFileSync(dir + "/deep.json", "{\"split\":".repeat(3000) + "1" + "}".repeat(3000));
  const lines = ["a,b,c,d,y"];
  for (let i = 0; i < rows; i++) lines.push([i % 7, i % 11, i % 13, i % 17, i % 5].join(","));
  fs.writeFileSync(dir + "/rows.csv", lines.join("\n") + "\n");
' "$WORK" "$UPLOAD_ROWS"
hostile() {
  while [[ -f "$WORK/hostile.on" ]]; do
    for body in keys items deep; do
      curl -s -o /dev/null -X POST -H 'content-type: application/json' --data-binary "@$WORK/$body.json" "$BASE/api/sweeps"
    done
    curl -s -o /dev/null -X POST -F name=rows -F "file=@$WORK/rows.csv" "$BASE/api/datasets"
  done
}
touch "$WORK/hostile.on"
hostile &
HOSTILE_PID=$!
echo
echo "while hostile bodies arrive (250,000 keys; 10^6 items; 3,000 levels; a CSV of $UPLOAD_ROWS rows)"
printf '  %-52s %10s %10s %10s %7s\n' endpoint p50 p99 req/s errors
read -r p50 p99 rps errors <<<"$(measure /api/health)"
printf '  %-52s %10s %10s %10s %7s\n' /api/health "$p50" "$p99" "$rps" "$errors"
rm -f "$WORK/hostile.on"
wait "$HOSTILE_PID" || true
echo "  uploads stored meanwhile: $(curl -sf "$BASE/api/datasets?pageSize=1000" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.filter(d=>d.name==="rows").length))')"

# 5. The largest allowed sweep, on a server of its own (this one is stopped first: two servers would share 2 cores).
if [[ "${LARGEST:-1}" != 0 ]]; then
  cleanup
  SERVER_PID=""
  echo
  node "$ROOT/scripts/health-during-largest-sweep.js" sequential
  echo
  DURATION="$DURATION" node "$ROOT/scripts/health-during-largest-sweep.js" wrk
fi
