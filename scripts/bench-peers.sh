#!/usr/bin/env bash
# bench-peers times consign against the tools a buyer or creator would
# otherwise reach for, on the shared corpus and on a generated folder of
# mixed files, and prints each ratio with its target:
#
#   scan    vs exiftool -r -json        CPU (target: consign <= 0.25x)
#   scan    vs rg, email+phone patterns CPU, text scanning only (no target)
#   scan    vs sha256sum over each file wall, the I/O and hashing floor (target <= 2x)
#   pack    vs cp -r + sha256sum        wall, the copy-and-hash floor (no target)
#   verify  vs sha256sum -c             wall (target <= 1.2x)
#
# Each figure is the median of RUNS runs (default 3). The shared corpus is
# only read: its scans keep consign's state in a temporary --state folder,
# and it is packed from a temporary copy. Usage:
#
#   scripts/bench-peers.sh [CONSIGN_BINARY]     (make bench-peers builds it)
#
# Environment: RUNS (3), FILES (20000, the generated folder's size),
# SHARED (../shared), KEEP=1 keeps the work folder.
set -euo pipefail

RUNS=${RUNS:-3}
FILES=${FILES:-20000}
SHARED=${SHARED:-../shared}
CONSIGN=${1:-bin/consign}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONSIGN=$(cd "$(dirname "$CONSIGN")" && pwd)/$(basename "$CONSIGN")

for tool in exiftool rg sha256sum; do
	command -v "$tool" >/dev/null || { echo "bench-peers: $tool is not installed (make bench-peers installs it)" >&2; exit 2; }
done
[ -x "$CONSIGN" ] || { echo "bench-peers: $CONSIGN is not built (make build)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/consign-bench-peers.XXXXXX")
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
export HOME=$WORK/home SOURCE_DATE_EPOCH=1700000000
mkdir -p "$HOME"
"$CONSIGN" keygen --force >/dev/null 2>&1

EMAIL='[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}'
PHONE='\+?[0-9][0-9 ().-]{7,}[0-9]'

# measure CMD...: run CMD RUNS times (output discarded) and print the
# medians "wall cpu" in seconds; cpu is user+sys of CMD and its children.
# Exit codes are not checked: scan exits 1 or 3 on folders with findings or
# unreadable files, and grep-like tools exit 1 when nothing matches.
measure() {
	local walls=() cpus=() i line
	for ((i = 0; i < RUNS; i++)); do
		line=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1 || true; } 2>&1 | tail -n1 )
		read -r r u s <<<"$line"
		walls+=("$r")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')")
	done
	echo "$(median "${walls[@]}") $(median "${cpus[@]}")"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=3; $1 / $2" | bc | sed 's/^\./0./'; }
verdict() { if [ "$(echo "$1 <= $2" | bc)" = 1 ]; then echo "met"; else echo "MISSED"; fi; }

# Wrapped commands, so that measure times each as one unit.
scan() { "$CONSIGN" scan --format jsonl --no-cache --state "$WORK/state-$1" "$2"; }
hashfloor() { find "$1" -type f -print0 | xargs -0 sha256sum; }
copyfloor() { rm -rf "$2" && cp -r "$1" "$2" && find "$2" -type f -print0 | xargs -0 sha256sum; }
pack() { "$CONSIGN" pack --no-cache --accept-open --force --state "$WORK/state-$1" "$2" -o "$3"; }
sumcheck() { (cd "$1" && sha256sum -c --quiet manifest-sha256.txt); }

bench() {
	local name=$1 dir=$2 files bytes
	files=$(find "$dir" -type f | wc -l)
	bytes=$(du -sb "$dir" | cut -f1)
	echo "== $name: $files files, $((bytes / 1024 / 1024)) MiB, median of $RUNS runs" >&2
	cp -r "$dir" "$WORK/copy-$name"
	local src=$WORK/copy-$name out=$WORK/bundle-$name
	read -r scan_w scan_c < <(measure scan "$name" "$dir")
	read -r exif_w exif_c < <(measure exiftool -r -json -q -q "$dir")
	read -r rg_w rg_c < <(measure rg --no-ignore --hidden -c -e "$EMAIL" -e "$PHONE" "$dir")
	read -r sha_w sha_c < <(measure hashfloor "$dir")
	read -r pack_w pack_c < <(measure pack "$name" "$src" "$out")
	read -r cp_w cp_c < <(measure copyfloor "$src" "$WORK/cp-$name")
	"$CONSIGN" verify "$out" >/dev/null
	read -r ver_w ver_c < <(measure "$CONSIGN" verify "$out")
	read -r sum_w sum_c < <(measure sumcheck "$out")
	rm -rf "$src" "$out" "$WORK/cp-$name"
	cat <<TABLE
| $name | scan CPU vs \`exiftool -r -json\` | ${scan_c} s vs ${exif_c} s | **$(ratio "$scan_c" "$exif_c")×** | ≤ 0.25× ($(verdict "$(ratio "$scan_c" "$exif_c")" 0.25)) |
| $name | scan CPU vs \`rg\` email+phone | ${scan_c} s vs ${rg_c} s | $(ratio "$scan_c" "$rg_c")× | – |
| $name | scan wall vs \`sha256sum\` every file | ${scan_w} s vs ${sha_w} s | **$(ratio "$scan_w" "$sha_w")×** | ≤ 2× ($(verdict "$(ratio "$scan_w" "$sha_w")" 2)) |
| $name | pack wall vs \`cp -r\` + \`sha256sum\` | ${pack_w} s vs ${cp_w} s | $(ratio "$pack_w" "$cp_w")× | – |
| $name | verify wall vs \`sha256sum -c\` | ${ver_w} s vs ${sum_w} s | **$(ratio "$ver_w" "$sum_w")×** | ≤ 1.2× ($(verdict "$(ratio "$ver_w" "$sum_w")" 1.2)) |
TABLE
}

echo "| folder | comparison | consign vs peer | ratio | target |"
echo "|---|---|---|---|---|"
if [ -d "$SHARED/corpus" ]; then
	bench corpus "$(cd "$SHARED/corpus" && pwd)"
else
	echo "bench-peers: $SHARED/corpus is absent; benchmarking the generated folder only" >&2
fi
(cd "$ROOT" && go run ./testdata/gen -o "$WORK/generated" -n "$FILES")
bench "generated-$FILES" "$WORK/generated"
