#!/usr/bin/env bash
# Load test of the sample API on Payara Micro: requests per second of an open endpoint, the same endpoint with a
# token (which it never validates), and a protected endpoint, all measured in the same run, reported as ratios to
# the open endpoint per round and as the median of three rounds. Traffic goes to 127.0.0.1 only. Needs wrk (Debian: apt-get install wrk).
# Usage: benchmarks/load-test.sh [seconds-per-run] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-16}
command -v wrk >/dev/null || { echo "load-test: wrk is needed (apt-get install wrk)" >&2; exit 1; }

log=$(mktemp)
mvn -B -q -Pdemo verify > "$log" 2>&1 &
demo=$!
# mvn execs java, so $demo is the JVM that runs the demo: SIGTERM runs its shutdown hook, which stops Payara Micro
# (a background job of a script ignores SIGINT).
trap 'kill -TERM $demo 2>/dev/null || true; wait $demo 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q "Press Ctrl-C" "$log" && break; sleep 2; done
grep -q "Press Ctrl-C" "$log" || { echo "load-test: the sample API did not start; see $log" >&2; cat "$log" >&2; exit 1; }
token=$(grep '^export READ_PATIENTS=' "$log" | cut -d= -f2)

rps() { # url [token]
  if [ -n "${2:-}" ]; then wrk -t1 -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $2" "$1"
  else wrk -t1 -c"$connections" -d"${seconds}s" "$1"; fi | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx:" $NF > "/dev/stderr"}'
}
open=http://127.0.0.1:8080/api/public/ping
protected=http://127.0.0.1:8080/api/records

# Warm-up: the JIT and the verified-token cache.
rps "$open" > /dev/null; rps "$protected" "$token" > /dev/null

# Three rounds; the order of the three runs rotates, so no endpoint always runs first (or hottest).
results=$(mktemp)
for round in 1 2 3; do
  case $round in
    1) order="o t p" ;;
    2) order="t p o" ;;
    3) order="p o t" ;;
  esac
  for which in $order; do
    case $which in
      o) o=$(rps "$open") ;;
      t) t=$(rps "$open" "$token") ;;
      p) p=$(rps "$protected" "$token") ;;
    esac
  done
  awk -v r="$round" -v o="$o" -v t="$t" -v p="$p" 'BEGIN {
    printf "round %s: open %.0f req/s | open with a token %.0f (%.3fx) | protected %.0f (%.3fx)\n", r, o, t, t/o, p, p/o }'
  echo "$t $p $o" >> "$results"
done
median() { awk "{ printf \"%.3f\\n\", \$$1 / \$3 }" "$results" | sort -n | sed -n 2p; }
echo "median of 3 rounds: open with a token $(median 1)x, protected $(median 2)x the open endpoint"
rm -f "$results"
