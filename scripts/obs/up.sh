#!/usr/bin/env bash
# The seed's runbook starts "the full observability stack" (OTel Collector, Tempo, Loki,
# Prometheus, Grafana) with scripts/obs/up.sh. In Peak Watch that stack is the Docker runtime's
# full profile (docs/TELEMETRY.md, "The full stack"): this script is the two CLI calls that start
# it, so the runbook's command works from a checkout. Arguments go to both calls, e.g.
#   scripts/obs/up.sh --data-dir /tmp/pw
# It needs Docker with a registry reachable to pull the pinned images once (`peak-watch doctor`
# lists what is missing); it was never started on Peak Watch's CI machines, which have none.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# The full profile runs only under Docker: settings refuse it with the native runtime.
node bin/peak-watch.mjs settings set stack.runtime docker "$@"
node bin/peak-watch.mjs settings set stack.profile full "$@"
exec node bin/peak-watch.mjs stack up "$@"
