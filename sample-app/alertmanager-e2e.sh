#!/usr/bin/env bash
# The alert rules and the Alertmanager route, end to end (issue 20, README "Alert rules"): one
# embedded PostgreSQL (sample-app/e2e/E2ePostgres.java) behind one TCP relay
# (sample-app/e2e/e2e.py relay), two sample instances (profile postgres) through that relay,
# Debian's prometheus scraping both on /actuator/prometheus every second with the repository's
# rules (docs/prometheus/resilience-rules.yml, evaluated every second), Debian's
# prometheus-alertmanager with the example route (docs/prometheus/alertmanager-example.yml,
# grouping by alarm; only its webhook URLs and its timings are changed here: group_wait 5s,
# group_interval 10s) and a webhook receiver (e2e.py webhook) that logs every POST. Cutting the
# relay is one database outage shared by both instances: both set datasource_disconnected.
# Fails loudly (exit 1, with the logs) unless exactly one notification for datasource_disconnected
# arrives, naming both instances' alert, and no second one follows within group_interval and more.
# Run from anywhere: bash sample-app/alertmanager-e2e.sh (CI runs it from .ci/run). MVN_FLAGS adds
# Maven options (MVN_FLAGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d -t alertmanager-e2e-XXXXXX)
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${keep:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "Alertmanager e2e FAILED: $*" >&2
  local f
  for f in "$work"/*.log "$work"/notifications.jsonl; do
    [ -f "$f" ] || continue
    echo "--- last 30 lines of $f ---" >&2
    tail -n 30 "$f" >&2
  done
  if [ -n "$(ls -A "$work")" ]; then
    keep=yes
    echo "(logs kept in $work)" >&2
  fi
  exit 1
}

alertmanager=$(command -v prometheus-alertmanager || command -v alertmanager || true)
command -v prometheus >/dev/null || fail "prometheus is needed: apt-get install -y prometheus (Debian/Ubuntu)"
[ -n "$alertmanager" ] || fail "prometheus-alertmanager is needed: apt-get install -y prometheus-alertmanager (Debian/Ubuntu)"
for tool in python3 curl java mvn; do
  command -v "$tool" >/dev/null || fail "$tool is needed: install it (Debian: apt-get install -y python3 curl; a JDK 17 and Maven)"
done
started=$(date +%s)

echo "Alertmanager e2e: building the sample (mvn package -DskipTests) and its test class path"
mvn ${MVN_FLAGS:-} -B -ntp -q -pl sample-app -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  >"$work/build.log" 2>&1 || fail "the sample's build failed"
mvn ${MVN_FLAGS:-} -B -ntp -q -pl sample-app org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/test-classpath.txt" >>"$work/build.log" 2>&1 \
  || fail "could not resolve the sample's test class path (embedded PostgreSQL)"
shopt -s nullglob
jars=(sample-app/target/sample-app-*.jar)
[ "${#jars[@]}" -eq 1 ] || fail "expected one sample-app jar in sample-app/target, found ${#jars[@]}"
jar=${jars[0]}

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
pg_port=$(free_port); relay=$(free_port); control_port=$(free_port); port_a=$(free_port); port_b=$(free_port)
prom_port=$(free_port); am_port=$(free_port); hook_port=$(free_port)

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what did not happen within $seconds s"
    sleep 0.5
  done
}

echo "Alertmanager e2e: embedded PostgreSQL on $pg_port behind a relay on $relay"
java -cp "$(cat "$work/test-classpath.txt")" sample-app/e2e/E2ePostgres.java "$pg_port" >"$work/postgres.log" 2>&1 &
pids+=($!)
wait_for "PostgreSQL's start" 90 grep -qs 'E2E POSTGRES READY' "$work/postgres.log"
python3 sample-app/e2e/e2e.py relay "$relay" "$pg_port" "$control_port" >"$work/relay.log" 2>&1 &
pids+=($!)
python3 sample-app/e2e/e2e.py webhook "$hook_port" "$work/notifications.jsonl" >"$work/webhook.log" 2>&1 &
pids+=($!)

start_instance() { # name, HTTP port
  java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" --server.port="$2" --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$relay/postgres" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --spring.datasource.hikari.connection-timeout=250 --spring.main.banner-mode=off >"$work/app-$1.log" 2>&1 &
  pids+=($!)
}
ready() {
  local body
  body=$(curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null) || return 1
  grep -q '"status":"UP"' <<<"$body"
}
echo "Alertmanager e2e: two sample instances on $port_a and $port_b"
start_instance a "$port_a"
start_instance b "$port_b"
wait_for "instance a's readiness UP" 150 ready "$port_a"
wait_for "instance b's readiness UP" 60 ready "$port_b"
scrape=$(curl -fsS "http://127.0.0.1:$port_a/actuator/prometheus") || fail "GET /actuator/prometheus failed on instance a"
grep -q '^resilience_check_state{.*check="datasource"' <<<"$scrape" \
  || fail "instance a's /actuator/prometheus has no resilience_check_state for the datasource check"

# The example route with this receiver's URLs and short timings; everything else as shipped.
sed -e "s#http://127.0.0.1:9095/#http://127.0.0.1:$hook_port/#" \
    -e 's#^\(  group_wait:\) 30s#\1 5s#' -e 's#^\(  group_interval:\) 5m#\1 10s#' \
    docs/prometheus/alertmanager-example.yml >"$work/alertmanager.yml"
grep -q "group_wait: 5s" "$work/alertmanager.yml" && grep -q "group_interval: 10s" "$work/alertmanager.yml" \
  && grep -q "127.0.0.1:$hook_port/pager" "$work/alertmanager.yml" \
  || fail "could not adapt docs/prometheus/alertmanager-example.yml (its group_wait, group_interval or URLs changed)"
cat >"$work/prometheus.yml" <<CFG
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/docs/prometheus/resilience-rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: driver-payments
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['127.0.0.1:$port_a', '127.0.0.1:$port_b']
CFG
"$alertmanager" --config.file="$work/alertmanager.yml" --storage.path="$work/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
am_ready() { curl -fsS "http://127.0.0.1:$am_port/-/ready" >/dev/null 2>&1; }
targets_up() {
  [ "$(curl -fsS "http://127.0.0.1:$prom_port/api/v1/query?query=sum(up%7Bjob%3D%22driver-payments%22%7D)" 2>/dev/null \
    | grep -oE '"value":\[[^]]*"2"\]' | wc -l)" = 1 ]
}
wait_for "Alertmanager's readiness" 30 am_ready
wait_for "Prometheus scraping both instances" 60 targets_up

echo "Alertmanager e2e: cutting the database link shared by both instances"
cut_at=$(date +%s)
exec 3<>"/dev/tcp/127.0.0.1/$control_port" || fail "relay control port refused"
echo cut >&3
read -r _ <&3
exec 3>&-

count_notifications() {
  python3 - "$work/notifications.jsonl" <<'PY'
import json, sys
n = 0
try:
    for line in open(sys.argv[1]):
        body = json.loads(line)
        if body.get("status") == "firing" and body.get("groupLabels", {}).get("alarm") == "datasource_disconnected":
            n += 1
except FileNotFoundError:
    pass
print(n)
PY
}
has_notification() { [ "$(count_notifications)" -ge 1 ]; }
# The rules hold an alert for 30 s (for: 30s), then group_wait is 5 s.
wait_for "a notification for datasource_disconnected" 90 has_notification
first_at=$(date +%s)
# A second notification of the group could come after group_interval (10 s): wait past it.
sleep 15
count=$(count_notifications)
[ "$count" = 1 ] || fail "$count notifications for datasource_disconnected, expected exactly 1"
summary=$(python3 - "$work/notifications.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    body = json.loads(line)
    if body.get("status") == "firing" and body.get("groupLabels", {}).get("alarm") == "datasource_disconnected":
        alerts = body["alerts"]
        print(f"receiver {body['receiver']}, {len(alerts)} alert(s): "
              + "; ".join(f"{a['labels']['alertname']}: {a['annotations'].get('summary', '')}" for a in alerts))
PY
)
grep -q 'on 2 instance' <<<"$summary" || fail "the notification does not name both instances: $summary"
others=$(grep -c . "$work/notifications.jsonl" || true)
echo "Alertmanager e2e passed in $(($(date +%s) - started)) s: one database outage of two instances," \
  "exactly 1 notification for datasource_disconnected, $((first_at - cut_at)) s after the cut ($summary);" \
  "none more in the next 15 s; $others notification(s) in all at the receiver."
