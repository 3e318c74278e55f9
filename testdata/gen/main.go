// Command gen writes the creator fixture folder consign's golden tests
// scan: photos with EXIF, XMP and GPS, tagged audio, a Word document, blog
// text in several languages and a few plain data files.
//
//	go run ./testdata/gen -o DIR [-seed N] [-n N] [-tiny] [-manifest FILE]
//
// The same flags always give byte-identical files with identical
// modification times, because scan falls back to the mtime as a content
// date and golden output must not depend on when the fixture was made.
// With -n, N further files cycling through the same kinds are added under
// extra/ for benchmarks; each text and Markdown one carries a planted value
// (an email, phone, card, IBAN, copyright notice or licence), and
// -manifest writes where each one is (path, detector, kind, byte offsets)
// as JSON, outside DIR. With -tiny the extra files are one-line notes, for
// folders of a million files.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// mtimeBase is the modification time of the output folder itself for
// seed 0; every other path gets one more hour, in lexical path order.
var mtimeBase = time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args and generates the folder; it returns the exit code.
func run(args []string, stderr io.Writer) int {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stderr)
	out := fset.String("o", "", "output `dir`ectory (must be absent or empty)")
	seed := fset.Uint64("seed", 0, "seed for random content and modification times")
	n := fset.Int("n", 0, "number of extra generated files under extra/")
	tiny := fset.Bool("tiny", false, "make the extra files one-line text notes")
	manifest := fset.String("manifest", "", "write where the planted values are to this `file` (outside DIR)")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fset.NArg() != 0 || *n < 0 {
		fmt.Fprintln(stderr, "usage: gen -o DIR [-seed N] [-n N] [-tiny] [-manifest FILE]")
		return 2
	}
	if *manifest != "" && inside(*out, *manifest) {
		fmt.Fprintln(stderr, "gen: -manifest must be outside the output directory: a scan would report it")
		return 2
	}
	plants, err := generateOpts(*out, options{seed: *seed, n: *n, tiny: *tiny})
	if err == nil && *manifest != "" {
		err = writeFile(*manifest, plants)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// options are what the flags choose.
type options struct {
	seed uint64
	n    int
	tiny bool
}

// generate writes the fixture (and n extra files) into dir and then fixes
// every modification time.
func generate(dir string, seed uint64, n int) error {
	_, err := generateOpts(dir, options{seed: seed, n: n})
	return err
}

// generateOpts is generate with every option; it returns the manifest of
// planted values.
func generateOpts(dir string, o options) ([]byte, error) {
	if err := ensureEmpty(dir); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(o.seed, 0x636f6e7369676e)) // "consign"
	if err := writeFixture(dir, rng); err != nil {
		return nil, err
	}
	pl := newPlanter(o.seed)
	if err := writeExtras(dir, rng, o.n, o.tiny, pl); err != nil {
		return nil, err
	}
	if err := writePlanted(dir, pl); err != nil {
		return nil, err
	}
	if err := writeKey(dir, o.seed); err != nil {
		return nil, err
	}
	if err := stampTimes(dir, mtimeBase.AddDate(0, 0, int(o.seed%1000))); err != nil {
		return nil, err
	}
	return pl.manifest()
}

// inside reports whether path is dir or lies under it.
func inside(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writeKey gives the fixture a fingerprint key derived from the seed, so
// finding ids and value hashes in its scans are the same every time.
func writeKey(dir string, seed uint64) error {
	key := sha256.Sum256(fmt.Appendf(nil, "consign fixture key %d", seed))
	return writeFile(filepath.Join(dir, ".consign", "key"), []byte(hex.EncodeToString(key[:])+"\n"))
}

// ensureEmpty creates dir, or accepts it if it exists and is empty: stray
// files would change the stamped modification times.
func ensureEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create output directory: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read output directory: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output directory %s is not empty", dir)
	}
	return nil
}

// writeFile writes b to path, creating parent directories.
func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// stampTimes sets the access and modification time of every path under
// dir, dir included, to base plus i hours, i being the path's rank in
// sorted order. It runs after all writes, because creating a file changes
// its directory's mtime.
func stampTimes(dir string, base time.Time) error {
	var paths, state []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ".consign" || strings.HasPrefix(rel, ".consign/") {
			// consign's state, not content: it takes no rank, so the
			// content's times do not depend on it.
			state = append(state, rel)
			return nil
		}
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	for _, rel := range state {
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), base, base); err != nil {
			return fmt.Errorf("set times of %s: %w", rel, err)
		}
	}
	sort.Strings(paths)
	for i, rel := range paths {
		t := base.Add(time.Duration(i) * time.Hour)
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), t, t); err != nil {
			return fmt.Errorf("set times of %s: %w", rel, err)
		}
	}
	return nil
}
