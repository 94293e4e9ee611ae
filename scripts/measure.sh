#!/usr/bin/env bash
# measure.sh — the app's cost, measured under Xvfb with Mesa's software
# Vulkan (lavapipe), as a trainee would run it:
#   1. time from process start to the first frame of the Start screen
#      (median of 5 starts; the app prints it with KETENSIM_TIMING=1);
#   2. CPU use while the case screen waits for input for 10 s (% of one
#      core, from /proc/PID/stat utime+stime);
#   3. resident memory on the case screen (VmRSS).
# Targets (issue 4): < 2 s, < 2 %, < 250 MB, for a release build.
#
# Usage: scripts/measure.sh
# Needs: xvfb, mesa-vulkan-drivers, a release build (KETENSIM_BIN, default
# $CARGO_TARGET_DIR/release/ketensim or target/release/ketensim).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
bin=${KETENSIM_BIN:-$target/release/ketensim}
[[ -x $bin ]] || { echo "no binary at $bin (cargo build --release, or set KETENSIM_BIN)" >&2; exit 2; }
data=$(mktemp -d)
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
export DISPLAY=$display KETENSIM_DATA=$data
ticks=$(getconf CLK_TCK)

echo "binary: $bin"
echo "== start to first frame (Start screen), 5 runs"
times=()
for i in 1 2 3 4 5; do
    log=$data/start-$i.log
    (cd "$root" && KETENSIM_TIMING=1 exec "$bin" > "$log" 2>/dev/null) &
    app=$!
    for _ in $(seq 1 300); do
        grep -q "timing: first frame" "$log" 2>/dev/null && break
        sleep 0.1
    done
    # Wait a moment for the library line too.
    for _ in $(seq 1 50); do
        grep -q "timing: library loaded" "$log" 2>/dev/null && break
        sleep 0.1
    done
    ms=$(sed -n 's/timing: first frame \([0-9]*\) ms.*/\1/p' "$log" | head -1)
    lib=$(sed -n 's/timing: library loaded \([0-9]*\) ms.*/\1/p' "$log" | head -1)
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    echo "   run $i: first frame ${ms:-?} ms, scenarios shown ${lib:-?} ms"
    times+=("${ms:-999999}")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "   median: $median ms (target < 2000 ms)"

echo "== idle on the case screen"
(cd "$root" && exec "$bin" --open case --role gemeente \
    --answers scenarios/answers/sem-gemeente-expert.answers.ron --steps 16 >/dev/null 2>&1) &
app=$!
# Let it start and settle (first frames, the ketenkaart's dots finish).
sleep "${SETTLE:-10}"
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
c0=$(cpu); t0=$(date +%s.%N)
sleep 10
c1=$(cpu); t1=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" \
    'BEGIN { printf "   CPU while idle: %.2f %% of one core over %.1f s (target < 2 %%)\n", 100 * (c1 - c0) / hz / (t1 - t0), t1 - t0 }'
awk -v kb="$rss" 'BEGIN { printf "   resident memory: %.0f MB (target < 250 MB)\n", kb / 1024 }'
