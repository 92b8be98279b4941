#!/usr/bin/env bash
# Two writers on one database: two `banche plan` runs at once while `banche plans` reads in a
# loop, and two `banche import` runs of one file at once. Checks: each writer exits 0 or 3
# ("busy, retry"), no corruption, no lost or duplicated rows, readers never see half a plan.
#   scripts/two-writers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --disable-xctest --filter 'ReliabilityTests/twoWritersAndAReader'
