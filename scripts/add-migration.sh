#!/usr/bin/env bash
# Adds one EF Core migration for each provider: SQLite (Dashboard.Core/Data/Migrations) and PostgreSQL
# (Dashboard.Migrations.Postgres/Migrations). Neither needs a running server.
#   ./scripts/add-migration.sh NAME              both providers
#   ./scripts/add-migration.sh NAME --postgres   PostgreSQL only (the SQLite one already exists, e.g. after a merge)
#   ./scripts/add-migration.sh NAME --sqlite     SQLite only
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME [--sqlite|--postgres]}
which=${2:-both}
dotnet tool restore >/dev/null
if [ "$which" = both ] || [ "$which" = --sqlite ]; then
  dotnet ef migrations add "$name" --project Dashboard.Core --startup-project Dashboard.Core --output-dir Data/Migrations
fi
if [ "$which" = both ] || [ "$which" = --postgres ]; then
  dotnet ef migrations add "$name" --project Dashboard.Migrations.Postgres --startup-project Dashboard.Migrations.Postgres \
    --output-dir Migrations
fi
