package rights

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestCopyrightFind(t *testing.T) {
	d := NewCopyright(detectors.Config{Identity: janeDoe}).(*Copyright)
	cases := []struct {
		name, text string
		detail     string // "" when no notice is expected
		kind       string
		action     string
	}{
		{"sign year holder", "Photo © 2021 Jane Doe Photography. All rights reserved.", "© 2021 Jane Doe Photography", KindCopyrightNotice, ""},
		{"word and (c)", "Copyright (c) 2019-2021 John Smith <john@smith.dev>", "© 2019-2021 John Smith", KindCopyrightNotice, detectors.ActionExclude},
		{"year after holder", "(c) Jane Doe 2020", "© 2020 Jane Doe", KindCopyrightNotice, ""},
		{"by", "Copyright 2018 by Acme Corp. Inc.", "© 2018 Acme Corp. Inc", KindCopyrightNotice, detectors.ActionExclude},
		{"html entity", "<p>&copy; 2022 Studio Nord</p>", "© 2022 Studio Nord", KindCopyrightNotice, detectors.ActionExclude},
		{"reserved only", "All Rights Reserved.", "©", KindCopyrightNotice, detectors.ActionReview},
		{"french", "Tous droits réservés © 2021 Jeanne Dupont", "© 2021 Jeanne Dupont", KindCopyrightNotice, detectors.ActionExclude},
		{"german", "Alle Rechte vorbehalten.", "©", KindCopyrightNotice, detectors.ActionReview},
		{"spanish", "© Carlos Ruiz. Todos los derechos reservados.", "© Carlos Ruiz", KindCopyrightNotice, detectors.ActionExclude},
		{"italian", "Tutti i diritti riservati", "©", KindCopyrightNotice, detectors.ActionReview},
		{"portuguese", "TODOS OS DIREITOS RESERVADOS", "©", KindCopyrightNotice, detectors.ActionReview},
		{"dutch", "Alle rechten voorbehouden", "©", KindCopyrightNotice, detectors.ActionReview},
		{"society after holder", "(c) 2019 Big Tunes Publishing, BMI", "© 2019 Big Tunes Publishing", KindCopyrightNotice, detectors.ActionExclude},
		{"markdown link", "© 2023 [Jane Doe](https://janedoe.net)", "© 2023 Jane Doe", KindCopyrightNotice, ""},
		{"prose about copyright", "Copyright law protects the expression of ideas.", "", "", ""},
		{"lettered list", "(a) apples (b) pears (c) plums", "", "", ""},
		{"copyrighted word", "this is copyrighted material", "", "", ""},
		{"reserved seats", "The seats are reserved for guests.", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := d.Find(&detectors.Item{}, []byte(c.text))
			if c.detail == "" {
				if len(ms) > 0 {
					t.Fatalf("Find(%q) = %+v, want nothing", c.text, ms)
				}
				return
			}
			if len(ms) != 1 {
				t.Fatalf("Find(%q) = %+v, want one notice", c.text, ms)
			}
			m := ms[0]
			if m.Detail != c.detail || m.Kind != c.kind {
				t.Errorf("detail, kind = %q, %q; want %q, %q", m.Detail, m.Kind, c.detail, c.kind)
			}
			if got := ownerSignal(d.match.Classify(noticeHolder(m.Detail)), m.Kind, "").action; got != c.action {
				t.Errorf("action = %q, want %q", got, c.action)
			}
			if m.Start < 0 || m.End > len(c.text) || m.Start >= m.End {
				t.Errorf("span [%d,%d) outside %q", m.Start, m.End, c.text)
			}
		})
	}
}
