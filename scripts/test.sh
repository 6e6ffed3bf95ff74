#!/usr/bin/env bash
# Runs every test. Installs what a fresh Debian machine lacks (Chromium for the browser tests, PostgreSQL for the
# second provider pass, nginx for the two-node test), then dotnet test:
#   1. everything but the browser, on SQLite (the embedded default);
#   2. the integration suite again on PostgreSQL: every Core test that touches the database (data, search semantics,
#      tallies, grading concurrency, bulk exactly-once, sittings, accounts, documents, proctoring…) and every web test
#      through the real host (isolation, sign-in, APIs, downloads), plus the tests that exist only there (two nodes'
#      shared live feed, [Trait("Provider","Postgres")]); each fixture in a throw-away database of a local server;
#   3. the browser journeys alone, one at a time, so that the latency they measure is the app's and not the rest
#      of the suite's CPU load. The two-node journey runs here only (Category=Browser, Provider=Postgres): two
#      processes of the published app on a throw-away database of the same local server, behind nginx started with
#      deploy/nginx.conf — it reads DASHBOARD_TEST_POSTGRES, exported below for every pass.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq; apt_updated=1; }
  $sudo apt-get install -y -qq "$@"
}
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  apt_install chromium
fi
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx for the two-node test…"
  apt_install nginx
fi
if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "Installing PostgreSQL for the PostgreSQL pass…"
  apt_install postgresql postgresql-contrib
fi
# Start the local cluster (the server refuses to run as root: pg_ctlcluster switches to the postgres user).
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main"' | grep -q .; then
  $sudo pg_createcluster "$pg_version" main
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  $sudo pg_ctlcluster "$pg_version" main start
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $3}')
# A role that may create (and force-drop) the throw-away databases; idempotent.
$sudo runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dashboard_test') THEN
    CREATE ROLE dashboard_test LOGIN CREATEDB PASSWORD 'dashboard_test';
  END IF;
END $$;
GRANT pg_signal_backend TO dashboard_test;
SQL
export DASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=dashboard_test;Password=dashboard_test"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build ResultsDashboard.sln -c Release -warnaserror
dotnet test ResultsDashboard.sln -c Release --no-build --filter "Category!=Browser&Provider!=Postgres" "$@" | tee -a "$log"
DASHBOARD_TEST_PROVIDER=Postgres dotnet test Dashboard.Tests -c Release --no-build \
  --filter "Category!=Browser&(FullyQualifiedName~Dashboard.Tests.Core.|FullyQualifiedName~Dashboard.Tests.Web.)" "$@" | tee -a "$log"
dotnet test ResultsDashboard.sln -c Release --no-build --filter "Category=Browser" "$@" -- xUnit.ParallelizeTestCollections=false | tee -a "$log"
# One closing line for every pass.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
