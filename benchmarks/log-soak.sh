#!/usr/bin/env bash
# Log bytes per crash: runs the sample app with the payments bug on and payments every 100 ms,
# logging to a file, for SOAK_SECONDS (default 600); then divides the bytes the app logged after
# its "Started" line by the crashes of payments (resilience.worker.runs, outcome=failure).
#   benchmarks/log-soak.sh [RESULTS_DIR]          needs sample-app/target/sample-app-*.jar
#   SOAK_SECONDS=120 benchmarks/log-soak.sh       a 2-minute run
#   SOAK_JAR=/path/to/app.jar                     another build of the sample
# run.sh builds the jar and calls this script; alone, build it first with
#   mvn -B -ntp -q -pl sample-app -am package -DskipTests
# Prints RAW lines (soak.*) for the report; the app's log is kept as RESULTS_DIR/soak-app.log.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
R=${1:-"$ROOT/benchmarks/target/bench-results"}
JAVA=${JAVA:-java}
SECONDS_TO_RUN=${SOAK_SECONDS:-600}
INTERVAL=${SOAK_INTERVAL:-100ms}
mkdir -p "$R"
LOG="$R/soak-app.log"
JAR=${SOAK_JAR:-$(ls "$ROOT"/sample-app/target/sample-app-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)}
if [ -z "$JAR" ]; then
  echo "SKIPPED: no sample-app jar; build it with: mvn -B -ntp -q -pl sample-app -am package -DskipTests"
  exit 0
fi

port=18960
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
rm -f "$LOG"
"$JAVA" -Xmx512m -jar "$JAR" --server.port="$port" --sample.payments.bug=true \
  --resilience.workers.payments.interval="$INTERVAL" --logging.file.name="$LOG" > /dev/null 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT

failures() {  # crashes of payments so far, from the metrics endpoint
  curl -s "http://127.0.0.1:$port/actuator/metrics/resilience.worker.runs?tag=worker:payments&tag=outcome:failure" \
    | sed -n 's/.*"statistic":"COUNT","value":\([0-9.E]*\).*/\1/p'
}
for _ in $(seq 180); do
  if grep -q 'Started SampleApplication' "$LOG" 2>/dev/null && [ -n "$(failures)" ]; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the sample app died; see $LOG"; exit 1; fi
  sleep 1
done
echo "sample app up on port $port (pid $APP_PID); soaking for ${SECONDS_TO_RUN}s, payments every $INTERVAL, bug on"
sleep "$SECONDS_TO_RUN"
crashes=$(failures)
bytes_total=$(stat -c %s "$LOG")
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
# bytes logged up to and including the "Started" line are start-up, not crashes
startup_bytes=$(awk '{ n += length($0) + 1 } /Started SampleApplication/ { print n; exit }' "$LOG")
bytes=$((bytes_total - startup_bytes))
awk -v b="$bytes" -v c="${crashes:-0}" -v s="$SECONDS_TO_RUN" 'BEGIN {
  printf "RAW soak.seconds %d\nRAW soak.crashes %d\nRAW soak.log_bytes %d\n", s, c, b
  if (c > 0) printf "RAW soak.log_bytes_per_crash %.2f\n", b / c
}'
echo "log lines after start-up, by logger (up to the end of the soak):"
awk 'f { print } /Started SampleApplication/ { f = 1 }' "$LOG" | head -c "$bytes" \
  | awk '$2 ~ /^(ERROR|WARN|INFO|DEBUG)$/ { split($0, a, " : "); n = split(a[1], w, " "); c[$2 " " w[n]]++ }
         !($2 ~ /^(ERROR|WARN|INFO|DEBUG)$/) { c["(stack trace and other continuation lines)"]++ }
         END { for (k in c) printf "  %6d  %s\n", c[k], k }' | sort -rn
