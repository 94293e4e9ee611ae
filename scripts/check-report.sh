#!/usr/bin/env bash
# check-report.sh — validate and render ketensim HTML reports.
#
# Usage:
#   scripts/check-report.sh [report.html ...]
#
# With no arguments it builds the Bevy-free binary (cargo build
# --no-default-features) and plays the bundled answer files of the Sem
# scenario (every *-expert file with its role, the *-poor files, and the
# group file) into a temporary directory, writing one HTML report each.
#
# For every report it then
#   1. validates it with the W3C Nu HTML Checker (`vnu.jar --errors-only`);
#   2. renders it with headless Chromium to a PNG screenshot (1280x2400)
#      and to an A4 PDF, and prints where they went and the PDF's page
#      count.
# It exits with 1 when the checker reports an error in any file.
#
# Needs: bash, java (for vnu.jar), chromium, and npm only when vnu.jar is
# missing (it is then installed into a cache directory). The default mode
# also needs cargo. pdfinfo (poppler-utils) is used for the page count
# when present.
#
# Environment:
#   VNU_JAR           path to vnu.jar
#                     (default /tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar,
#                     else installed under $CACHE_DIR/vnu)
#   CACHE_DIR         default ${XDG_CACHE_HOME:-$HOME/.cache}/ketensim
#   CHROMIUM          default chromium
#   OUT_DIR           where PNG and PDF files go (default: a new temp dir)
#   CARGO_TARGET_DIR  passed on to cargo in the default mode
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_dir=${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ketensim}
chromium=${CHROMIUM:-chromium}
out_dir=${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ketensim-report.XXXXXX")}
mkdir -p "$out_dir"

# --- vnu.jar ---------------------------------------------------------------
default_vnu=/tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar
cached_vnu=$cache_dir/vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [[ -n ${VNU_JAR:-} ]]; then
    vnu=$VNU_JAR
elif [[ -f $default_vnu ]]; then
    vnu=$default_vnu
else
    vnu=$cached_vnu
    if [[ ! -f $vnu ]]; then
        echo "vnu.jar not found; installing vnu-jar with npm into $cache_dir/vnu" >&2
        mkdir -p "$cache_dir/vnu"
        npm install --silent --no-audit --no-fund --prefix "$cache_dir/vnu" vnu-jar >&2
    fi
fi
if [[ ! -f $vnu ]]; then
    echo "error: vnu.jar not found at $vnu" >&2
    exit 2
fi

# --- reports to check ------------------------------------------------------
files=()
if (($# > 0)); then
    for f in "$@"; do
        files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
    done
else
    echo "Building the core (cargo build --no-default-features)..." >&2
    (cd "$root" && cargo build --quiet --no-default-features)
    target=${CARGO_TARGET_DIR:-$root/target}
    bin=$target/debug/ketensim
    scenario=$root/scenarios/criminele-uitbuiting-sem.ron
    answers=$root/scenarios/answers
    play() { # name, extra args...
        local name=$1
        shift
        (cd "$root" && "$bin" play "$scenario" "$@" \
            --log "$out_dir/$name.session.ron" --report "$out_dir/$name.html" >/dev/null)
        files+=("$out_dir/$name.html")
    }
    for a in "$answers"/sem-*-expert.answers.ron "$answers"/sem-*-poor.answers.ron; do
        base=$(basename "$a" .answers.ron)
        role=${base#sem-}
        role=${role%-expert}
        role=${role%-poor}
        if [[ $role == groep ]]; then
            play "$base" --answers "$a" --trainee "Oefengroep"
            # The group debrief of the same session (training day report).
            (cd "$root" && "$bin" report "$out_dir/$base.session.ron" --format group \
                -o "$out_dir/$base-groep.html" >/dev/null)
            files+=("$out_dir/$base-groep.html")
        else
            play "$base" --role "$role" --answers "$a"
        fi
    done
fi

# --- check and render ------------------------------------------------------
profile=$(mktemp -d "${TMPDIR:-/tmp}/ketensim-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
chrome() {
    "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
        --hide-scrollbars "$@" >>"$out_dir/chromium.log" 2>&1
}
page_count() {
    if command -v pdfinfo >/dev/null; then
        pdfinfo "$1" | awk '/^Pages:/ {print $2}'
    else
        grep -ac '/Type */Page[^s]' "$1" || true
    fi
}

failed=0
for f in "${files[@]}"; do
    name=$(basename "$f" .html)
    size=$(($(wc -c <"$f") / 1024))
    echo "== $f (${size} KiB)"
    if java -jar "$vnu" --errors-only "$f"; then
        echo "   vnu: no errors"
    else
        echo "   vnu: ERRORS (see above)"
        failed=1
    fi
    png=$out_dir/$name.png
    pdf=$out_dir/$name.pdf
    chrome --screenshot="$png" --window-size=1280,2400 "file://$f"
    chrome --no-pdf-header-footer --print-to-pdf="$pdf" "file://$f"
    echo "   screenshot: $png"
    echo "   pdf:        $pdf ($(page_count "$pdf") pages)"
done
exit "$failed"
