package rights

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

var janeDoe = detectors.Identity{
	Names:         []string{"Jane Doe"},
	Aliases:       []string{"Jöhanna Dœ-Smith"},
	Handles:       []string{"@janedoe_photo"},
	Domains:       []string{"www.janedoe.net"},
	Organisations: []string{"Doe Studio Ltd."},
}

func TestMatcherClassify(t *testing.T) {
	m := NewMatcher(janeDoe)
	cases := []struct {
		name, holder, want string
	}{
		{"exact", "Jane Doe", detectors.OwnerSelf},
		{"case and punctuation", "JANE-DOE.", detectors.OwnerSelf},
		{"business name", "© 2021 Jane Doe Photography", detectors.OwnerSelf},
		{"surname first", "Doe, Jane", detectors.OwnerSelf},
		{"accents", "Jáne Dóe", detectors.OwnerSelf},
		{"alias without accents", "Johanna Doe Smith", detectors.OwnerSelf},
		{"organisation", "doe studio ltd", detectors.OwnerSelf},
		{"handle", "janedoe_photo", detectors.OwnerSelf},
		{"domain", "Copyright janedoe.net", detectors.OwnerSelf},
		{"domain label", "JaneDoe", detectors.OwnerSelf},
		{"someone else", "John Smith", detectors.OwnerThirdParty},
		{"agency", "Getty Images", detectors.OwnerThirdParty},
		{"partial name", "Jane Doering", detectors.OwnerThirdParty},
		{"first name only", "Jane Austen", detectors.OwnerThirdParty},
		{"no holder", "All rights reserved.", detectors.OwnerUnknown},
		{"year only", "© 2020", detectors.OwnerUnknown},
		{"empty", "", detectors.OwnerUnknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := m.Classify(c.holder); got != c.want {
				t.Errorf("Classify(%q) = %q, want %q", c.holder, got, c.want)
			}
		})
	}
}

func TestMatcherWithoutIdentity(t *testing.T) {
	m := NewMatcher(detectors.Identity{})
	if got := m.Classify("Jane Doe"); got != detectors.OwnerUnknown {
		t.Errorf("Classify without identity = %q, want unknown", got)
	}
}

func TestNoticeHolder(t *testing.T) {
	cases := []struct{ name, detail, want string }{
		{"year", "© 2021 Jane Doe Photography", "Jane Doe Photography"},
		{"range", "© 2019-2021 Jane Doe", "Jane Doe"},
		{"agency starting with digits", "© 2020 123RF", "123RF"},
		{"no year", "© Jane Doe", "Jane Doe"},
		{"no holder", "©", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := noticeHolder(c.detail); got != c.want {
				t.Errorf("noticeHolder(%q) = %q, want %q", c.detail, got, c.want)
			}
		})
	}
}
