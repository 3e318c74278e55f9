package bagit

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrUnsafePath is returned (wrapped, with the path) for a path that could
// reach outside the bag: absolute, starting with "~", holding a ".."
// element or a backslash, or empty.
var ErrUnsafePath = errors.New("unsafe path")

// checkPath reports why rel, a "/"-separated path inside the bag, is unsafe.
// Elements "." and empty elements are refused too: a bag's paths are
// written in one canonical form so that two spellings never name one file.
func checkPath(rel string) error {
	switch {
	case rel == "":
		return fmt.Errorf("%w: empty path", ErrUnsafePath)
	case strings.HasPrefix(rel, "/"):
		return fmt.Errorf("%w: %q is absolute", ErrUnsafePath, rel)
	case strings.HasPrefix(rel, "~"):
		return fmt.Errorf("%w: %q starts with ~ (a home directory)", ErrUnsafePath, rel)
	case strings.ContainsRune(rel, '\\'):
		return fmt.Errorf("%w: %q holds a backslash", ErrUnsafePath, rel)
	case strings.ContainsRune(rel, 0):
		return fmt.Errorf("%w: %q holds a NUL byte", ErrUnsafePath, rel)
	case len(rel) >= 2 && rel[1] == ':':
		return fmt.Errorf("%w: %q names a drive", ErrUnsafePath, rel)
	}
	for el := range strings.SplitSeq(rel, "/") { // no slice for each of a manifest's paths
		switch el {
		case "..":
			return fmt.Errorf("%w: %q climbs out with a \"..\" element", ErrUnsafePath, rel)
		case ".", "":
			return fmt.Errorf("%w: %q is not in canonical form", ErrUnsafePath, rel)
		}
	}
	return nil
}

// checkPayloadPath is checkPath for rel, a name under data/: it checks
// the bag path "data/"+rel, which is what manifests list and what verify
// checks, so a name starting with "~" or "c:" (harmless after "data/")
// is written as verify will take it.
func checkPayloadPath(rel string) error {
	if strings.HasPrefix(rel, "/") {
		return fmt.Errorf("%w: %q is absolute", ErrUnsafePath, rel)
	}
	return checkPath("data/" + rel)
}

// nfc returns rel in Unicode Normalization Form C, the form payload names
// are written in so that a bag made on macOS (which stores NFD) and one made
// on Linux name the same file the same way.
func nfc(rel string) string {
	for i := range len(rel) {
		if rel[i] >= utf8.RuneSelf {
			return norm.NFC.String(rel)
		}
	}
	return rel // ASCII is its own normal form; most names are, three times each
}

// EncodePath writes a path for a manifest line: RFC 8493 section 2.1.3
// percent-encodes CR, LF and "%" and nothing else.
func EncodePath(p string) string {
	if !strings.ContainsAny(p, "\r\n%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '\r':
			b.WriteString("%0D")
		case '\n':
			b.WriteString("%0A")
		case '%':
			b.WriteString("%25")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// DecodePath reverses the percent-encoding of a manifest or fetch.txt
// path (RFC 8493 section 2.1.3). Only %0D, %0A and %25 (either case) are
// decoded; any other "%" is kept as written, as bags from BagIt 0.97 tools
// hold names such as "%7Etest1.txt" literally.
func DecodePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			switch strings.ToUpper(p[i+1 : i+3]) {
			case "0D":
				b.WriteByte('\r')
				i += 2
				continue
			case "0A":
				b.WriteByte('\n')
				i += 2
				continue
			case "25":
				b.WriteByte('%')
				i += 2
				continue
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}
