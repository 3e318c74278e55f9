package bagit

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/consignhq/consign/manifest/internal/display"
)

// payloadSums is what one payload manifest lists for the payload's
// files, by their index in the walk: a bag of many files holds it for
// each file until the file is hashed. Kept as the manifest's entries
// and a map of both them and the walk, they held the manifest's text of
// megabytes and about a kilobyte per file besides for the whole run.
type payloadSums struct {
	src     *sumSource
	size    int     // bytes of each digest
	digests []byte  // size bytes for each file of the walk
	lines   []int32 // the line that lists each file of the walk; 0: none
	found   int     // files of the walk listed
	// others holds the entries of paths that are not in the payload
	// (missing from it, or still to fetch), by NFC path: none in a
	// complete bag, and what duplicate lines and checkUnfetched need.
	others map[string]otherEntry
}

// otherEntry is a manifest line for a path not in the payload.
type otherEntry struct {
	sum  string
	line int
}

// checkPayloadManifest checks one payload manifest against the walk as
// its lines are parsed from text, keeping only their checksums (see
// payloadSums): every line names a file of the payload, once, and every
// file of the payload is listed.
func (v *verifier) checkPayloadManifest(m *manifestFile, text string) (problems, warnings []string) {
	ps := &payloadSums{
		size:   hexLen(m.alg) / 2,
		lines:  make([]int32, len(v.walked)),
		others: map[string]otherEntry{},
	}
	ps.digests = make([]byte, ps.size*len(v.walked))
	m.sums = ps
	problems, warnings = eachEntry(m, text, v.decl, func(e entry) { v.addPayloadEntry(m, e) })
	ps.src = m.src
	if ps.found == len(v.walked) {
		return problems, warnings // every payload file is listed
	}
	for i, n := range ps.lines {
		if n == 0 {
			v.problem(v.walked[i], "is not listed in %s", m.name)
		}
	}
	return problems, warnings
}

// addPayloadEntry checks one line of a payload manifest and keeps its
// checksum.
func (v *verifier) addPayloadEntry(m *manifestFile, e entry) {
	ps := m.sums
	key := nfc(e.path)
	if !strings.HasPrefix(key, "data/") {
		v.problem(m.name, "line %d: %q is outside the payload directory", e.line, e.path)
		return
	}
	i, ok := v.payload[key]
	if !ok {
		if prev, dup := ps.others[key]; dup {
			v.duplicate(m, prev.line, prev.sum, e)
			return
		}
		ps.others[strings.Clone(key)] = otherEntry{sum: strings.Clone(e.sum), line: e.line}
		if _, holey := v.fetch[key]; !holey { // not fetched yet: the report lists it
			v.problem(e.path, "listed in %s but missing from the payload", m.name)
		}
		return
	}
	if prev := ps.lines[i]; prev != 0 {
		c := ps.check(i)
		v.duplicate(m, int(prev), c.hex(), e)
		return
	}
	if v.walked[i] != e.path {
		v.warn(e.path, "%s lists it in a different Unicode normalization than its name on disk", m.name)
	}
	ps.lines[i] = int32(e.line)
	d := ps.digests[i*ps.size : (i+1)*ps.size]
	for j := range d {
		d[j] = unhex(e.sum[2*j])<<4 | unhex(e.sum[2*j+1])
	}
	ps.found++
}

// duplicate reports a path listed on a line before e's too.
func (v *verifier) duplicate(m *manifestFile, line int, sum string, e entry) {
	switch {
	case sum != e.sum:
		v.problem(m.name, "lines %d and %d list %s with different checksums", line, e.line, display.Path(e.path))
	case v.decl.atLeast(1, 0):
		v.problem(m.name, "lines %d and %d both list %s", line, e.line, display.Path(e.path))
	default:
		v.warn(m.name, "lines %d and %d both list %s", line, e.line, display.Path(e.path))
	}
}

// check is the checksum the manifest lists for the file i of the walk.
func (ps *payloadSums) check(i int) check {
	c := check{src: ps.src, size: uint8(ps.size)}
	copy(c.sum[:], ps.digests[i*ps.size:(i+1)*ps.size])
	return c
}

// listed reports whether a payload manifest lists the file i of the walk.
func (v *verifier) listed(i int) bool {
	for _, ps := range v.sums {
		if ps.lines[i] != 0 {
			return true
		}
	}
	return false
}

// payloadChecks appends the checksums the payload manifests list for the
// file i of the walk to checks.
func (v *verifier) payloadChecks(checks []check, i int) []check {
	for _, ps := range v.sums {
		if ps.lines[i] != 0 {
			checks = append(checks, ps.check(i))
		}
	}
	return checks
}

// payloadText is a payload manifest's text for checkPayloadManifest:
// when its bytes are UTF-8 already, the bytes themselves rather than a
// copy, which would double the memory a manifest of megabytes takes
// while it is parsed. No one changes them (Alongside, which may share
// them through readShared, only reads), and checkPayloadManifest keeps
// no string cut from them once the manifest is checked but those of the
// problems and warnings it reports.
func payloadText(enc encoding.Encoding, b []byte) (string, error) {
	if len(b) > 0 && enc == unicode.UTF8BOM && !bytes.HasPrefix(b, utf8BOM) && utf8.Valid(b) {
		return unsafe.String(unsafe.SliceData(b), len(b)), nil
	}
	return decodeTag(enc, b)
}
