#!/usr/bin/env bash
# Runs every test. Installs what a fresh Debian machine lacks (Chromium for the browser tests), then dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
dotnet test ResultsDashboard.sln -c Release --logger "console;verbosity=normal" "$@"
