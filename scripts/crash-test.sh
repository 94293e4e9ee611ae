#!/usr/bin/env bash
# Crash-safety test (issue 11): not part of `cargo test`.
#
# Plays the bundled case with an expert answer file through the headless
# driver (`ketensim drive`, which saves after every accepted action with the
# app's code, core::store, and prints `ack <n> <fingerprint>` only once the
# save is on disk), kills it with SIGKILL at random moments and resumes it
# each time the way the Start screen does (core::store::list + resume). After
# each kill a separate process opens the session file as the Start screen
# would (`drive --inspect`: list + a fresh replay). Checked:
#
#   - found >= acked: no acknowledged action is lost;
#   - every fingerprint (log + state + events) printed at an ack, by the
#     inspection after a kill, and at a resume equals the fingerprint of an
#     uninterrupted run after the same number of actions: the resumed state
#     equals a fresh replay of the log and the state the trainee had;
#   - a resume continues from exactly the actions the inspection found;
#   - every attempt that reaches the end ends with the uninterrupted run's
#     fingerprint.
#
# Runs alternate between a pace of PACE_MS per action (kills land anywhere
# in the case) and no pace (the driver spends most of its time saving, so
# kills land inside the write / fsync / rename). When a run ends before its
# kill, a new attempt starts, so every counted kill hits a live run.
#
# Usage: scripts/crash-test.sh           (KILLS=50 PACE_MS=60 SEED=...)
# Prints the report on standard output; exits non-zero on any loss or
# mismatch. Respects CARGO_TARGET_DIR. SIGKILL tests a crash of the
# program, not a power cut (the kernel still writes back its cache).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
kills=${KILLS:-50}
pace=${PACE_MS:-60}
seed=${SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
scenario=scenarios/criminele-uitbuiting-sem.ron
role=politie
answers=scenarios/answers/sem-politie-expert.answers.ron

cargo build --release --no-default-features --quiet
bin=${CARGO_TARGET_DIR:-$root/target}/release/ketensim
work=$(mktemp -d "${TMPDIR:-/tmp}/ketensim-crash.XXXXXX")
if [[ -z ${KEEP:-} ]]; then trap 'rm -rf "$work"' EXIT; fi
store=$work/sessies
drive=("$bin" drive "$scenario" --role "$role" --answers "$answers")

now_ms() { date +%s%3N; }
started_ms=$(now_ms)

# The uninterrupted reference run: the fingerprint after every action.
declare -A ref
"${drive[@]}" --store "$work/ref" >"$work/ref.out"
while read -r word n fp _; do
    [[ $word == ack ]] && ref[$n]=$fp
done <"$work/ref.out"
read -r _ total ref_done < <(grep '^done ' "$work/ref.out")
ref[0]=-

echo "Crash test: $scenario, role $role, $total actions per run (answer file + ending the day-parts)"
echo "driver: $bin drive (saves with core::store, resumes with core::store::list + resume)"
echo "seed $seed, $kills kills, pace ${pace} ms and 0 ms alternately"
echo "reference (uninterrupted): done $total $ref_done"
echo
echo "kill@ms: when the kill was sent after the start; resumed: the actions the run"
echo "resumed from (new: a new attempt; -: killed before it could say); acked: the"
echo "attempt's actions acknowledged before the kill; found: the actions a fresh"
echo "replay of its file finds after the kill (separate process, Start screen path)."
echo
printf '%4s %5s %7s %8s %6s %6s %-6s %s\n' kill pace 'kill@ms' resumed acked found state check

failures=0 lost_total=0 acked_sum=0 found_sum=0 ahead=0 completed=0 runs=0
expect=started       # what the next run must print first
carried=0            # actions of the open attempt acknowledged so far
attempt_file=''      # the open attempt's file
declare -A known     # session files already accounted for
fail() { failures=$((failures + 1)); note+=" FAIL($1)"; }

# Checks a run's output: its first line against `expect`, every ack and its
# end against the reference. Sets acked (the actions of this attempt
# acknowledged so far, by this run or, when it was killed before it could
# say anything, by the runs before it), file and done_n.
check_run() {
    local out=$1 first
    acked=$carried done_n='' file=$attempt_file
    first=$(head -n1 "$out" || true)
    [[ $first == started ]] && acked=0 file=''
    if [[ -n $first ]]; then
        if [[ $first != "$expect"* ]]; then fail "first line '$first', expected '$expect'"; fi
        if [[ $first == resumed* ]]; then
            read -r _ acked fp file <<<"$first"
            [[ ${ref[$acked]:-} == "$fp" ]] || fail "resumed state $acked differs"
        fi
    fi
    while read -r word n fp; do
        case $word in
            file) file=$n ;;
            ack) acked=$n; [[ ${ref[$n]:-} == "$fp" ]] || fail "state at ack $n differs" ;;
            done) done_n=$n; [[ $n == "$total" && $fp == "$ref_done" ]] || fail "final state differs" ;;
        esac
    done < <(tail -n +2 "$out")
}

k=0
while ((k < kills)); do
    runs=$((runs + 1))
    if ((runs % 2)); then p=$pace; span=$((pace * total * 2 / 3)); else p=0; span=250; fi
    at=$((RANDOM % span))
    out=$work/run-$runs.out
    "${drive[@]}" --store "$store" --resume --pace-ms "$p" >"$out" 2>"$work/run-$runs.err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    { wait "$pid"; } 2>/dev/null || rc=$?
    note=''
    check_run "$out"
    if ((rc == 0)); then
        carried=0 attempt_file=''
        # Ended before the kill: a completed attempt; the next run starts anew.
        completed=$((completed + 1))
        [[ -n $done_n ]] || fail "ended without done"
        [[ -n $file ]] && known[$file]=1
        expect=started
        printf '%4s %5d %7d %8s %6d %6s %-6s %s\n' - "$p" "$at" "$(awk 'NR==1{print ($1=="resumed")?$2:"new"}' "$out")" "$acked" - done "${note:- ok (ended before the kill; not counted)}"
        continue
    elif ((rc != 137)); then
        fail "driver exit $rc: $(head -c 300 "$work/run-$runs.err")"
        printf '%4s %5s %7s %8s %6s %6s %-6s%s\n' - "$p" "$at" - "$acked" - - "$note"
        break
    fi
    k=$((k + 1))
    # `-`: killed before it could say whether it resumed.
    resumed_at=$(awk 'NR==1{print ($1=="resumed")?$2:"new"} END{if(NR==0)print "-"}' "$out")
    # Which file: the one the run announced, else a new one it created
    # before it could say so.
    if [[ -z $file ]]; then
        for f in $(ls -t "$store"/*.session.ron 2>/dev/null); do
            [[ -z ${known[$f]:-} ]] && { file=$f; break; }
        done
    fi
    if [[ -n $file ]]; then
        read -r _ found ffp state rest < <("${drive[@]}" --store "$store" --inspect "$file")
    else
        found=0 ffp=- state=absent
    fi
    [[ ${ref[$found]:-} == "$ffp" ]] || fail "fresh replay of $found actions differs"
    if ((found < acked)); then
        fail "lost $((acked - found))"
        lost_total=$((lost_total + acked - found))
    fi
    ((found > acked)) && ahead=$((ahead + 1))
    acked_sum=$((acked_sum + acked)) found_sum=$((found_sum + found))
    case $state in
        open) expect="resumed $found $ffp" carried=$acked attempt_file=$file ;;
        ended) completed=$((completed + 1)); known[$file]=1; expect=started carried=0 attempt_file='' ;;
        empty | absent) [[ -n $file ]] && known[$file]=1; expect=started carried=0 attempt_file='' ;;
        *) fail "inspection: $state $rest"; expect=started carried=0 attempt_file='' ;;
    esac
    printf '%4d %5d %7d %8s %6d %6d %-6s %s\n' "$k" "$p" "$at" "$resumed_at" "$acked" "$found" "$state" "${note:- ok}"
done

# Let the last attempt finish without a kill.
if ((failures == 0)); then
    runs=$((runs + 1))
    out=$work/run-$runs.out
    note=''
    "${drive[@]}" --store "$store" --resume >"$out" 2>"$work/run-$runs.err" || fail "final run"
    check_run "$out"
    [[ -n $done_n ]] && completed=$((completed + 1))
    echo "final run without a kill: $(head -n1 "$out" | cut -d' ' -f1-2), $(tail -n1 "$out" | cut -d' ' -f1-2)${note}"
fi

leftover=$(find "$store" -name '*.tmp' | wc -l)
files=$(find "$store" -name '*.session.ron' | wc -l)
echo
echo "kills: $k (runs started: $runs)"
echo "actions acknowledged before the kills (sum): $acked_sum; found after them (sum): $found_sum"
echo "kills where the file held one action more than acknowledged (saved, not yet acked): $ahead"
echo "lost acknowledged actions: $lost_total"
echo "attempts played to the end: $completed, each with the reference's final state"
echo "session files: $files; temporary files left: $leftover"
echo "failures (losses, state or resume mismatches, driver errors): $failures"
echo "time: $(( ($(now_ms) - started_ms) / 1000 )) s"
if ((failures == 0 && lost_total == 0)); then
    echo "RESULT: PASS (lost = 0, every resumed state equals a fresh replay)"
else
    echo "RESULT: FAIL"
    exit 1
fi
