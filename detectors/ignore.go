package detectors

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Finding statuses.
const (
	StatusOpen    = "open"
	StatusIgnored = "ignored"
)

// ignoreHeader opens every ignore list Save writes.
const ignoreHeader = `# consign ignore list: findings reviewed and accepted.
# One finding per line: <id>  <reason>  # <path> <detector>
# The part after "  #" is for people reading the file; only the id and the
# reason count. Lines starting with # are comments.
`

// commentMark separates an entry's reason from its trailing comment. Two
// spaces before it let a reason itself contain "#".
const commentMark = "  #"

// IgnoreEntry is one reviewed finding.
type IgnoreEntry struct {
	ID       string
	Reason   string
	Path     string   // from the trailing comment, for readers
	Detector string   // from the trailing comment, for readers
	Notes    []string // comment lines written just above the entry, kept by Save
}

// IgnoreList is the parsed `.consign/ignore` file.
type IgnoreList struct {
	Entries []IgnoreEntry
}

// LoadIgnore reads an ignore list; a missing file is an empty list. A list
// that exists but cannot be read (no permission, a folder in its place)
// is an *IgnoreReadError; one that does not parse is ParseIgnore's error.
func LoadIgnore(path string) (*IgnoreList, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &IgnoreList{}, nil
	}
	if err != nil {
		// Windows opens a folder, then fails its read with "Incorrect
		// function": say what Unix says.
		if info, serr := os.Stat(path); serr == nil && info.IsDir() {
			err = syscall.EISDIR
		}
		return nil, &IgnoreReadError{Path: path, Err: withoutPath(err)}
	}
	return ParseIgnore(data, path)
}

// IgnoreReadError is LoadIgnore's error for an ignore list that exists
// but cannot be read. It names the file once, with the reason: "read
// ignore list PATH: permission denied", not Go's "open PATH: ..." inside
// another mention of it.
type IgnoreReadError struct {
	Path string
	Err  error // the reason, without the path: a syscall.Errno, say
}

func (e *IgnoreReadError) Error() string {
	return "read ignore list " + e.Path + ": " + e.Err.Error()
}

func (e *IgnoreReadError) Unwrap() error { return e.Err }

// ParseIgnore parses the ignore list format; name is used in errors.
func ParseIgnore(data []byte, name string) (*IgnoreList, error) {
	l := &IgnoreList{}
	var notes []string
	// Some editors start a UTF-8 file with a byte-order mark; it is no
	// part of the first id.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	seen := make(map[string]bool)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			notes = nil
			continue
		case strings.HasPrefix(line, "#"):
			if !strings.Contains(ignoreHeader, line+"\n") {
				notes = append(notes, line)
			}
			continue
		}
		var e IgnoreEntry
		var comment string
		e.ID, e.Reason, comment = splitEntry(line)
		if !isHexID(e.ID) {
			return nil, fmt.Errorf("parse %s line %d: %q is not a finding id", name, lineNo, e.ID)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("parse %s line %d: finding %s is listed twice", name, lineNo, e.ID)
		}
		seen[e.ID] = true
		if fields := strings.Fields(comment); len(fields) >= 2 {
			e.Path = strings.Join(fields[:len(fields)-1], " ")
			e.Detector = fields[len(fields)-1]
		}
		e.Notes, notes = notes, nil
		l.Entries = append(l.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return l, nil
}

// splitEntry cuts an entry line into its id, its reason and the comment
// after it. A reason may itself start with "#" ("#42 cleared by legal"):
// the comment mark right after the id opens a comment only when no other
// mark follows, so "ID  # path detector" still reads as a comment alone.
func splitEntry(line string) (id, reason, comment string) {
	id, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimLeft(rest, " \t")
	if i := strings.Index(rest, commentMark); i > 0 {
		return id, strings.TrimSpace(rest[:i]), rest[i+len(commentMark):]
	}
	if strings.HasPrefix(rest, "#") {
		return id, "", rest[1:]
	}
	return id, strings.TrimSpace(rest), ""
}

func isHexID(s string) bool {
	if len(s) < 8 || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Add records that f is accepted for reason, replacing an earlier entry
// for the same finding.
func (l *IgnoreList) Add(f Finding, reason string) {
	e := IgnoreEntry{ID: f.ID, Reason: strings.Join(strings.Fields(reason), " "), Path: f.Path, Detector: f.Detector}
	for i := range l.Entries {
		if l.Entries[i].ID == f.ID {
			e.Notes = l.Entries[i].Notes
			l.Entries[i] = e
			return
		}
	}
	l.Entries = append(l.Entries, e)
}

// Apply marks findings listed in l as ignored with their reason and every
// other finding as open.
func (l *IgnoreList) Apply(findings []Finding) {
	reasons := make(map[string]string, len(l.Entries))
	for _, e := range l.Entries {
		reasons[e.ID] = e.Reason
	}
	for i := range findings {
		if reason, ok := reasons[findings[i].ID]; ok {
			findings[i].Status, findings[i].Reason = StatusIgnored, reason
		} else {
			findings[i].Status, findings[i].Reason = StatusOpen, ""
		}
	}
}

// Stale lists entries that match none of findings: the value was removed
// or changed, and the entry can go.
func (l *IgnoreList) Stale(findings []Finding) []IgnoreEntry {
	live := make(map[string]bool, len(findings))
	for _, f := range findings {
		live[f.ID] = true
	}
	var stale []IgnoreEntry
	for _, e := range l.Entries {
		if !live[e.ID] {
			stale = append(stale, e)
		}
	}
	return stale
}

// Format renders the list sorted by path, detector and id, so that adding
// a finding changes one line of a diff.
func (l *IgnoreList) Format() []byte {
	entries := slices.Clone(l.Entries)
	slices.SortFunc(entries, func(a, b IgnoreEntry) int {
		return cmpStrings(a.Path, b.Path, a.Detector, b.Detector, a.ID, b.ID)
	})
	var b bytes.Buffer
	b.WriteString(ignoreHeader)
	for _, e := range entries {
		b.WriteByte('\n')
		for _, n := range e.Notes {
			b.WriteString(n + "\n")
		}
		reason := strings.Join(strings.Fields(e.Reason), " ")
		if reason == "" {
			reason = "-"
		}
		fmt.Fprintf(&b, "%s  %s", e.ID, reason)
		// A reason starting with "#" is followed by the comment mark even
		// without a path, or it would read back as a comment.
		if e.Path != "" || e.Detector != "" || strings.HasPrefix(reason, "#") {
			fmt.Fprintf(&b, "%s %s %s", commentMark, clean(e.Path), e.Detector)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Save writes the list to path atomically: a temporary file beside it is
// renamed over it, so an interrupted save leaves the old list intact.
func (l *IgnoreList) Save(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create state directory %s: %w", dir, withoutPath(err))
	}
	tmp, err := os.CreateTemp(dir, ".ignore-*")
	if err != nil {
		return fmt.Errorf("save ignore list %s: %w", path, withoutPath(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(l.Format()); err != nil {
		tmp.Close()
		return fmt.Errorf("save ignore list %s: %w", path, withoutPath(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save ignore list %s: %w", path, withoutPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save ignore list %s: %w", path, withoutPath(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace ignore list %s: %w", path, withoutPath(err))
	}
	return nil
}

// cmpStrings compares pairs in order: a key, then the next key on a tie.
func cmpStrings(pairs ...string) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if c := strings.Compare(pairs[i], pairs[i+1]); c != 0 {
			return c
		}
	}
	return 0
}
