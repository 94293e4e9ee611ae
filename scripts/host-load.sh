#!/usr/bin/env bash
# Load on the network host (issue 18): 2 sessions × 12 seats × 500
# commands against a `ketensim serve` process on 127.0.0.1. Writes the
# report to docs/host-load.md (committed) and prints it.
# Usage: scripts/host-load.sh    (respects CARGO_TARGET_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/host-load.md
report=$(cargo bench --quiet --no-default-features --features serve --bench host_load)
{
    echo "$report" | sed -n '1,2p'
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git rev-parse --short HEAD) by \`scripts/host-load.sh\` (\`benches/host_load.rs\`)."
    echo
    echo "$report" | sed -n '3,$p'
    echo
    cat <<'TEXT'
How to read it:

- Each seat sends a command, waits for the answer, and sends the next one:
  24 seats at once, 12 per session. The time runs from sending a command
  until the seat has received and applied the change to its view (the host
  sends the change, then `accepted`). Refusals (every 25th command names a
  fact the role does not hold) are timed to the refusal.
- Every accepted command asks a consult, so a role's feed grows by a line
  per command, to about 1,500 lines per role: much longer than a real case
  (the bundled case has about 130 commands in all). The host sends only the
  changes to a view (`patch`), never a whole view again.
- The host is a separate release process; its CPU time and memory are read
  from `/proc`. The 24 seats run as threads of the benchmark on the same
  2 cores, so the latency includes waiting for a core that, on a training
  day, each laptop has to itself. Turning a patched view into the app's
  view model happens on the seat's laptop; it is sampled outside the timed
  path.
- Target (issue 18): p99 below 50 ms and host RSS below 100 MB.
TEXT
} > "$out"
cat "$out"
