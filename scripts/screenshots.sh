#!/usr/bin/env bash
# screenshots.sh — take a screenshot of every screen of the app at
# 1280x800 and 1920x1080, under Xvfb with Mesa's software Vulkan
# (lavapipe), into docs/screenshots/.
#
# Usage: scripts/screenshots.sh [OUT_DIR]   (ONLY=WORD: just the screens
# whose name has WORD, e.g. ONLY=editor)
# Needs: xvfb (Xvfb), mesa-vulkan-drivers, imagemagick (import), and a
# built binary: KETENSIM_BIN (default: $CARGO_TARGET_DIR/release/ketensim,
# else target/release/ketensim). Build it with `cargo build --release`.
# SCENARIOS: the scenario folder (default: scenarios/); the saved sessions
# and the Sem screens use the bundled case's own files.
#
# Each screen is opened directly with the app's scripted start
# (`--open SCREEN`, `--case ID`), so the pictures do not depend on mouse
# positions.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots}
target=${CARGO_TARGET_DIR:-$root/target}
bin=${KETENSIM_BIN:-$target/release/ketensim}
scenarios=${SCENARIOS:-$root/scenarios}
sem=criminele-uitbuiting-sem
[[ -x $bin ]] || { echo "no binary at $bin (cargo build --release, or set KETENSIM_BIN)" >&2; exit 2; }
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

expert=$root/scenarios/answers/sem-gemeente-expert.answers.ron
poor=$root/scenarios/answers/sem-gemeente-poor.answers.ron

shoot() { # size name args...
    local size=$1 name=$2
    shift 2
    # ONLY=editor: just the screens whose name has that word.
    [[ -z ${ONLY:-} || $name == *"$ONLY"* ]] || return 0
    # The editor keeps its place and unsaved edits in a sidecar beside the
    # case: each editor screen starts without one.
    rm -f "$scenarios/$sem.editor.ron"
    local w=${size%x*} h=${size#*x}
    local display=:$((90 + RANDOM % 9))
    Xvfb "$display" -screen 0 "${w}x${h}x24" >/dev/null 2>&1 &
    local xvfb=$!
    sleep 1
    (cd "$root" && DISPLAY=$display KETENSIM_DATA=$data exec "$bin" --scenarios "$scenarios" \
        --size "$size" "$@" >/dev/null 2>&1) &
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
# Dag 2, ochtend) and finished ones (the gemeente's poor path of the
# bundled case and of every other case with one), written by the headless
# player into the sessions folder the app reads, a day apart.
politie3=$data/politie-dag2.answers.ron
printf 'Answers(scenario: "%s", seed: 1, steps: [Advance, Advance, Advance])\n' "$sem" > "$politie3"
mkdir -p "$data/sessies"
(cd "$root" && "$bin" play "$scenarios/$sem.ron" --role politie \
    --answers "$politie3" --trainee "Noor Visser" --no-finish \
    --log "$data/sessies/voorbeeld-politie.session.ron" >/dev/null)
(cd "$root" && "$bin" play "$scenarios/$sem.ron" --role gemeente \
    --answers "$poor" --trainee "Daan de Wit" \
    --log "$data/sessies/voorbeeld-gemeente.session.ron" >/dev/null)
touch -d '2026-12-02 14:05 UTC' "$data/sessies/voorbeeld-gemeente.session.ron"
names=("Sanne Bakker" "Joris Mulder" "Fatma Yilmaz" "Kees de Boer" "Lotte Jansen")
day=1
for answers in "$root"/scenarios/answers/*-gemeente-poor.answers.ron; do
    id=$(sed -n 's/^ *scenario: *"\([^"]*\)".*/\1/p' "$answers" | head -n 1)
    [[ -n $id && $id != "$sem" && -f $scenarios/$id.ron ]] || continue
    log=$data/sessies/voorbeeld-$id.session.ron
    (cd "$root" && "$bin" play "$scenarios/$id.ron" --role gemeente --answers "$answers" \
        --trainee "${names[$(( (day - 1) % ${#names[@]} ))]}" --log "$log" >/dev/null 2>&1) || continue
    touch -d "2026-11-$(( 20 + day )) 10:30 UTC" "$log"
    day=$((day + 1))
done

for size in 1280x800 1920x1080; do
    shoot "$size" 1-start --open start
    # The bundled case's card opened: its starting situation and roles.
    shoot "$size" 1b-start-case --open start --case "$sem"
    shoot "$size" 2-setup --open setup --case "$sem"
    shoot "$size" 3-briefing --open briefing --case "$sem" --role gemeente
    # The wijkagent has ended the day-part three times: Dag 2, ochtend,
    # with the bank's report open as a decision.
    shoot "$size" 4-case --open case --role politie --answers "$politie3" --steps 3
    shoot "$size" 5-share --open share --role politie --answers "$politie3" --steps 3
    shoot "$size" 6-debrief --open debrief --role gemeente --answers "$poor"
    # A training day: three seats and a trainer. The seats play their
    # expert answers for four day-parts (Dag 2, middag).
    shoot "$size" 7-day-setup --open day-setup --case "$sem"
    shoot "$size" 8-day-handover --open day-handover --case "$sem" --steps 4
    shoot "$size" 9-day-trainer --open day-trainer --case "$sem" --steps 4
    shoot "$size" 10-day-debrief --open day-debrief --case "$sem"
    # The case editor: the outline and a decision's form, the timeline; at
    # 1280x800 also a problem (a role that does not exist, and a condition
    # with a comma missing), play from here and the analysis.
    shoot "$size" 15-editor --open editor --case "$sem"
    shoot "$size" 16-editor-timeline --open editor-timeline --case "$sem"
    if [[ $size == 1280x800 ]]; then
        shoot "$size" 17-editor-problems --open editor-problems --case "$sem"
        shoot "$size" 18-editor-play --open editor-play --case "$sem"
        WAIT=${WAIT_ANALYSIS:-25} shoot "$size" 19-editor-analysis --open editor-analysis --case "$sem"
    fi
done
# The editor keeps its place in a sidecar beside the case; not for the
# repository.
rm -f "$scenarios/$sem.editor.ron"
