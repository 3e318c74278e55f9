package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// warnUnportable notes the payload names a buyer cannot unpack on every
// system: a bag may hold them (RFC 8493 only asks for valid names), and
// Linux folders do, but macOS and Windows file systems tell no letter
// case apart by default, and Windows refuses some characters and names.
// A bag unpacked there loses those files and fails verification, so the
// creator is told which to rename; the bundle is written all the same.
func (b *bundleInputs) warnUnportable() {
	for _, names := range b.caseGroups {
		// The files the policy left out are not in the bundle.
		var shown []string
		for _, n := range names {
			if !b.leftOut(n) {
				shown = append(shown, manifest.DisplayPath(n))
			}
		}
		if len(shown) < 2 {
			continue
		}
		b.warn("%s differ only in letter case: on macOS and Windows, which do not tell case apart by default, a buyer who unpacks the bundle gets one file where it lists %d, and it fails verification there; rename all but one",
			strings.Join(shown, " and "), len(shown))
	}
	bad := unfitForWindows(b.Records)
	if len(bad) == 0 {
		return
	}
	n, listed := len(bad), strings.Join(bad[:min(len(bad), 10)], ", ")
	if n > 10 {
		listed += fmt.Sprintf(" and %d more", n-10)
	}
	b.warn("%s Windows cannot hold, so a buyer there cannot unpack %s: %s; rename %s to unpack everywhere",
		manifest.Count(n, "name"), manifest.Agree(n, "that file", "those files"), listed, manifest.Agree(n, "it", "them"))
}

// noteCaseClashes finds the paths that differ only in letter case before
// the bundle is written (the files the policy leaves out still among
// them): a bundle written to a file system that does not tell case apart
// (exFAT, a macOS volume, a Windows share) fails on the second of two,
// and the error then says why (caseHint).
func (b *bundleInputs) noteCaseClashes() {
	b.caseGroups = caseClashes(b.Records)
	for _, names := range b.caseGroups {
		if b.caseTwin == nil {
			b.caseTwin = map[string]string{}
		}
		for i, n := range names {
			b.caseTwin[n] = names[(i+1)%len(names)]
		}
	}
}

// leftOut reports whether the policy left the file at path (NFC) out of
// the bundle.
func (b *bundleInputs) leftOut(path string) bool {
	if b.Facts == nil {
		return false
	}
	for _, x := range b.Facts.Excluded {
		if norm.NFC.String(x.Path) == path {
			return true
		}
	}
	return false
}

// caseHint adds to err, which adding rec to the payload gave, why a file
// was found in its place: another name that differs only in letter case,
// on a file system that does not tell them apart.
func (b *bundleInputs) caseHint(rec *pipeline.Record, err error) error {
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	twin, ok := b.caseTwin[norm.NFC.String(rec.Path)]
	if !ok {
		return err
	}
	return fmt.Errorf("%w (the bundle's file system does not tell letter case apart, and %s differs from this name only in case: rename one, or pack onto a file system that tells case apart)", err, manifest.DisplayPath(twin))
}

// caseClashes lists the groups of payload paths, as the bag names them
// (NFC) and sorted, that are one path once letter case is folded.
func caseClashes(recs []*pipeline.Record) [][]string {
	seen := make(map[string]string, len(recs))
	groups := map[string][]string{}
	for _, rec := range recs {
		name := rec.Path
		if !norm.NFC.IsNormalString(name) {
			name = norm.NFC.String(name)
		}
		key := strings.ToLower(name)
		if first, ok := seen[key]; ok {
			if groups[key] == nil {
				groups[key] = []string{first}
			}
			groups[key] = append(groups[key], name)
			continue
		}
		seen[key] = name
	}
	var out [][]string
	for _, names := range groups {
		slices.Sort(names)
		out = append(out, names)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// unfitForWindows lists the payload paths Windows cannot create, each
// with why: a character it reserves (< > : " | ? * and control
// characters), a name ending in a dot or a space, or a device name (CON,
// PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension).
func unfitForWindows(recs []*pipeline.Record) []string {
	var out []string
	for _, rec := range recs {
		if why := windowsProblem(rec.Path); why != "" {
			shown := manifest.DisplayPath(rec.Path)
			if shown == rec.Path && strings.TrimSpace(shown) != shown {
				shown = fmt.Sprintf("%q", shown) // a space at either end shows
			}
			out = append(out, shown+" ("+why+")")
		}
	}
	return out
}

// windowsProblem says why Windows cannot create path ("/"-separated), or
// "" when it can.
func windowsProblem(path string) string {
	for part := range strings.SplitSeq(path, "/") {
		for _, c := range []byte(part) {
			if c < 0x20 {
				return "a control character"
			}
			if strings.IndexByte(`<>:"|?*`, c) >= 0 {
				return fmt.Sprintf("%q", string(c))
			}
		}
		if strings.HasSuffix(part, ".") || strings.HasSuffix(part, " ") {
			return "ends in a dot or a space"
		}
		stem, _, _ := strings.Cut(part, ".")
		if isDeviceName(strings.TrimRight(stem, " ")) {
			return "a device name"
		}
	}
	return ""
}

// isDeviceName reports whether stem is a name Windows keeps for a device.
func isDeviceName(stem string) bool {
	switch strings.ToUpper(stem) {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 && stem[3] >= '1' && stem[3] <= '9' {
		switch strings.ToUpper(stem[:3]) {
		case "COM", "LPT":
			return true
		}
	}
	return false
}
