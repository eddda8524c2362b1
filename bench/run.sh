#!/usr/bin/env bash
# The benchmark in one command:  bench/run.sh [rows] [--big]
# Generates the orders data (fixed seed) into bench/work/, starts the embedded PostgreSQL there (or uses
# ONCELOAD_DB_URL: it resets the orders pipeline, so never a database you care about), runs every case against
# its baseline (median of RUNS=5 runs: single loads on this 2-core machine vary by ±20%) and writes Markdown + JSON to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
shift || true
mvn -B -q -DskipTests package >&2
exec java -Xmx2g -cp target/onceload.jar:target/test-classes io.onceload.bench.Benchmark \
  --rows "$rows" --runs "${RUNS:-5}" "$@"
