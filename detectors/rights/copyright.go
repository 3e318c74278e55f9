package rights

import (
	"bytes"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// CopyrightName names the copyright notice detector.
const CopyrightName = Prefix + "copyright"

// copyrightAnchors are where a notice can be: a copyright sign or word,
// or the words that say rights are reserved in the main European
// languages.
var copyrightAnchors = newAnchorSet(append([]string{"©", "(c)", "&copy;", "copyright"},
	"rights reserved", "droits réservés", "rechte vorbehalten", "derechos reservados",
	"diritti riservati", "direitos reservados", "rechten voorbehouden")...)

// reservedPhrases say that the holder keeps every right.
var reservedPhrases = []string{
	"all rights reserved", "tous droits réservés", "alle rechte vorbehalten",
	"todos los derechos reservados", "tutti i diritti riservati",
	"todos os direitos reservados", "alle rechten voorbehouden",
}

// copyrightMarkers open a notice.
var copyrightMarkers = []string{"copyright", "&copy;", "©", "(c)"}

// maxNoticeLine bounds the line a notice is read from, either side of
// the anchor: notices are one short line.
const maxNoticeLine = 240

// Copyright finds copyright notices and reservations of rights, and says
// whose they are.
type Copyright struct {
	textOnly
	match *Matcher
}

var _ detectors.TextDetector = (*Copyright)(nil)

// NewCopyright returns the copyright notice detector for cfg's creator.
func NewCopyright(cfg detectors.Config) detectors.Detector {
	return &Copyright{match: NewMatcher(cfg.Identity)}
}

// Name implements detectors.Detector.
func (*Copyright) Name() string { return CopyrightName }

// MaxLen implements detectors.TextDetector.
func (*Copyright) MaxLen() int { return 2 * maxNoticeLine }

// Version implements the pipeline's versioned detector: "2" leaves a
// performing rights society written after the holder out of the name
// ("Big Tunes Publishing, BMI"), so cached notices are found again.
func (*Copyright) Version() string { return "2" }

// Find implements detectors.TextDetector: one notice per line at most.
func (c *Copyright) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for ls, le := range copyrightAnchors.hitLines(item, chunk, maxNoticeLine) {
		n, ok := parseNotice(chunk[ls:le])
		if !ok {
			continue
		}
		s := ownerSignal(c.match.Classify(n.holder), KindCopyrightNotice, noticeDetail(n.year, n.holder))
		out = append(out, detectors.Match{
			Start: ls + n.start, End: ls + n.end,
			Value:    strings.ToLower(s.detail),
			Category: s.category, Kind: s.kind, Severity: s.severity,
			Confidence: s.confidence, Detail: s.detail, Action: s.action,
		})
	}
	return out
}

// notice is what parseNotice read from a line.
type notice struct {
	start, end   int
	year, holder string
}

// parseNotice reads the first notice of line: a marker, years, a holder
// and a reservation, in the orders writers use ("© 2021 Jane Doe. All
// rights reserved.", "Copyright (c) Jane Doe 2019-2021", "Tous droits
// réservés"). A bare "copyright" or "(c)" counts only with a year, a
// copyright sign or a reservation beside it, so prose about copyright
// and lettered lists do not.
func parseNotice(line []byte) (notice, bool) {
	ms, sign := firstMarker(line)
	rs, re := firstReserved(line)
	if ms < 0 {
		if rs < 0 || wordBefore(line, rs) {
			return notice{}, false
		}
		return notice{start: rs, end: re}, true
	}
	n := notice{start: ms}
	p := ms
	for {
		q := skipSpace(line, p)
		if q < len(line) && (line[q] == ':' || line[q] == ',') {
			q = skipSpace(line, q+1)
		}
		if l := markerAt(line, q); l > 0 {
			// "Copyright (c)" is as sure as a sign.
			sign = sign || line[q] == 0xC2 || line[q] == '&' || q > ms
			p = q + l
			continue
		}
		if y, l := yearsAt(line, q); l > 0 {
			n.year = y
			p = q + l
			continue
		}
		p = q
		break
	}
	if hasPrefixFold(line[p:], "by ") {
		p = skipSpace(line, p+3)
	}
	holder, hEnd := holderAt(line, p)
	if y, l := trailingYear(holder); l > 0 && n.year == "" {
		n.year, holder = y, strings.TrimSpace(holder[:len(holder)-l])
	}
	n.holder = trimSociety(strings.TrimRight(holder, " ,.;:-–"))
	n.end = max(p, hEnd)
	if rs >= n.end-1 && rs-n.end < 4 || rs >= 0 && rs < n.start {
		n.end = max(n.end, re)
		n.start = min(n.start, rs)
	}
	for n.end > n.start && (line[n.end-1] == ' ' || line[n.end-1] == ',') {
		n.end--
	}
	strong := sign || n.year != "" || rs >= 0
	if !strong || (n.holder == "" && n.year == "" && rs < 0) {
		return notice{}, false
	}
	return n, true
}

// firstMarker returns the offset of the first copyright marker that
// stands as a word, and whether it is a sign (©, &copy;).
func firstMarker(line []byte) (int, bool) {
	for _, i := range copyrightAnchors.hits(line) {
		l := markerAt(line, i)
		if l == 0 || wordBefore(line, i) && line[i] != '(' && line[i] != '&' && line[i] != 0xC2 {
			continue
		}
		if isWordMarker(line[i]) && wordAt(line, i+l) {
			continue
		}
		return i, line[i] == 0xC2 || line[i] == '&'
	}
	return -1, false
}

func isWordMarker(c byte) bool { return c|0x20 == 'c' }

// markerAt returns the length of the copyright marker at line[i], or 0.
func markerAt(line []byte, i int) int {
	for _, m := range copyrightMarkers {
		if hasPrefixFold(line[i:], m) {
			return len(m)
		}
	}
	return 0
}

// firstReserved returns the bounds of the first reservation phrase.
func firstReserved(line []byte) (int, int) {
	best, end := -1, -1
	for _, p := range reservedPhrases {
		if i := indexFold(line, p); i >= 0 && (best < 0 || i < best) {
			best, end = i, i+len(p)
		}
	}
	if end >= 0 && end < len(line) && line[end] == '.' {
		end++
	}
	return best, end
}

// yearsAt reads a year or a range or list of years at line[i]: "2021",
// "2019-2021", "2019, 2021", "2018–present".
func yearsAt(line []byte, i int) (string, int) {
	m := noticeYearRun().Find(line[i:])
	if m == nil || wordAt(line, i+len(m)) {
		return "", 0
	}
	return strings.Join(strings.Fields(string(m)), ""), len(m)
}

// holderAt reads the holder's name from line[p:], up to what ends it: a
// sentence end, an address, a link, a separator or a reservation.
func holderAt(line []byte, p int) (string, int) {
	end := min(len(line), p+maxHolderLen)
	for i := p; i < end; i++ {
		c := line[i]
		switch {
		case c == '<' || c == '(' || c == '|' || c == ';' || c == '[' && i > p || c == '"' && i > p:
			end = i
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			end = i
		case c == '.' && (i+1 == len(line) || line[i+1] == ' ') && !abbreviationBefore(line[p:i]):
			end = i
		case (c == '-' || c == 0xE2) && i > p && line[i-1] == ' ':
			end = i
		case c|0x20 == 'h' && hasPrefixFold(line[i:], "http"), c|0x20 == 'w' && hasPrefixFold(line[i:], "www."):
			end = i
		case c|0x20 == 'a' || c|0x20 == 't' || c == 'A':
			for _, r := range reservedPhrases {
				if hasPrefixFold(line[i:], r) {
					end = i
				}
			}
		}
	}
	h := strings.Trim(string(line[p:end]), " *_[]\"'")
	return strings.Join(strings.Fields(h), " "), end
}

// trimSociety drops a performing rights society written after the holder
// ("Big Tunes Publishing, BMI"): it says who collects for the holder, and
// is no part of the name.
func trimSociety(h string) string {
	i := strings.LastIndexAny(h, " ,")
	if i < 0 || !slices.Contains(performingRights, h[i+1:]) {
		return h
	}
	return strings.TrimRight(h[:i], " ,")
}

// maxHolderLen bounds a holder's name.
const maxHolderLen = 96

// abbreviationBefore reports whether the word that a period ends is an
// initial or a company suffix, which does not end the holder's name.
func abbreviationBefore(b []byte) bool {
	w := b[bytes.LastIndexByte(b, ' ')+1:]
	if len(w) == 1 {
		return true
	}
	switch strings.ToLower(string(w)) {
	case "inc", "ltd", "co", "corp", "jr", "sr", "st", "llc", "gmbh", "bv", "s.a", "s.l":
		return true
	}
	return false
}

// trailingYear finds a year written after the holder: "Jane Doe 2021".
func trailingYear(h string) (string, int) {
	if m := trailingYearRun().FindStringSubmatch(h); m != nil {
		return strings.Join(strings.Fields(m[1]), ""), len(m[0])
	}
	return "", 0
}
