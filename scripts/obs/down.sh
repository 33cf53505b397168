#!/usr/bin/env bash
# Stops the stack scripts/obs/up.sh started (the seed runbook's scripts/obs/down.sh). The data
# stays in its named volumes; the profile stays full until `peak-watch settings set stack.profile
# mini`. Arguments go to the CLI, e.g. scripts/obs/down.sh --data-dir /tmp/pw
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec node bin/peak-watch.mjs stack down "$@"
