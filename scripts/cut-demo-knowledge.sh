#!/bin/bash
# Cuts the demo knowledge base (Sources/TrucApp/Demo/DemoKnowledgeData.swift) from the shared NVD and KEV data:
# the real CVE records that match the demo inventory (DemoSeeder), and their KEV entries.
#
#   scripts/cut-demo-knowledge.sh [SHARED_DATA_DIR]     (default: ../shared/data)
#
# How: a throw-away SQLite database gets the demo province (`truc seed-demo`), then every shared NVD record
# (1.1 feeds 2016, 2017, modified; the API 2.0 records of nvd2-records/) and the whole KEV catalog through
# `truc import-nvd` / `truc import-kev`, so that Trực ATTT's own matcher decides which CVEs concern the demo assets.
# scripts/cut-demo-knowledge.py then keeps the matched records (see its selection rule) and writes the Swift file.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data}"
TRUC="${TRUC:-.build/debug/truc}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 scripts/cut-demo-knowledge.py wrap-nvd2 "$DATA/nvd/nvd2-records" "$WORK/nvd2.json"
export TRUC_SQLITE_PATH="$WORK/demo.sqlite"
"$TRUC" migrate --yes >/dev/null
"$TRUC" seed-demo >/dev/null
"$TRUC" import-nvd "$DATA"/nvd/nvdcve-1.1-2016.json.gz "$DATA"/nvd/nvdcve-1.1-2017.json.gz \
    "$DATA"/nvd/nvdcve-1.1-modified.json.gz "$WORK/nvd2.json"
"$TRUC" import-kev "$DATA/kev/known_exploited_vulnerabilities.json"
sqlite3 -separator '|' "$WORK/demo.sqlite" \
    "select f.cve_id, a.name, f.kev, coalesce(f.cvss_score, 0) from findings f join assets a on a.id = f.asset_id" > "$WORK/matches.txt"
python3 scripts/cut-demo-knowledge.py cut "$DATA" "$WORK/matches.txt" "$WORK/nvd2.json" Sources/TrucApp/Demo/DemoKnowledgeData.swift
