#!/usr/bin/env bash
# Runs every test. Installs what a fresh Debian machine lacks (Chromium for the browser tests), then dotnet test.
# Two passes: everything but the browser, then the browser journeys alone, one at a time, so that the
# latency they measure is the app's and not the rest of the suite's CPU load.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build ResultsDashboard.sln -c Release -warnaserror
dotnet test ResultsDashboard.sln -c Release --no-build --filter "Category!=Browser" "$@" | tee -a "$log"
dotnet test ResultsDashboard.sln -c Release --no-build --filter "Category=Browser" "$@" -- xUnit.ParallelizeTestCollections=false | tee -a "$log"
# One closing line for both passes.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
