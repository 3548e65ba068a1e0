#!/usr/bin/env bash
# Runs every test. The browser tests drive Debian's Chromium, the PostgreSQL pass and the two-instance test a
# throw-away PostgreSQL and Redis; whatever of these is missing is installed first.
set -euo pipefail
cd "$(dirname "$0")"

source tests/services.sh

chromium="${ZONEPOLL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Chromium not found at $chromium: installing Debian's chromium package."
  # With its recommended fonts, so pages and screenshots render text.
  apt_install chromium
fi

# The handout prints Japanese, Chinese, Korean, Arabic and Hebrew names in Debian's Noto fonts (HandoutFonts), and
# its tests read those names back.
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || [ ! -f /usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf ]; then
  echo "Noto fonts not found: installing Debian's fonts-noto-cjk and fonts-noto-core."
  apt_install fonts-noto-cjk fonts-noto-core
fi

dotnet tool restore >/dev/null

# The integration tests run a second time on PostgreSQL, and the two-instance test needs PostgreSQL and Redis:
# throw-away servers on loopback (installed from Debian's packages when missing), stopped whatever happens.
log=$(mktemp)
trap 'stop_services; rm -f "$log"' EXIT
trap 'exit 143' TERM INT
start_services

# A test that waits forever fails the run within minutes, named, rather than running it into CI's time limit.
# The console logger stays at its default verbosity: its per-project summary and "Skipped <name>" lines are what the
# closing check below reads.
hang=(--blame-hang-timeout 5m --blame-hang-dump-type none)
set +e
dotnet test ZonePoll.sln "${hang[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "The integration tests again, on PostgreSQL:"
ZONEPOLL_TEST_PROVIDER=PostgreSQL dotnet test tests/ZonePoll.Tests --no-build "${hang[@]}" "$@" 2>&1 | tee -a "$log"
postgres_status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then status=$postgres_status; fi

# One closing line over all test projects, from each project's summary line.
summary=$(awk '/[A-Za-z]+! +- +Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d %d %d\n", p, f, s }' "$log")
read -r passed failed skipped <<<"$summary"
echo "$passed passed, $failed failed, $skipped skipped"

# Here PostgreSQL and Redis are always up, so nothing has a reason to skip: a skipped test is one CI silently lost
# (a service that did not come up, a setting a test reads under another name, a [Fact(Skip = ...)] left behind).
if [ "$skipped" -gt 0 ]; then
  echo "FAILED: $skipped test(s) skipped; ./test.sh runs every test:" >&2
  awk '/^The integration tests again, on PostgreSQL:$/ { pass = "[on PostgreSQL] " }
       /^ +Skipped / { sub(/^ +Skipped /, ""); print "  " pass $0 }' "$log" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
