#!/bin/sh
# screenshot_html.sh - render the page of `lineprof export --format=html` to
# a PNG with headless Chromium, to check by eye that it reads well (shaded
# lines, numbers, summary table). Not part of ctest: it needs Chromium
# (`apt-get install -y chromium`).
#
# usage: tests/screenshot_html.sh [--by-memory] FILE.html [OUT.png] [WIDTHxHEIGHT]
#   or:  tests/screenshot_html.sh [--by-memory] FILE.lprof [OUT.png] [WIDTHxHEIGHT]
#   (a .lprof is exported first with the lineprof on PATH, or $LINEPROF).
#   OUT.png defaults to FILE.png; the window to 1200x900. --by-memory shows
#   a profile with memory shaded by Increment (it clicks the page's switch).
# --no-sandbox is needed when running as root (containers, CI).
set -eu
by_memory=
if [ "${1:-}" = --by-memory ]; then
  by_memory=1
  shift
fi
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 [--by-memory] FILE.html|FILE.lprof [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi
in=$1
png=${2:-${in%.*}.png}
size=${3:-1200x900}
[ -r "$in" ] || { echo "$0: cannot read $in" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser ||
  command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install -y chromium)" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
case $in in
*.lprof)
  html=$profile/page.html
  "${LINEPROF:-lineprof}" export --format=html -o "$html" "$in" ;;
*) html=$in ;;
esac
if [ -n "$by_memory" ]; then
  grep -q 'id="bymem"' "$html" || { echo "$0: $in has no memory figures" >&2; exit 1; }
  sed 's#</body>#<script>document.getElementById("bymem").click()</script></body>#' \
    "$html" > "$profile/by-memory.html"
  html=$profile/by-memory.html
fi
case $html in /*) abs=$html ;; *) abs=$(pwd)/$html ;; esac
case $png in /*) out=$png ;; *) out=$(pwd)/$png ;; esac
"$browser" --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --hide-scrollbars --user-data-dir="$profile/chromium" \
  --screenshot="$out" --window-size="$(echo "$size" | tr x ,)" \
  "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$out"
