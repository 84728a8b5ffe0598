-- wrk script: POSTs the NGSI-LD batch bodies listed in WRK_BODIES (one JSON
-- array per line) to /ngsi-ld/v1/entityOperations/upsert?options=update with
-- the API key WRK_API_KEY, walking through the list; prints "status <code>
-- <count>" lines when wrk is done. Every "@T@" in a body becomes the request's
-- observation time: one second later with each request (as sensors send
-- readings), counted from WRK_FIRST_TIME (Unix seconds, default
-- 2026-11-26T00:00:00Z) in wrk thread 0; thread k starts k * 10^6 s later.
local bodies = {}
local file = assert(io.open(os.getenv("WRK_BODIES"), "r"))
for line in file:lines() do
  if #line > 0 then bodies[#bodies + 1] = line end
end
file:close()
local key = os.getenv("WRK_API_KEY")
local first_time = tonumber(os.getenv("WRK_FIRST_TIME") or "1795651200")

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local counter
statuses = {}
local sent
function init(args)
  counter = id * 7
  sent = 0
  statuses = {}
end

function request()
  counter = counter + 1
  sent = sent + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%S.000Z", first_time + id * 1000000 + sent)
  local body = string.gsub(bodies[(counter % #bodies) + 1], "@T@", at)
  return wrk.format("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update",
                    {["Content-Type"] = "application/json", ["X-Api-Key"] = key,
                     ["NGSILD-Tenant"] = "bench"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
  end
end
