#!/usr/bin/env bash
# The sample through Spring AOT, end to end: builds it with -Paot (process-aot generates the bean
# definitions and compiles them into the jar), starts the jar on the JVM with
# -Dspring.aot.enabled=true on a free port, and checks that it started from the generated code,
# that readiness is UP, that /actuator/supervisors answers 200 with the payments worker running,
# that its runs grow and that the status page is served. Fails loudly (exit 1, with the app's log) on anything missing.
# Run from anywhere: bash sample-app/aot-check.sh (CI runs it from .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "AOT check FAILED: $*" >&2
  if [ -n "${log:-}" ] && [ -f "$log" ]; then
    echo "--- last 60 lines of the application's log ($log) ---" >&2
    tail -n 60 "$log" >&2
  fi
  exit 1
}

command -v curl >/dev/null || fail "curl is needed to query the application"
command -v jar >/dev/null || fail "the JDK's jar tool is needed to look into the jar"
started=$(date +%s)

# -am builds the starter from this tree rather than taking an installed copy; javadoc and sources
# jars are not needed to run the sample.
# process-aot starts the application to read its bean definitions: its output goes to a file,
# shown if the build fails.
echo "AOT check: building the sample with process-aot (mvn -Paot package)"
build_log=$(mktemp -t sample-aot-build-XXXXXX.log)
mvn -B -ntp -pl sample-app -am -Paot package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  >"$build_log" 2>&1 || { tail -n 80 "$build_log" >&2; fail "the AOT build failed (log: $build_log)"; }
rm -f "$build_log"

shopt -s nullglob
jars=(sample-app/target/sample-app-*.jar)
[ "${#jars[@]}" -eq 1 ] || fail "expected one sample-app jar in sample-app/target, found ${#jars[@]}"
jar=${jars[0]}
jar tf "$jar" | grep -q 'SampleApplication__ApplicationContextInitializer.class' \
  || fail "$jar holds no AOT-generated initializer: process-aot did not run"

# A port nobody listens on: connecting to it is refused.
port=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || fail "found no free port"

log=$(mktemp -t sample-aot-XXXXXX.log)
java -Dspring.aot.enabled=true -jar "$jar" --server.port="$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"

ready=
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || fail "the application exited during start-up"
  if curl -fsS "$base/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
    ready=yes
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || fail "readiness did not answer UP within 60 s"
grep -q 'Starting AOT-processed' "$log" \
  || fail "the application did not start from the AOT-generated code (no 'Starting AOT-processed' line)"

# The payments worker's runs, from the supervisors endpoint (compact JSON: one object per worker).
payments_runs() {
  local body status
  body=$(curl -sS -w '\n%{http_code}' "$base/actuator/supervisors") || fail "GET /actuator/supervisors failed"
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  [ "$status" = 200 ] || fail "GET /actuator/supervisors answered $status: $body"
  local worker
  worker=$(grep -oE '\{"name":"payments"[^{}]*' <<<"$body") \
    || fail "no payments worker in /actuator/supervisors: $body"
  grep -q '"state":"RUNNING"' <<<"$worker" || fail "payments worker is not RUNNING: $worker"
  grep -oE '"runs":[0-9]+' <<<"$worker" | grep -oE '[0-9]+'
}

first=$(payments_runs)
grown=
for _ in $(seq 1 20); do
  sleep 0.5
  now=$(payments_runs)
  if [ "$now" -gt "$first" ]; then
    grown=yes
    break
  fi
done
[ -n "$grown" ] || fail "payments runs did not grow within 10 s (stayed at $first)"

# The status page and its files, served from the jar by the AOT-processed management configuration.
curl -fsS "$base/resilience" | grep -q '<title>Resilience status</title>' || fail "GET /resilience did not serve the status page"
for file in status.css status-tree.js status.js; do
  curl -fsS -o /dev/null "$base/resilience/$file" || fail "GET /resilience/$file failed"
done

echo "AOT check passed in $(($(date +%s) - started)) s: the sample built with process-aot started from" \
  "the generated code (-Dspring.aot.enabled=true), readiness UP, /actuator/supervisors 200," \
  "payments worker RUNNING with runs $first -> $now, status page at /resilience"
rm -f "$log"
