package bagit

import (
	"errors"

	"github.com/consignhq/consign/manifest/internal/display"
)

// readFetch reads fetch.txt, when the bag has one, into v.fetch.
func (v *verifier) readFetch() {
	v.fetch = map[string]FetchEntry{}
	raw, err := v.readFile("fetch.txt")
	if err != nil {
		if !errors.Is(err, errMissing) {
			v.problem("fetch.txt", "%v", err)
		}
		return
	}
	text, err := decodeTag(v.enc, raw)
	if err != nil {
		v.problem("fetch.txt", "%v", err)
		return
	}
	entries, problems := parseFetch(text, v.decl)
	for _, p := range problems {
		v.problem("fetch.txt", "%s", p)
	}
	for _, e := range entries {
		key := nfc(e.Path)
		if prev, dup := v.fetch[key]; dup {
			v.problem("fetch.txt", "lines %d and %d both list %s", prev.line, e.line, display.Path(e.Path))
			continue
		}
		v.fetch[key] = e
	}
}

// checkUnfetched lists the fetch.txt entries not in the payload, each of
// which every payload manifest must list: fetch.txt may only point at
// files the manifests vouch for.
func (v *verifier) checkUnfetched(manifests []*manifestFile) {
	for key, e := range v.fetch {
		if _, ok := v.payload[key]; !ok {
			v.report.Unfetched = append(v.report.Unfetched, e)
		}
	}
	if len(v.report.Unfetched) == 0 {
		return
	}
	sortFetch(v.report.Unfetched)
	for _, m := range manifests {
		if m.tag {
			continue
		}
		for _, e := range v.report.Unfetched {
			if _, listed := m.sums.others[nfc(e.Path)]; !listed {
				v.problem(e.Path, "listed in fetch.txt but not in %s", m.name)
			}
		}
	}
}
