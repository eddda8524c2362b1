#!/usr/bin/env bash
# The random kill -9 soak:  bench/soak-kill.sh N [rows] [seed]     (defaults: 200000 rows, a random seed)
# N trials: start the service, drop 1-3 orders files (rows each), kill -9 it at a random moment of the load,
# check that the state is a clean run over the files published so far, restart it, wait until it is idle and check
# EQ, ATOM, CONS, DIAG and IDEM (see src/test/java/io/onceload/testing/Invariants.java). Prints one line per trial
# and ends with "N passed, M failed"; a failed trial's folder and service logs are kept under target/soak-kill/.
# The database is an embedded PostgreSQL of its own, or ONCELOAD_DB_URL (its orders pipeline is reset: never a
# database you care about). Exit status 0 when every trial passed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: bench/soak-kill.sh N [rows] [seed]" >&2
  exit 2
fi
classpath=target/soak-kill-classpath.txt
# MAVEN_FLAGS=-o builds offline
mvn -B -q ${MAVEN_FLAGS:-} test-compile dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
# the harness's own logs (the in-process replays) only from WARN up; the services log INFO into their trial folders
exec java -Xmx1g -XX:+UseSerialGC -Donceload.log.level=WARN \
  -cp "target/test-classes:target/classes:$(cat "$classpath")" io.onceload.soak.KillSoak "$@"
