-- lua-tests.lua - exercises the Lua interpreter for lit/cmake/lua.sh
-- (Debian's lua5.4 source has no test suite). Deterministic output: the
-- plain and the profiled interpreter must print the same thing.
local function section(name) print("== " .. name) end

section("arithmetic")
print(7 // 2, 7 % -3, 2^10, 1e308 * 10, math.maxinteger + 1 == math.mininteger)
print(string.format("%.14g %d %x %5.2f %q", math.pi, 3, 255, 2/3, "a\nb"))
print(math.tointeger(3.0), 3 | 5, 6 & 3, 1 << 62, ~0, math.fmod(-7, 3))

section("strings and patterns")
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:rep(2, "|"):len(), s:reverse():sub(1, 9))
for w in s:gmatch("%a+") do io.write(w:len(), " ") end print()
print(s:gsub("(%w+)", "<%1>"):sub(1, 30), s:find("fox"), s:match("(%a+) dog"))
print(("%d items"):format(42), utf8.char(72, 228, 8364), utf8.len("häll€"))
print(string.pack(">I4", 0x01020304):byte(1, -1))

section("tables and sort")
math.randomseed(42)
local t = {}
for i = 1, 2000 do t[i] = math.random(1, 100000) end
table.sort(t)
local ok = true
for i = 2, #t do ok = ok and t[i - 1] <= t[i] end
print(ok, #t, t[1] <= t[2000], table.concat({1, 2, 3}, ","))
table.sort(t, function(a, b) return a > b end)
print(t[1] >= t[#t], select("#", table.unpack(t, 1, 100)), table.move({1, 2, 3}, 1, 3, 2)[3])

section("closures, metatables, coroutines")
local function counter() local n = 0 return function() n = n + 1 return n end end
local c = counter(); c(); c()
print(c())
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
print(tostring(setmetatable({x = 1}, V) + setmetatable({x = 2}, V)))
local gen = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * i) end end)
local sq = {}
for _ = 1, 5 do sq[#sq + 1] = gen() end
print(table.concat(sq, " "))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(25))

section("errors, load, goto")
print(select(2, pcall(error, {code = 7})).code)
print(select(2, pcall(function() local x = nil; return x.y end)) ~= nil)
print(load("return 1 + ... ")(41), xpcall(function() error("boom", 0) end, function(m) return "handled " .. m end))
local n = 0
::again:: n = n + 1
if n < 10 then goto again end
print(n)

section("garbage collector")
local weak = setmetatable({}, {__mode = "k"})
do local key = {} weak[key] = true end
collectgarbage("collect")
local left = 0
for _ in pairs(weak) do left = left + 1 end
print(left)
local parts = {}
for i = 1, 20000 do parts[i] = tostring(i) end
print(#table.concat(parts))

section("io")
local name = os.tmpname()
local f = assert(io.open(name, "w"))
for i = 1, 100 do f:write(i, "\n") end
f:close()
local sum = 0
for line in io.lines(name) do sum = sum + tonumber(line) end
os.remove(name)
print(sum)
