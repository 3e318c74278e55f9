# consign's build, test and benchmark entry points. Everything the tests
# need is installed here (the tools target), never by hand.

GO          ?= go
BIN         ?= bin
PKGS        := ./... ./testdata/gen ./testdata/eval/gen
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS     := -s -w -X main.version=$(VERSION)
FUZZTIME    ?= 20s
FUZZFLAGS   ?= -fuzzminimizetime 5s
FUZZPKGS    ?= ./... $(addprefix ./,$(THIRD_PARTY))
SHARED      ?= ../shared

.PHONY: all build install check-deps test test-beam test-short test-wine lint bench bench-peers bench-memory fuzz tools peer-tools clean eval docs guides

all: lint test test-beam build

# consign-beam is its own module (cmd/consign-beam/go.mod), built from
# this tree, so that Apache Beam and its cloud clients stay out of
# consign's go.mod and binary.
BEAM        := cd cmd/consign-beam &&

# consign is built without cgo: it needs none (SQLite is pure Go; only the
# net package's optional system resolver would use it), and a static binary
# starts without the dynamic loader, some 4 ms less on every command.
build: check-deps
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/consign ./cmd/consign
	$(BEAM) $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(abspath $(BIN))/consign-beam .

install: check-deps
	CGO_ENABLED=0 $(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/consign
	$(BEAM) $(GO) install -trimpath -ldflags '$(LDFLAGS)' .

# check-deps keeps Apache Beam (and the cloud clients it brings) out of the
# consign binary: only consign-beam, the distributed runner, links it. The
# man-page renderer stays out too: only the test that writes docs/man uses it.
check-deps:
	@n=$$($(GO) list -deps ./cmd/consign | grep -c apache/beam); \
	  if [ "$$n" != 0 ]; then echo "cmd/consign depends on $$n Apache Beam packages:"; $(GO) list -deps ./cmd/consign | grep apache/beam; exit 1; fi
	@if $(GO) list -deps ./cmd/consign | grep -E 'blackfriday|go-md2man|spf13/cobra/doc'; then echo "cmd/consign links the man-page renderer: write man pages from TestManPagesUpToDate"; exit 1; fi

# tools installs what the tests compare consign with and render its pages
# in: exiftool (Debian's libimage-exiftool-perl), and chromium with
# chromium-driver for the HTML report's browser tests. Without root or apt
# the exiftool comparison and the browser tests skip.
tools:
	@command -v exiftool >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libimage-exiftool-perl >/dev/null) \
	      || echo "make tools: could not install exiftool; the exiftool comparison will skip"; \
	  else echo "make tools: exiftool missing and apt-get unavailable; the exiftool comparison will skip"; fi; }
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "make tools: could not install chromium; the HTML report's browser tests will skip"; \
	  else echo "make tools: chromium missing and apt-get unavailable; the HTML report's browser tests will skip"; fi; }

# THIRD_PARTY are the patched library copies (third_party/README.md), each
# its own module: ./... does not reach them.
THIRD_PARTY := third_party/phonenumbers third_party/jsonschema third_party/pdf

test: tools
	$(GO) test -race -count=1 -timeout 30m $(PKGS)
	for d in $(THIRD_PARTY); do (cd $$d && $(GO) test -race -count=1 -timeout 30m ./...) || exit 1; done
	# The comparison with lingua itself decodes lingua's models, which takes
	# minutes under -race and checks no concurrency: it runs without.
	$(GO) test -count=1 -run TestLanguageAgreesWithLingua ./pipeline/extract
	# Huge pages for the heap are not asked for under the race detector
	# (cmd/internal/hugeheap): their test runs without it.
	$(GO) test -count=1 ./cmd/internal/hugeheap

# test-beam lints and tests consign-beam, the Apache Beam runner: its
# Prism test checks the shards against consign scan byte for byte. It is
# apart from test because compiling Beam and its cloud clients from a
# cold cache takes about 5 minutes on 2 cores, and once more for vet and
# staticcheck's analysis; it runs without -race, which would double that,
# while the per-file code it runs (pipeline.FileProcessor) is tested under
# -race by test.
test-beam:
	$(BEAM) $(GO) vet ./... && $(GO) run $(STATICCHECK) ./... && $(GO) test -count=1 ./...

# guides renders docs/guide-*.md: each command in them is run for real on a
# generated folder, so the transcripts stay true.
guides:
	bash docs/guides/render.sh

test-short:
	$(GO) test -short -count=1 $(PKGS)

lint: check-deps
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	# consign, its tests included, must keep building for macOS too.
	GOOS=darwin $(GO) vet ./...
	# It builds for Windows too, its tests included (make test-wine runs
	# them under Wine).
	GOOS=windows $(GO) build ./...
	GOOS=windows $(GO) vet ./...
	for d in $(THIRD_PARTY); do (cd $$d && $(GO) vet ./...) || exit 1; done
	$(GO) run $(STATICCHECK) $(PKGS)

# eval scores the PII and secret detectors on the labelled set in
# testdata/eval/pii: precision, recall and F2 per kind and overall.
eval:
	$(GO) test ./detectors/eval -run '^TestEval$$' -v -count=1

# bench runs the Go benchmarks, then times consign against exiftool on the
# shared corpus (CPU seconds side by side).
bench: tools build
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./pipeline/...
	$(GO) test -run '^$$' -bench . -benchtime 3x -count=1 ./manifest/...
	$(GO) test -run '^$$' -bench . -benchtime 3x -count=1 ./cmd/consign/
	$(GO) test -run '^$$' -bench DefaultTextDetectors -benchtime 3x -cpu 1 -count=1 ./detectors/eval/
	$(GO) test -run '^$$' -bench TwoGigabyteText -benchtime 1x -cpu 1 -count=1 ./detectors/eval/

# peer-tools installs what bench-peers compares consign with besides
# exiftool: ripgrep (Debian's ripgrep). sha256sum and cp are coreutils.
peer-tools: tools
	@command -v rg >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null) \
	      || echo "make peer-tools: could not install ripgrep"; \
	  else echo "make peer-tools: rg missing and apt-get unavailable"; fi; }

# bench-peers times scan, pack and verify against exiftool, rg, sha256sum
# and cp on the shared corpus and a generated folder of 20,000 files
# (median of RUNS runs) and prints the ratios with their targets.
bench-peers: peer-tools build
	RUNS=$${RUNS:-3} SHARED=$(SHARED) scripts/bench-peers.sh $(BIN)/consign

# test-wine builds every package's tests for Windows and runs them under
# Wine (installs wine and MinGW-w64 when missing; see
# scripts/wine-test.sh). WINEPKGS picks packages by import path.
test-wine: check-deps
	scripts/wine-test.sh $(WINEPKGS)

# bench-memory reports the peak RSS of scan on generated folders of 10k and
# 100k files, a 4 GB sparse file and a 1 GB one-line text, and of pack on
# folders of 5k and 20k files; set CONSIGN_BENCH_1M=1 to add the folder of
# a million tiny files.
bench-memory:
	$(GO) test -run '^$$' -bench 'PeakRSS' -benchtime 1x -count=1 -timeout 2h ./cmd/consign/

# fuzz runs every fuzz target of FUZZPKGS for FUZZTIME each, with
# FUZZFLAGS (e.g. FUZZFLAGS='-parallel 1 -fuzzminimizetime 5s' on a shared
# machine). Minimizing each new input takes up to 60 s by default, longer
# than a short run: 5 s leaves FUZZTIME to fuzzing. A target fails on an
# input it writes to testdata/fuzz; a bare "context deadline exceeded" at
# the end of FUZZTIME is a race in Go's fuzzing coordinator
# (golang.org/issue/75804, fixed in Go 1.27), not a failing input: it is
# reported, and the other targets still run. The patched copies in
# third_party are modules of their own: FUZZPKGS names one as
# ./third_party/NAME, and its targets run from its directory.
fuzz:
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for spec in $(FUZZPKGS); do \
	  mod=.; case "$$spec" in ./third_party/*|third_party/*) mod=$$(echo "$$spec" | sed -E 's#^(\./)?(third_party/[^/]+).*#\2#'); spec=./...;; esac; \
	  pkgs=$$(cd $$mod && $(GO) list $$spec) || exit 1; \
	  for pkg in $$pkgs; do \
	    for t in $$(cd $$mod && $(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	      echo "fuzz $$pkg $$t"; \
	      if (cd $$mod && $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $(FUZZFLAGS) $$pkg) >"$$log" 2>&1; then \
	        tail -n 3 "$$log"; \
	      elif ! grep -q 'Failing input written' "$$log" && grep -qx '    context deadline exceeded' "$$log"; then \
	        tail -n 3 "$$log"; echo "fuzz $$pkg $$t: deadline race of Go's fuzzing coordinator, no failing input"; \
	      else \
	        cat "$$log"; exit 1; \
	      fi; \
	    done; \
	  done; \
	done

# docs regenerates the man pages in docs/man from the commands' help, dated
# by the last commit so that the pages change only when the help does
# (TestManPagesUpToDate fails until they are regenerated and committed; with
# -update it writes them, so that the consign binary need not link the
# man-page renderer).
docs:
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) $(GO) test -count=1 -run '^TestManPagesUpToDate$$' ./cmd/consign -update
	bash docs/guides/render.sh

clean:
	rm -rf $(BIN)
