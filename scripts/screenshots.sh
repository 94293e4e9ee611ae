#!/usr/bin/env bash
# screenshots.sh — take a screenshot of every screen of the app at
# 1280x800 and 1920x1080, under Xvfb with Mesa's software Vulkan
# (lavapipe), into docs/screenshots/.
#
# Usage: scripts/screenshots.sh [OUT_DIR]
# Needs: xvfb (Xvfb), mesa-vulkan-drivers, imagemagick (import), and a
# built binary: KETENSIM_BIN (default: $CARGO_TARGET_DIR/release/ketensim,
# else target/release/ketensim). Build it with `cargo build --release`.
#
# Each screen is opened directly with the app's scripted start
# (`--open SCREEN`), so the pictures do not depend on mouse positions.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots}
target=${CARGO_TARGET_DIR:-$root/target}
bin=${KETENSIM_BIN:-$target/release/ketensim}
[[ -x $bin ]] || { echo "no binary at $bin (cargo build --release, or set KETENSIM_BIN)" >&2; exit 2; }
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

expert=$root/scenarios/answers/sem-gemeente-expert.answers.ron
poor=$root/scenarios/answers/sem-gemeente-poor.answers.ron

shoot() { # size name args...
    local size=$1 name=$2
    shift 2
    local w=${size%x*} h=${size#*x}
    local display=:$((90 + RANDOM % 9))
    Xvfb "$display" -screen 0 "${w}x${h}x24" >/dev/null 2>&1 &
    local xvfb=$!
    sleep 1
    (cd "$root" && DISPLAY=$display KETENSIM_DATA=$data exec "$bin" --size "$size" "$@" >/dev/null 2>&1) &
    local app=$!
    # First frames under software rendering take a while.
    sleep "${WAIT:-12}"
    DISPLAY=$display import -window root "$out/$size-$name.png"
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    echo "$out/$size-$name.png"
}

# The Start screen lists saved sessions: one unfinished (the wijkagent at
# Dag 2, ochtend) and one finished (the gemeente's poor path), written by
# the headless player into the sessions folder the app reads.
politie3=$data/politie-dag2.answers.ron
printf 'Answers(seed: 1, steps: [Advance, Advance, Advance])\n' > "$politie3"
mkdir -p "$data/sessies"
(cd "$root" && "$bin" play scenarios/criminele-uitbuiting-sem.ron --role politie \
    --answers "$politie3" --trainee "Noor Visser" --no-finish \
    --log "$data/sessies/voorbeeld-politie.session.ron" >/dev/null)
(cd "$root" && "$bin" play scenarios/criminele-uitbuiting-sem.ron --role gemeente \
    --answers "$poor" --trainee "Daan de Wit" \
    --log "$data/sessies/voorbeeld-gemeente.session.ron" >/dev/null)
touch -d '2026-12-02 14:05 UTC' "$data/sessies/voorbeeld-gemeente.session.ron"

for size in 1280x800 1920x1080; do
    shoot "$size" 1-start --open start
    shoot "$size" 2-setup --open setup
    shoot "$size" 3-briefing --open briefing --role gemeente
    # The wijkagent has ended the day-part three times: Dag 2, ochtend,
    # with the bank's report open as a decision.
    shoot "$size" 4-case --open case --role politie --answers "$politie3" --steps 3
    shoot "$size" 5-share --open share --role politie --answers "$politie3" --steps 3
    shoot "$size" 6-debrief --open debrief --role gemeente --answers "$poor"
    # A training day: three seats and a trainer. The seats play their
    # expert answers for four day-parts (Dag 2, middag).
    shoot "$size" 7-day-setup --open day-setup
    shoot "$size" 8-day-handover --open day-handover --steps 4
    shoot "$size" 9-day-trainer --open day-trainer --steps 4
    shoot "$size" 10-day-debrief --open day-debrief
done
