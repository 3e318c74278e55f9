package bagit

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/consignhq/consign/manifest/internal/display"
)

// FetchEntry is one line of fetch.txt (RFC 8493 section 2.2.3): a payload
// file the bag lists in its manifests but does not hold, and the URL it
// can be fetched from. A bag with such entries is "holey" until they are
// fetched.
type FetchEntry struct {
	URL string `json:"url"`
	// Length is the file's size in bytes, or -1 when fetch.txt says "-"
	// (unknown).
	Length int64 `json:"length"`
	// Path is the bag-relative path, "data/...", decoded.
	Path string `json:"path"`
	line int
}

// parseFetch reads fetch.txt: "URL LENGTH FILEPATH" lines, where LENGTH is
// a number of octets or "-", and FILEPATH is percent-encoded as in the
// manifests (BagIt 1.0). A path that is unsafe or outside data/ is
// refused exactly as a manifest's would be.
func parseFetch(text string, d declaration) (entries []FetchEntry, problems []string) {
	for i, line := range splitLines(text) {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		rawURL, rest, ok1 := cutSpace(strings.TrimLeft(line, " \t"))
		length, path, ok2 := cutSpace(rest)
		if !ok1 || !ok2 || path == "" {
			problems = append(problems, fmt.Sprintf("line %d is not \"URL LENGTH FILEPATH\"", n))
			continue
		}
		e := FetchEntry{URL: rawURL, Length: -1, line: n}
		if length != "-" {
			v, err := strconv.ParseInt(length, 10, 64)
			if err != nil || v < 0 {
				problems = append(problems, fmt.Sprintf("line %d: length %q is not a number of octets or \"-\"", n, length))
				continue
			}
			e.Length = v
		}
		if d.atLeast(1, 0) {
			path = DecodePath(path)
		}
		e.Path = path
		if err := checkPath(path); err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		if !strings.HasPrefix(path, "data/") {
			problems = append(problems, fmt.Sprintf("line %d: %q is outside the payload directory", n, path))
			continue
		}
		entries = append(entries, e)
	}
	return entries, problems
}

// sortFetch sorts entries by path as the manifests are sorted.
func sortFetch(entries []FetchEntry) {
	sort.Slice(entries, func(i, j int) bool { return EncodePath(entries[i].Path) < EncodePath(entries[j].Path) })
}

// cutSpace splits s at its first run of spaces or tabs.
func cutSpace(s string) (before, after string, ok bool) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, "", false
	}
	return s[:i], strings.TrimLeft(s[i:], " \t"), true
}

// formatFetch writes fetch.txt for entries, sorted by path as the
// manifests are, so the same entries give the same bytes.
func formatFetch(entries []FetchEntry) []byte {
	sorted := append([]FetchEntry(nil), entries...)
	sortFetch(sorted)
	var b strings.Builder
	for _, e := range sorted {
		length := "-"
		if e.Length >= 0 {
			length = strconv.FormatInt(e.Length, 10)
		}
		fmt.Fprintf(&b, "%s %s %s\n", e.URL, length, EncodePath(e.Path))
	}
	return []byte(b.String())
}

// checkFetchURL refuses a URL fetch.txt cannot carry: one that does not
// parse, has no scheme, or holds whitespace (which would split its line).
func checkFetchURL(raw string) error {
	if strings.ContainsAny(raw, " \t\r\n") {
		return fmt.Errorf("fetch URL %q holds whitespace: percent-encode it", raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("fetch URL %q: %w", raw, err)
	}
	if u.Scheme == "" {
		return fmt.Errorf("fetch URL %q has no scheme", raw)
	}
	return nil
}

// AddRemote lists data/rel in the manifests without holding it: the file
// stays at rawURL, and Close writes a fetch.txt line for it (a "holey"
// bag, RFC 8493 section 2.2.3). sums must be the file's, known from an
// earlier read; Payload-Oxum counts the file as if it were present.
func (w *Writer) AddRemote(rel, rawURL string, sums Sums) error {
	if sums.SHA256 == "" || sums.SHA512 == "" || sums.Size < 0 {
		return fmt.Errorf("list %s for fetching: its size, sha256 and sha512 must be known", display.Path(rel))
	}
	if err := checkFetchURL(rawURL); err != nil {
		return fmt.Errorf("list %s for fetching: %w", display.Path(rel), err)
	}
	rel, err := w.reserve(rel)
	if err != nil {
		return err
	}
	if err := w.clearTaken(rel); err != nil {
		w.release(rel)
		return err
	}
	w.mu.Lock()
	w.payload[rel] = payloadSum{size: sums.Size, sha256: sums.SHA256, sha512: sums.SHA512}
	w.changes++
	w.fetch[rel] = rawURL
	w.mu.Unlock()
	return nil
}
