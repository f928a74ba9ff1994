#!/usr/bin/env bash
# Leases across processes, end to end: two sample JVMs under the postgres profile on one embedded
# PostgreSQL (started by dev.resilience.sample.LeaseE2eDatabase from the sample's test classes),
# lease time 3 s. Finds the payments worker's holder in resilience_lease, freezes it with kill -STOP
# for longer than the lease time, checks that the other instance took the lease over with a larger
# token, resumes the frozen one with kill -CONT, and checks that nothing was paid twice (payments
# table), no driver was paid more than owed, payments went on, and the resumed instance did not take
# the lease back. Fails loudly (exit 1, with the logs) on anything else.
# Run from anywhere: bash sample-app/lease-e2e.sh (CI runs it from .ci/run); extra Maven arguments
# in LEASE_E2E_MVN_ARGS (for example -o).
set -euo pipefail
cd "$(dirname "$0")/.."

LEASE_TIME_SECONDS=3
work=$(mktemp -d -t lease-e2e-XXXXXX)
pids=()

fail() {
  echo "Lease e2e FAILED: $*" >&2
  for f in "$work"/*.log; do
    [ -f "$f" ] || continue
    echo "--- last 40 lines of $f ---" >&2
    tail -n 40 "$f" >&2
  done
  exit 1
}

cleanup() {
  for pid in "${pids[@]}"; do
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

command -v curl >/dev/null || fail "curl is needed to query the instances"
started=$(date +%s)

echo "Lease e2e: building the sample and its test classes (mvn -Please-e2e test-compile)"
# shellcheck disable=SC2086
mvn -B -ntp -q ${LEASE_E2E_MVN_ARGS:-} -pl sample-app -am -Please-e2e test-compile -Dmaven.javadoc.skip=true \
  -Djapicmp.skip=true >"$work/build.log" 2>&1 || fail "the build failed"
runtime_cp="sample-app/target/classes:$(cat sample-app/target/classpath-runtime.txt)"
test_cp="sample-app/target/test-classes:sample-app/target/classes:$(cat sample-app/target/classpath-test.txt)"

free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  fail "found no free port"
}

db_port=$(free_port)
java -cp "$test_cp" dev.resilience.sample.LeaseE2eDatabase serve "$db_port" >"$work/postgres.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q '^ready' "$work/postgres.log" && break
  sleep 0.5
done
grep -q '^ready' "$work/postgres.log" || fail "the embedded PostgreSQL did not start within 60 s"

query() {
  java -cp "$test_cp" dev.resilience.sample.LeaseE2eDatabase query "$db_port" "$1" 2>>"$work/query.log" \
    || fail "query failed: $1"
}

declare -A pid_of port_of
start_instance() {
  local name=$1 port
  port=$(free_port)
  java -cp "$runtime_cp" dev.resilience.sample.SampleApplication --spring.profiles.active=postgres \
    --server.port="$port" --spring.datasource.url="jdbc:postgresql://localhost:$db_port/postgres" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres --spring.main.banner-mode=off \
    --resilience.cluster.instance-id="$name" --resilience.cluster.lease-time="${LEASE_TIME_SECONDS}s" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
  port_of[$name]=$port
}

await_ready() {
  local name=$1
  for _ in $(seq 1 240); do
    kill -0 "${pid_of[$name]}" 2>/dev/null || fail "instance $name exited during start-up"
    if curl -fsS "http://127.0.0.1:${port_of[$name]}/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
      return
    fi
    sleep 0.5
  done
  fail "instance $name was not ready within 120 s"
}

# the first instance migrates the database; the second starts once it is ready
start_instance lease-a
await_ready lease-a
start_instance lease-b
await_ready lease-b
echo "Lease e2e: lease-a (pid ${pid_of[lease-a]}) and lease-b (pid ${pid_of[lease-b]}) ready on PostgreSQL port $db_port"

holder=
for _ in $(seq 1 60); do
  holder=$(query "select holder from resilience_lease where name = 'payments'")
  paid=$(query "select count(*) from payments")
  [ -n "$holder" ] && [ "$paid" -gt 0 ] && break
  sleep 0.5
done
[ -n "$holder" ] && [ "$paid" -gt 0 ] || fail "no instance holds the payments lease and pays (holder '$holder', payments $paid)"
case "$holder" in
  lease-a) other=lease-b ;;
  lease-b) other=lease-a ;;
  *) fail "unexpected holder '$holder'" ;;
esac
token=$(query "select token from resilience_lease where name = 'payments'")
echo "Lease e2e: $holder holds the payments lease with token $token; $paid payments so far"

freeze=$((LEASE_TIME_SECONDS * 2 + 2))
kill -STOP "${pid_of[$holder]}"
frozen_at=$(date +%s)
echo "Lease e2e: froze $holder (kill -STOP) for ${freeze} s, longer than the lease time of ${LEASE_TIME_SECONDS} s"
sleep "$freeze"
during_holder=$(query "select holder from resilience_lease where name = 'payments'")
during_token=$(query "select token from resilience_lease where name = 'payments'")
[ "$during_holder" = "$other" ] || fail "while $holder was frozen the lease stayed with '$during_holder', not $other"
[ "$during_token" -gt "$token" ] || fail "the token did not grow on the take-over ($token -> $during_token)"
kill -CONT "${pid_of[$holder]}"
echo "Lease e2e: $other took the lease over with token $during_token; resumed $holder (kill -CONT) after $(( $(date +%s) - frozen_at )) s"

paid_before=$(query "select count(*) from payments")
sleep $((LEASE_TIME_SECONDS * 2))
after_holder=$(query "select holder from resilience_lease where name = 'payments'")
after_token=$(query "select token from resilience_lease where name = 'payments'")
paid_after=$(query "select count(*) from payments")
twice=$(query "select count(*) from (select job_id from payments group by job_id having count(*) > 1) twice")
overpaid=$(query "select count(*) from drivers where paid_cents > owed_cents")
kill -0 "${pid_of[$holder]}" 2>/dev/null || fail "$holder exited after it was resumed"
[ "$after_holder" = "$other" ] || fail "the resumed $holder took the lease back (holder now '$after_holder')"
[ "$after_token" = "$during_token" ] || fail "the lease changed hands again after the resume ($during_token -> $after_token)"
[ "$twice" = 0 ] || fail "$twice jobs were paid twice"
[ "$overpaid" = 0 ] || fail "$overpaid drivers were paid more than owed"
[ "$paid_after" -gt "$paid_before" ] || fail "payments stopped after the resume ($paid_before -> $paid_after)"
fenced=$(grep -c 'Payments fenced out' "$work/$holder.log" || true)

echo "Lease e2e passed in $(($(date +%s) - started)) s: $holder froze holding token $token, $other took over" \
  "with token $during_token and kept it after $holder resumed; $paid_after payments, none twice, no driver" \
  "overpaid; fenced-out runs of the resumed instance: $fenced"
