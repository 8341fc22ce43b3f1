#!/usr/bin/env bash
# Regenerate the initial migration (only while nothing has been released).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf migrations/models /tmp/aerich-sqlite.db* && mkdir -p /tmp
GQL_INVOKE_AERICH_DB_URL=sqlite:///tmp/aerich-sqlite.db .venv/bin/aerich init-db >/dev/null
mv migrations/models /tmp/mig_sqlite
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists aerich_gen" -c "create database aerich_gen" 2>/dev/null
GQL_INVOKE_AERICH_DB_URL=postgres://postgres@127.0.0.1:5432/aerich_gen .venv/bin/aerich init-db >/dev/null
mv migrations/models /tmp/mig_pg
mkdir -p migrations/models
f=$(basename /tmp/mig_sqlite/*.py)
.venv/bin/python tools/merge_initial_migration.py /tmp/mig_sqlite/$f /tmp/mig_pg/*.py migrations/models/0_init.py
rm -rf /tmp/mig_sqlite /tmp/mig_pg
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists aerich_gen" 2>/dev/null
echo "wrote migrations/models/0_init.py"
