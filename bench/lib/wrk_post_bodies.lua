-- wrk script: POSTs the JSON bodies listed in the file named by WRK_BODIES
-- (one per line) to WRK_PATH, as a logged-in browser when WRK_COOKIE and
-- WRK_ORIGIN are set; each connection starts at its own place in the list
-- and walks through it. Counts the answers by status and prints them as
-- "status <code> <count>" lines when wrk is done.
local bodies = {}
local file = assert(io.open(os.getenv("WRK_BODIES"), "r"))
for line in file:lines() do
  if #line > 0 then bodies[#bodies + 1] = line end
end
file:close()
local path = os.getenv("WRK_PATH") or "/api/appointments"
-- Optional: a session cookie (WRK_COOKIE) and the Origin that must go with it.
local headers = {["Content-Type"] = "application/json"}
if os.getenv("WRK_COOKIE") then
  headers["Cookie"] = os.getenv("WRK_COOKIE")
  headers["Origin"] = os.getenv("WRK_ORIGIN")
end

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local counter
statuses = {} -- global: done() reads it from every thread
function init(args)
  counter = id * 7919
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("POST", path, headers, bodies[(counter % #bodies) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d %d\n", code, n)) end
end
