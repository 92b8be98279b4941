#!/usr/bin/env bash
# Crash safety: SIGKILL `banche import` and `banche plan` at several points on a large generated
# scenario, then check PRAGMA integrity_check and that the database holds the old state or the
# new one, never a mix. The same test runs with 20,000 workers in `swift test`.
#   scripts/crash-test.sh [WORKERS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
BANCHE_STRESS_WORKERS="${1:-200000}" swift test --disable-xctest --filter 'ReliabilityTests/killedWritersLeaveOldOrNew'
