-- wrk's side of bench_pages_during_round.py: each wrk thread cycles its connections through the
-- public pages (BENCH_PAGES, one per line; "{random}" becomes a random number), one request per
-- connection (Connection: close, as the Python clients), and counts the page-cache hits.
-- "requests" counts the answers other than 4xx/5xx (wrk counts those too), as the Python
-- clients count only a 200.
local pages = {}
for line in string.gmatch(os.getenv("BENCH_PAGES") or "/", "[^\n]+") do
  pages[#pages + 1] = line
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local n = 0
hits = 0 -- a global: done() reads it from each thread
function init(args)
  math.randomseed(os.time() + id)
  n = id
end

function request()
  n = n + 1
  local path = pages[(n % #pages) + 1]:gsub("{random}", tostring(math.random()))
  return wrk.format("GET", path, { ["Host"] = "127.0.0.1", ["Connection"] = "close" })
end

function response(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local found = 0
  for _, thread in ipairs(threads) do
    found = found + thread:get("hits")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "hits": %d, "errors": %d, "p50": %d, "p95": %d}\n',
    summary.requests - e.status, found, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
