-- Debian's wrk (4.1) has no -R (constant rate, wrk2): each connection instead waits
-- WRK_PACE_MS after every response before its next request, so C connections make at most
-- C * 1000 / WRK_PACE_MS requests/s. Latency is measured by wrk from send to response.
-- done() prints the figures as RAW lines for the report, under the key WRK_LABEL.
local pace = tonumber(os.getenv("WRK_PACE_MS") or "10")
local label = os.getenv("WRK_LABEL") or "health.unknown"

function delay()
   return pace
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format("RAW %s.rate %.6f\n", label, summary.requests / seconds))
   io.write(string.format("RAW %s.requests %d\n", label, summary.requests))
   io.write(string.format("RAW %s.p50_ms %.6f\n", label, latency:percentile(50) / 1000))
   io.write(string.format("RAW %s.p90_ms %.6f\n", label, latency:percentile(90) / 1000))
   io.write(string.format("RAW %s.p99_ms %.6f\n", label, latency:percentile(99) / 1000))
   io.write(string.format("RAW %s.max_ms %.6f\n", label, latency.max / 1000))
   io.write(string.format("RAW %s.non2xx %d\n", label, e.status))
   io.write(string.format("RAW %s.errors %d\n", label, e.connect + e.read + e.write + e.timeout))
end
