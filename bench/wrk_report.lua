-- wrk script for bench/run.py: count non-2xx responses and print one JSON line
-- with exact percentiles at the end, so run.py needn't parse wrk's text report.

local threads = {}

-- Each wrk thread has its own Lua state; done() reads these through thread:get().
non2xx = 0

function setup(thread)
   table.insert(threads, thread)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, '
         .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, '
         .. '"timeout": %d}, "latency_us": {"min": %.0f, "mean": %.1f, '
         .. '"stdev": %.1f, "max": %.0f, "p50": %.0f, "p75": %.0f, "p90": %.0f, '
         .. '"p99": %.0f}}\n',
      summary.requests, summary.duration, summary.bytes, bad,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.min, latency.mean, latency.stdev, latency.max,
      latency:percentile(50), latency:percentile(75), latency:percentile(90),
      latency:percentile(99)))
end
