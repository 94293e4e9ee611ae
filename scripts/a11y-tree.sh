#!/usr/bin/env bash
# a11y-tree.sh — what a screen reader (Orca) gets from the app: runs it
# under Xvfb with the accessibility bus on, prints its AT-SPI tree and
# checks that every control has a name, no two enabled buttons share one
# and the window has the app's title (scripts/a11y-tree.py).
#
# Usage: scripts/a11y-tree.sh [APP ARGS...]   e.g.
#   scripts/a11y-tree.sh --open case --role zorgcoordinator \
#       --answers scenarios/answers/sem-zorgcoordinator-expert.answers.ron --steps 14
# Needs: xvfb, at-spi2-core, python3-pyatspi, dbus-x11 and a release build
# (KETENSIM_BIN, default $CARGO_TARGET_DIR/release/ketensim).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${DBUS_SESSION_BUS_ADDRESS:-} || -z ${A11Y_INNER:-} ]]; then
    exec env A11Y_INNER=1 dbus-run-session -- "$0" "$@"
fi
target=${CARGO_TARGET_DIR:-$root/target}
bin=${KETENSIM_BIN:-$target/release/ketensim}
[[ -x $bin ]] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }
export DISPLAY=:$((80 + RANDOM % 9))
Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
trap 'kill $app $bus $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
sleep 2
# What Orca does when it starts: tell applications a screen reader is on.
for prop in IsEnabled ScreenReaderEnabled; do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status \
        string:$prop variant:boolean:true >/dev/null
done
(cd "$root" && KETENSIM_DATA=$data exec "$bin" "$@" >/dev/null 2>&1) &
app=$!
sleep "${WAIT:-15}"
/usr/bin/python3 "$root/scripts/a11y-tree.py"
