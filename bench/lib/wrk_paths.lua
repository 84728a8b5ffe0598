-- wrk script: requests the paths listed in the file named by WRK_PATHS
-- (one per line), round-robin, so a benchmark covers many different queries.
local paths = {}
local file = assert(io.open(os.getenv("WRK_PATHS"), "r"))
for line in file:lines() do
  if #line > 0 then paths[#paths + 1] = line end
end
file:close()
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
