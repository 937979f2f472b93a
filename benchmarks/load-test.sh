#!/usr/bin/env bash
# Load test on Payara Micro: requests per second of the sample's open endpoint (the baseline), the same endpoint with
# a token it never validates, the sample's protected endpoint, and its DPoP-only endpoint with a fresh ES256 proof per
# request (minted by the demo just before each run; see dpop-proofs.lua); and the first three on a WAR guarded by
# Payara's own MicroProfile JWT instead of tokengate, deployed beside it in the same server. Measured in the same run, in
# three rounds whose order rotates; reported as ratios to the open endpoint, per round and as medians. All traffic
# goes to 127.0.0.1. Needs wrk (Debian: apt-get install wrk).
# Usage: benchmarks/load-test.sh [seconds-per-run] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
command -v wrk >/dev/null || { echo "load-test: wrk is needed (apt-get install wrk)" >&2; exit 1; }

mvn -B -q -DskipTests package -pl benchmarks/baseline-war
log=$(mktemp)
mvn -B -q -Pdemo verify -Dtokengate.demo.extra-war="$PWD/benchmarks/baseline-war/target/mpjwt-baseline.war" > "$log" 2>&1 &
demo=$!
# mvn execs java, so $demo is the JVM that runs the demo: SIGTERM runs its shutdown hook, which stops Payara Micro
# (a background job of a script ignores SIGINT).
trap 'kill -TERM $demo 2>/dev/null || true; wait $demo 2>/dev/null || true; rm -f "$log" "${results:-}" "${proofs:-}"' EXIT
for _ in $(seq 1 120); do grep -q "Press Ctrl-C" "$log" && break; sleep 2; done
grep -q "Press Ctrl-C" "$log" || { echo "load-test: the sample API did not start" >&2; cat "$log" >&2; exit 1; }
token=$(grep '^export READ_PATIENTS=' "$log" | cut -d= -f2)
bound=$(grep '^export DPOP_BOUND=' "$log" | cut -d= -f2)
minter=$(grep -o 'http://127.0.0.1:[0-9]*/proof' "$log" | head -1)
proofs=$(mktemp)

base=http://127.0.0.1:8080
declare -A url=(
  [open]="$base/api/public/ping" [open+token]="$base/api/public/ping" [protected]="$base/api/records"
  [dpop]="$base/api/lab-results"
  [mpjwt-open]="$base/mpjwt-baseline/api/public/ping" [mpjwt-open+token]="$base/mpjwt-baseline/api/public/ping"
  [mpjwt-protected]="$base/mpjwt-baseline/api/records")
names=(open open+token protected dpop mpjwt-open mpjwt-open+token mpjwt-protected)

rps() { # name
  local args=(-t1 -c"$connections" -d"${seconds}s")
  local script=()
  [[ $1 == *token* || $1 == *protected* ]] && args+=(-H "Authorization: Bearer $token")
  if [[ $1 == dpop ]]; then
    # more proofs than the run can use: a proof used twice would be refused as a replay (counted as non-2xx below)
    curl -s "$minter?htm=GET&htu=${url[dpop]}&n=$(( seconds * 3000 ))" > "$proofs"
    args+=(-H "Authorization: DPoP $bound" -s benchmarks/dpop-proofs.lua)
    script=(-- "$proofs")
  fi
  wrk "${args[@]}" "${url[$1]}" "${script[@]}" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx answers: " $NF > "/dev/stderr"}'
}

# Warm-up: the JIT, both WARs and the caches.
for name in "${names[@]}"; do rps "$name" > /dev/null; done

results=$(mktemp)
for round in 0 1 2; do
  declare -A r=()
  for i in 0 1 2 3 4 5 6; do
    name=${names[$(( (i + 2 * round) % 7 ))]}
    r[$name]=$(rps "$name")
  done
  line="round $((round + 1)): open ${r[open]} req/s"
  for name in "${names[@]:1}"; do
    line+=$(awk -v n="$name" -v v="${r[$name]}" -v o="${r[open]}" 'BEGIN { printf " | %s %.3fx", n, v / o }')
  done
  echo "$line"
  for name in "${names[@]}"; do printf '%s %s\n' "$name" "$(awk -v v="${r[$name]}" -v o="${r[open]}" 'BEGIN { printf "%.3f", v / o }')"; done >> "$results"
done
printf 'medians (x the open endpoint):'
for name in "${names[@]:1}"; do printf ' %s %s |' "$name" "$(awk -v n="$name" '$1 == n {print $2}' "$results" | sort -n | sed -n 2p)"; done
echo
