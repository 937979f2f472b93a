-- wrk script of the load test's DPoP run: each request carries the next proof of the file the script is given (one
-- per line, minted for this URL and token just before the run), as a real client sends a fresh proof per request.
-- Usage: wrk ... -s dpop-proofs.lua <url> -- <proof file>
local proofs = {}
local position = 1

function init(args)
  for line in io.lines(args[1]) do
    proofs[#proofs + 1] = line
  end
end

function request()
  wrk.headers["DPoP"] = proofs[position]
  position = position % #proofs + 1
  return wrk.format()
end
