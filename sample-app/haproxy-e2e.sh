#!/usr/bin/env bash
# HAProxy in front of two sample instances, end to end (issue 20, README "Load balancers"):
# one embedded PostgreSQL (zonky, sample-app/e2e/E2ePostgres.java), one TCP relay per instance in
# front of it (sample-app/e2e/e2e.py relay: "cut" closes the relay's listener and every relayed
# connection, "restore" listens again), two sample JVMs (profile postgres, Hikari's
# connection-timeout at 250 ms) each through its own relay, and Debian's HAProxy 2.6 with the
# README's configuration (readiness polled every 250 ms, retry-on with option redispatch,
# observe layer7). Eight clients GET /payments/summary through HAProxy the whole time. Five times:
# cut instance a's database link, wait until HAProxy's stats socket shows a DOWN, restore it,
# wait until a is UP again. Fails loudly (exit 1, with the logs) unless 0 client requests failed,
# a left rotation every time, and came back only after its datasource check was CONNECTED again
# (passing-checks: 3 checks at 1 s), at least 2 s after the restore. Prints cut -> out-of-rotation
# for each try; the goal is at most 500 ms.
# Run from anywhere: bash sample-app/haproxy-e2e.sh (CI runs it from .ci/run). MVN_FLAGS adds Maven
# options (MVN_FLAGS=-o to build offline); E2E_KEEP=1 keeps the logs (otherwise kept only on failure).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d -t haproxy-e2e-XXXXXX)
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${keep:-}${E2E_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "HAProxy e2e FAILED: $*" >&2
  local f
  for f in "$work"/*.log; do
    [ -f "$f" ] || continue
    echo "--- last 40 lines of $f ---" >&2
    tail -n 40 "$f" >&2
  done
  if [ -n "$(ls -A "$work")" ]; then
    keep=yes
    echo "(logs kept in $work)" >&2
  fi
  exit 1
}

for tool in haproxy python3 curl java mvn; do
  command -v "$tool" >/dev/null || fail "$tool is needed: install it (Debian: apt-get install -y haproxy python3 curl; a JDK 17 and Maven)"
done
haproxy_version=$(haproxy -v 2>&1 || true)
haproxy_version=${haproxy_version%%$'\n'*}
grep -qE 'version 2\.([6-9]|[1-9][0-9])|version [3-9]\.' <<<"$haproxy_version" \
  || fail "HAProxy 2.6 or later is needed, found: $haproxy_version"
started=$(date +%s)

echo "HAProxy e2e: building the sample (mvn package -DskipTests) and its test class path"
mvn ${MVN_FLAGS:-} -B -ntp -q -pl sample-app -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  >"$work/build.log" 2>&1 || fail "the sample's build failed"
mvn ${MVN_FLAGS:-} -B -ntp -q -pl sample-app org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/test-classpath.txt" >>"$work/build.log" 2>&1 \
  || fail "could not resolve the sample's test class path (embedded PostgreSQL)"
shopt -s nullglob
jars=(sample-app/target/sample-app-*.jar)
[ "${#jars[@]}" -eq 1 ] || fail "expected one sample-app jar in sample-app/target, found ${#jars[@]}"
jar=${jars[0]}

# Ports nobody listens on.
used=" "
free_port() {
  local candidate
  for _ in $(seq 1 100); do
    candidate=$((20000 + RANDOM % 40000))
    case "$used" in *" $candidate "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      used+="$candidate "
      echo "$candidate"
      return
    fi
  done
  fail "found no free port"
}
pg_port=$(free_port); relay_a=$(free_port); relay_b=$(free_port); control_a=$(free_port); control_b=$(free_port)
port_a=$(free_port); port_b=$(free_port); lb_port=$(free_port)

ms() { date +%s%3N; }
wait_for() { # description, seconds, command...
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what did not happen within $seconds s"
    sleep 0.2
  done
}

echo "HAProxy e2e: embedded PostgreSQL on port $pg_port"
java -cp "$(cat "$work/test-classpath.txt")" sample-app/e2e/E2ePostgres.java "$pg_port" >"$work/postgres.log" 2>&1 &
pids+=($!)
wait_for "PostgreSQL's start" 90 grep -qs 'E2E POSTGRES READY' "$work/postgres.log"

python3 sample-app/e2e/e2e.py relay "$relay_a" "$pg_port" "$control_a" >"$work/relay-a.log" 2>&1 &
pids+=($!)
python3 sample-app/e2e/e2e.py relay "$relay_b" "$pg_port" "$control_b" >"$work/relay-b.log" 2>&1 &
pids+=($!)
control() { # control port, command -> epoch ms at which it took effect
  local answer
  exec 3<>"/dev/tcp/127.0.0.1/$1" || fail "relay control port $1 refused"
  echo "$2" >&3
  read -r answer <&3
  exec 3>&-
  echo "$answer"
}

start_instance() { # name, HTTP port, relay port
  java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" --server.port="$2" --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$3/postgres" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --spring.datasource.hikari.connection-timeout=250 --spring.main.banner-mode=off >"$work/app-$1.log" 2>&1 &
  pids+=($!)
}
ready() {
  local body
  body=$(curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null) || return 1
  grep -q '"status":"UP"' <<<"$body"
}
echo "HAProxy e2e: two sample instances, a on $port_a (relay $relay_a), b on $port_b (relay $relay_b)"
start_instance a "$port_a" "$relay_a"
start_instance b "$port_b" "$relay_b"
wait_for "instance a's readiness UP" 150 ready "$port_a"
wait_for "instance b's readiness UP" 60 ready "$port_b"

# The README's configuration (section "Load balancers"), with these ports and a stats socket.
cat >"$work/haproxy.cfg" <<CFG
global
    stats socket $work/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 1s
    timeout client 10s
    timeout server 10s
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 503

frontend payments
    bind 127.0.0.1:$lb_port
    default_backend payments

backend payments
    balance roundrobin
    http-request disable-l7-retry unless { method GET HEAD }
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server check inter 250ms fall 1 rise 1 observe layer7 error-limit 3 on-error mark-down
    server a 127.0.0.1:$port_a
    server b 127.0.0.1:$port_b
CFG
haproxy -c -q -f "$work/haproxy.cfg" >"$work/haproxy-check.log" 2>&1 || fail "HAProxy rejected the configuration"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_for "HAProxy's stats socket" 10 test -S "$work/haproxy.sock"
python3 sample-app/e2e/e2e.py watch "$work/haproxy.sock" "$work/states.txt" >"$work/watch.log" 2>&1 &
pids+=($!)
status_of() { grep " $1 " "$work/states.txt" 2>/dev/null | tail -1 | awk '{print $3}'; }
is_up() { [ "$(status_of "$1")" = UP ]; }
wait_for "server a UP in HAProxy" 10 is_up a
wait_for "server b UP in HAProxy" 10 is_up b

echo "HAProxy e2e: eight clients GET /payments/summary through HAProxy on $lb_port"
python3 sample-app/e2e/e2e.py load "http://127.0.0.1:$lb_port/payments/summary" 8 "$work/stop" "$work/clients.txt" \
  >"$work/clients.log" 2>&1 &
clients=$!
pids+=($clients)
sleep 2

connected_lines() { grep -c "Check 'datasource' is now CONNECTED" "$work/app-a.log" || true; }
figures=()
for try in 1 2 3 4 5; do
  lines=$(wc -l <"$work/states.txt")
  cut_at=$(control "$control_a" cut)
  down_at=
  for _ in $(seq 1 100); do
    down_at=$(awk -v from="$lines" 'NR > from && $2 == "a" && $3 != "UP" {print $1; exit}' "$work/states.txt")
    [ -n "$down_at" ] && break
    sleep 0.1
  done
  [ -n "$down_at" ] || fail "try $try: server a still UP in HAProxy 10 s after its database link was cut"
  figures+=($((down_at - cut_at)))
  # HAProxy's reason: "Layer7 wrong status" (the readiness poll) or "Health analyze" (observe layer7).
  reason=$(grep 'payments/a is DOWN' "$work/haproxy.log" | tail -1 | sed -e 's/.*reason: //' -e 's/, info:.*//' -e 's/\. [0-9]* active.*//')
  sleep 1
  before=$(connected_lines)
  restore_at=$(control "$control_a" restore)
  lines=$(wc -l <"$work/states.txt")
  up_at=
  for _ in $(seq 1 300); do
    up_at=$(awk -v from="$lines" 'NR > from && $2 == "a" && $3 == "UP" {print $1; exit}' "$work/states.txt")
    [ -n "$up_at" ] && break
    sleep 0.1
  done
  [ -n "$up_at" ] || fail "try $try: server a not back UP in HAProxy 30 s after its database link was restored"
  # Back only after the passing checks: its check CONNECTED (logged) before HAProxy saw it UP.
  [ "$(connected_lines)" -gt "$before" ] || fail "try $try: a back in rotation before its datasource check was CONNECTED"
  connected_at=$(date -d "$(grep "Check 'datasource' is now CONNECTED" "$work/app-a.log" | tail -1 | awk '{print $1}')" +%s%3N)
  [ "$connected_at" -le "$up_at" ] || fail "try $try: a back in rotation at $up_at, before its check was CONNECTED at $connected_at"
  [ $((up_at - restore_at)) -ge 2000 ] \
    || fail "try $try: a back in rotation $((up_at - restore_at)) ms after the restore: sooner than 3 passing checks at 1 s"
  echo "  try $try: cut -> out of rotation $((down_at - cut_at)) ms (${reason:-reason not logged}); restore -> check CONNECTED $((connected_at - restore_at)) ms -> back in rotation $((up_at - restore_at)) ms"
  sleep 1
done

touch "$work/stop"
wait "$clients" || true
read -r summary <"$work/clients.txt"
failed=${summary##*failed=}
requests=${summary%% *}; requests=${requests#requests=}
[ "$requests" -gt 100 ] || fail "only $requests client requests were sent"
[ "$failed" = 0 ] || { cat "$work/clients.txt" >&2; fail "$failed of $requests client requests failed"; }

sorted=$(printf '%s\n' "${figures[@]}" | sort -n | tr '\n' ' ')
within=0
for f in "${figures[@]}"; do [ "$f" -le 500 ] && within=$((within + 1)); done
echo "HAProxy e2e passed in $(($(date +%s) - started)) s: $requests client requests, 0 failed;" \
  "a left rotation every time and came back only after its datasource check was CONNECTED."
echo "HAProxy e2e: cut -> out of rotation (ms, 5 tries, sorted): $sorted($within of 5 within the 500 ms goal)"
