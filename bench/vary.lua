-- wrk script: every request gets its own query string, so no page cache can answer it.
-- Arguments: a nonce that differs between runs (the cache outlives a run).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  nonce = args[1] or "0"
  counter = 0
  sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
end
function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. sep .. "v=" .. nonce .. "-" .. tid .. "-" .. counter)
end
