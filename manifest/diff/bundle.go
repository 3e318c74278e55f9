package diff

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/consignhq/consign/manifest"
)

// ErrNotBundle is wrapped by the *NotBundleError Compare returns when a
// directory is not a bundle consign made.
var ErrNotBundle = errors.New("not a consign bundle")

// NotBundleError names the directory that is not a bundle, and why.
type NotBundleError struct {
	Dir    string
	Reason string
}

func (e *NotBundleError) Error() string {
	return fmt.Sprintf("%s is %v: %s", e.Dir, ErrNotBundle, e.Reason)
}

func (e *NotBundleError) Unwrap() error { return ErrNotBundle }

// maxBagInfo caps bag-info.txt, a few hundred bytes in any bundle consign
// writes.
const maxBagInfo = 1 << 20

// openBundle checks that dir looks like a bundle consign made (a BagIt bag
// with metadata/files.jsonl) and reads its bag-info.txt.
func openBundle(dir string) (Bundle, error) {
	b := Bundle{Dir: dir}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return b, &NotBundleError{dir, "no such directory"}
	case err != nil:
		return b, &NotBundleError{dir, err.Error()}
	case !info.IsDir():
		return b, &NotBundleError{dir, "a file, not a directory"}
	}
	for _, name := range []string{"bagit.txt", "bag-info.txt", manifest.FilesJSONL} {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !fi.Mode().IsRegular() {
			return b, &NotBundleError{dir, "it has no " + name}
		}
	}
	f, err := os.Open(filepath.Join(dir, "bag-info.txt"))
	if err != nil {
		return b, fmt.Errorf("read %s: %w", filepath.Join(dir, "bag-info.txt"), withoutPath(err))
	}
	defer f.Close()
	fields, err := parseBagInfo(io.LimitReader(f, maxBagInfo))
	if err != nil {
		return b, fmt.Errorf("read %s: %w", filepath.Join(dir, "bag-info.txt"), err)
	}
	if !strings.HasPrefix(fields["Bag-Software-Agent"], "consign") {
		return b, &NotBundleError{dir, "bag-info.txt does not name consign as its Bag-Software-Agent"}
	}
	b.ExternalIdentifier = fields["External-Identifier"]
	b.BaggingDate = fields["Bagging-Date"]
	b.SoftwareAgent = fields["Bag-Software-Agent"]
	return b, nil
}

// parseBagInfo reads "Label: value" lines; a line starting with a space or
// tab continues the previous value (RFC 8493 section 2.2.2). The first
// value of a repeated label wins.
func parseBagInfo(r io.Reader) (map[string]string, error) {
	fields := map[string]string{}
	last := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if last != "" {
				fields[last] += " " + strings.TrimSpace(line)
			}
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %q is not \"label: value\"", line)
		}
		label = strings.TrimSpace(label)
		if _, dup := fields[label]; dup {
			last = ""
			continue
		}
		fields[label], last = strings.TrimSpace(value), label
	}
	return fields, sc.Err()
}
