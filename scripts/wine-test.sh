#!/usr/bin/env bash
# wine-test.sh [PACKAGE...]: build the tests of consign's packages for
# Windows and run them under Wine (`make test-wine`). With no arguments
# it runs every package of the module (consign-beam is a module of its
# own and runs on Linux). cmd/consign's end-to-end scripts skip there:
# they use FIFOs, setuid, signals and /proc.
#
# Wine 8 (Debian 12) needs two things from outside the project, both made
# in a work folder and used for this run only:
#   - bcryptprimitives.dll with ProcessPrng, which Go programs call at
#     start-up for random bytes and Wine 8 lacks: built from
#     scripts/wine/processprng.c with MinGW-w64;
#   - a copy of the Go toolchain whose file deletion falls back to the
#     older call for every status: Wine answers Go's POSIX-semantics
#     delete with one Go does not expect, and every test's temporary
#     folder would then fail to be removed.
# Tests that need what Windows lacks (symbolic links without a
# privilege, mode bits, line breaks in names) skip there and say why.
#
# Installs wine and gcc-mingw-w64-x86-64 with apt-get when missing and
# run as root. WINE_TEST_WORK keeps the work folder (default: a new
# temporary folder, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
	command -v "$1" >/dev/null 2>&1 && return
	if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		echo "wine-test: installing $2" >&2
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
	fi
	command -v "$1" >/dev/null 2>&1 || { echo "wine-test: $1 is missing (Debian package $2)" >&2; exit 2; }
}
need wine wine
need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64

work=${WINE_TEST_WORK:-}
if [ -z "$work" ]; then
	work=$(mktemp -d)
	trap 'rm -rf -- "$work"' EXIT
fi
mkdir -p "$work"
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b"

if [ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ] || [ scripts/wine/processprng.c -nt "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
	echo "wine-test: making a Wine prefix in $WINEPREFIX" >&2
	wineboot --init >/dev/null 2>&1
	x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
		scripts/wine/processprng.c scripts/wine/processprng.def -ladvapi32
fi

goroot=$work/goroot
if [ ! -x "$goroot/bin/go" ]; then
	echo "wine-test: copying the Go toolchain to $goroot" >&2
	cp -r "$(go env GOROOT)" "$goroot"
	at=$goroot/src/internal/syscall/windows/at_windows.go
	# Deleteat's last case: any status the POSIX-semantics delete gives
	# goes to the fallback, as the ones Go knows do.
	if [ "$(grep -c 'return err.(NTStatus).Errno()' "$at")" != 1 ]; then
		echo "wine-test: $at is not the file this script patches; update the patch for this Go release" >&2
		exit 2
	fi
	sed -i 's/return err.(NTStatus).Errno()/return deleteatFallback(h)/' "$at"
fi

if [ $# -eq 0 ]; then
	set -- $(go list ./...)
fi
failed=()
for pkg in "$@"; do
	dir=.${pkg#github.com/consignhq/consign}
	name=$(echo "${dir#./}" | tr / _)
	exe=$work/$name.test.exe
	rm -f "$exe"
	GOROOT=$goroot GOOS=windows GOARCH=amd64 "$goroot/bin/go" test -c -o "$exe" "$pkg" >/dev/null
	if [ ! -f "$exe" ]; then
		echo "ok   $pkg (no tests)"
		continue
	fi
	if (cd "$dir" && timeout 900 wine "$exe" -test.short -test.v >"$work/$name.log" 2>&1); then
		echo "ok   $pkg ($(grep -c -- '--- SKIP' "$work/$name.log") skipped)"
	else
		echo "FAIL $pkg"
		grep -E -A6 -- '--- FAIL' "$work/$name.log" | head -40 || tail -20 "$work/$name.log"
		failed+=("$pkg")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "wine-test: ${#failed[@]} package(s) failed under Wine: ${failed[*]}" >&2
	exit 1
fi
