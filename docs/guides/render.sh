#!/usr/bin/env bash
# Renders the guides in docs/ from the templates beside this script: every
# line "$ consign ..." in a ```console block of a template is run for real,
# on a folder made by testdata/gen, and its output written under it. Run it
# from the repository root (make docs does): the guides then show what
# consign prints today.
set -euo pipefail

root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1
mkdir -p "$HOME"
go build -o "$work/bin/consign" ./cmd/consign
export PATH="$work/bin:$PATH"
go run ./testdata/gen -o "$work/my-content" >/dev/null

cd "$work"
for tmpl in "$root"/docs/guides/*.md.in; do
	out="$root/docs/$(basename "${tmpl%.in}")"
	{
		in_console=0
		while IFS= read -r line; do
			case "$line" in
			'```console') in_console=1; echo "$line" ;;
			'```') in_console=0; echo "$line" ;;
			'$ '*)
				echo "$line"
				if [ "$in_console" = 1 ]; then
					# The command runs in the work folder; its output names
					# that folder as the reader's would be.
					bash -c "${line#\$ }" 2>&1 | sed -e "s|$work/||g" -e "s|$HOME|~|g" || true
				fi ;;
			*) echo "$line" ;;
			esac
		done <"$tmpl"
	} >"$out.tmp"
	mv "$out.tmp" "$out"
	echo "wrote $out"
done
