#!/usr/bin/env bash
# Runs every test. The browser tests drive Debian's Chromium; install it when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

chromium="${ZONEPOLL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Chromium not found at $chromium: installing Debian's chromium package."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

dotnet tool restore >/dev/null
dotnet test ZonePoll.sln --logger "console;verbosity=normal" "$@"
