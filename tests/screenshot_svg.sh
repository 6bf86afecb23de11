#!/bin/sh
# screenshot_svg.sh - render an SVG (e.g. from `lineprof mprof plot`) to a PNG
# with headless Chromium, to check by eye that it reads well in a browser.
# Not part of ctest: it needs Chromium (`apt-get install -y chromium`).
#
# usage: tests/screenshot_svg.sh FILE.svg [OUT.png] [WIDTHxHEIGHT]
#   OUT.png defaults to FILE.png; the window defaults to 1280x580 (the plot
#   is 1260x560).
# --no-sandbox is needed when running as root (containers, CI).
set -eu
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 FILE.svg [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi
svg=$1
png=${2:-${svg%.svg}.png}
size=${3:-1280x580}
[ -r "$svg" ] || { echo "$0: cannot read $svg" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser ||
  command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install -y chromium)" >&2; exit 1; }
case $svg in /*) abs=$svg ;; *) abs=$(pwd)/$svg ;; esac
case $png in /*) out=$png ;; *) out=$(pwd)/$png ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
"$browser" --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out" --window-size="$(echo "$size" | tr x ,)" \
  "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$out"
