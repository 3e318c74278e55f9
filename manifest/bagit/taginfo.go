package bagit

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// Field is one "Label: value" line of bag-info.txt. Labels may repeat, and
// their order is kept.
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// maxTagFile caps how much of a tag file (bagit.txt, bag-info.txt, a
// manifest, fetch.txt) the verifier reads into memory: a hostile bag must not
// make it allocate without bound.
const maxTagFile = 256 << 20

// splitLines splits tag file text at LF, CRLF or CR, the three line endings
// RFC 8493 allows, dropping one final empty line.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// The lines of bagit.txt, compiled when a bag is first read.
var (
	versionLine  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^BagIt-Version: ([0-9]+)\.([0-9]+)$`) })
	encodingLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Tag-File-Character-Encoding: (\S+)$`) })
)

// declaration is what bagit.txt says.
type declaration struct {
	Version      string
	Major, Minor int
	Encoding     string
}

// atLeast reports whether the bag's version is major.minor or later.
func (d declaration) atLeast(major, minor int) bool {
	return d.Major > major || d.Major == major && d.Minor >= minor
}

// parseDeclaration reads bagit.txt strictly: exactly the two lines RFC 8493
// section 2.1.1 fixes, UTF-8 without a byte order mark, one space after each
// colon and nothing trailing.
func parseDeclaration(b []byte) (declaration, error) {
	var d declaration
	if bytes.HasPrefix(b, utf8BOM) {
		return d, fmt.Errorf("starts with a byte order mark")
	}
	lines := splitLines(string(b))
	if len(lines) != 2 {
		return d, fmt.Errorf("has %d lines, want 2 (BagIt-Version, Tag-File-Character-Encoding)", len(lines))
	}
	m := versionLine().FindStringSubmatch(lines[0])
	if m == nil {
		return d, fmt.Errorf("first line %q is not \"BagIt-Version: M.N\"", lines[0])
	}
	if _, err := fmt.Sscan(m[1], &d.Major); err != nil {
		return d, fmt.Errorf("version %q: %w", lines[0], err)
	}
	if _, err := fmt.Sscan(m[2], &d.Minor); err != nil {
		return d, fmt.Errorf("version %q: %w", lines[0], err)
	}
	d.Version = m[1] + "." + m[2]
	e := encodingLine().FindStringSubmatch(lines[1])
	if e == nil {
		return d, fmt.Errorf("second line %q is not \"Tag-File-Character-Encoding: ENCODING\"", lines[1])
	}
	d.Encoding = e[1]
	return d, nil
}

// tagEncoding looks up the encoding bagit.txt names by its IANA name.
func tagEncoding(name string) (encoding.Encoding, error) {
	if strings.EqualFold(name, "UTF-8") {
		return unicode.UTF8BOM, nil
	}
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported tag file encoding %q", name)
	}
	if strings.EqualFold(name, "UTF-16") {
		// A byte order mark decides; without one RFC 2781 says big endian.
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	}
	return enc, nil
}

// utf8BOM is the byte order mark a UTF-8 tag file may start with.
var utf8BOM = []byte("\xef\xbb\xbf")

// decodeTag converts a tag file's bytes to UTF-8 text.
func decodeTag(enc encoding.Encoding, b []byte) (string, error) {
	if enc == unicode.UTF8BOM && !bytes.HasPrefix(b, utf8BOM) && utf8.Valid(b) {
		// The decoder would copy it unchanged, a rune at a time: the
		// manifests of a bag of many files are megabytes.
		return string(b), nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	return string(out), nil
}

// parseBagInfo reads bag-info.txt: "Label: value" lines, where a line that
// starts with a space or tab continues the value above it. Whitespace around
// labels is tolerated, as BagIt 0.97 tools wrote "Label : value".
func parseBagInfo(text string) ([]Field, error) {
	var fields []Field
	for i, line := range splitLines(text) {
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(fields) == 0 {
				return nil, fmt.Errorf("line %d continues a value, but no label comes before it", i+1)
			}
			f := &fields[len(fields)-1]
			f.Value += " " + strings.TrimSpace(line)
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		label = strings.TrimSpace(label)
		if !ok || label == "" {
			return nil, fmt.Errorf("line %d %q is not \"Label: value\"", i+1, line)
		}
		fields = append(fields, Field{Label: label, Value: strings.TrimSpace(value)})
	}
	return fields, nil
}

// lookup returns the value of the first field with label (labels compare
// without case, as RFC 8493 section 2.2.2 says).
func lookup(fields []Field, label string) (string, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.Label, label) {
			return f.Value, true
		}
	}
	return "", false
}
