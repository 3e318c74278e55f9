package diff

import (
	"slices"
	"strings"
	"testing"
)

func TestCompareLicence(t *testing.T) {
	base := `{"id":"LicenseRef-ada","uses":["training"],"commercial":false,"compensation":{"currency":"USD","one_time_fee":500}}`
	tests := []struct {
		name        string
		old, new    string
		compared    bool
		unavailable string
		changes     []string // key change old>new
	}{
		{name: "unchanged", old: base, new: base, compared: true},
		{name: "key order does not matter", old: base, compared: true,
			new: `{"compensation":{"one_time_fee":500,"currency":"USD"},"commercial":false,"uses":["training"],"id":"LicenseRef-ada"}`},
		{
			name: "fee raised, use added, commercial dropped, attribution added", old: base, compared: true,
			new: `{"id":"LicenseRef-ada","uses":["training","fine_tuning"],"compensation":{"currency":"USD","one_time_fee":750},"attribution":{"required":true}}`,
			changes: []string{
				`attribution.required added >true`,
				`commercial removed false>`,
				`compensation.one_time_fee changed 500>750`,
				`uses changed ["training"]>["training","fine_tuning"]`,
			},
		},
		{name: "offer appears", old: `{}`, new: `{"uses":["training"]}`, compared: true, changes: []string{`uses added >["training"]`}},
		{name: "no offer key is an empty offer", old: `null`, new: `{}`, compared: true},
		{name: "old bundle without a profile", old: "", new: base, unavailable: "the old bundle has no"},
		{name: "new bundle without a profile", old: base, new: "", unavailable: "the new bundle has no"},
		{name: "neither has a profile", unavailable: "neither bundle has"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, writeBundle(t, fakeBundle{licence: tt.old}), writeBundle(t, fakeBundle{licence: tt.new}))
			l := r.Licence
			if l.Compared != tt.compared || !strings.HasPrefix(l.Unavailable, tt.unavailable) || (tt.unavailable == "") != (l.Unavailable == "") {
				t.Errorf("compared %v (%q), want %v (%q...)", l.Compared, l.Unavailable, tt.compared, tt.unavailable)
			}
			got := paths(l.Keys, func(k KeyChange) string { return k.Key + " " + k.Change + " " + string(k.Old) + ">" + string(k.New) })
			if !slices.Equal(got, tt.changes) && len(got)+len(tt.changes) > 0 {
				t.Errorf("changes\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.changes, "\n"))
			}
			// A profile on one side only is a difference, though no key
			// was compared: "no differences" would hide that the offer
			// came or went.
			oneSided := tt.unavailable != "" && (tt.old != "" || tt.new != "")
			if l.Changed != (len(tt.changes) > 0) || r.Identical != (!l.Changed && !oneSided) {
				t.Errorf("Changed = %v, Identical = %v with %d changes", l.Changed, r.Identical, len(tt.changes))
			}
		})
	}
}

func TestParseLicenceRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":          `{"licence_offer":`,
		"offer not object":  `{"licence_offer":["training"]}`,
		"document is array": `[1,2]`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseLicence(strings.NewReader(doc)); err == nil {
				t.Errorf("parseLicence(%s) gave no error", doc)
			}
		})
	}
}
