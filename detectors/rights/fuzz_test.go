package rights

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// FuzzTextDetectors runs every text detector of the package over any
// input: no panic, and every match inside the input with a kind.
func FuzzTextDetectors(f *testing.F) {
	for _, s := range []string{
		"© 2021 Jane Doe Photography. All rights reserved.",
		"Copyright (c) 2019-2021 John Smith <john@smith.dev>",
		"Tous droits réservés © ",
		"(c)", "©", "Copyright", "Copyright ©©©© 2021-", "\xc2",
		"![x](https://other.org/a.jpg)", "<iframe src=\"https://youtube.com/embed/x\">", "{{< tweet id=1 >}}",
		"\n> quote\n> — Someone", "<blockquote>x</blockquote>", "“x” — y",
		"SPDX-License-Identifier: MIT", "CC BY-NC-SA 4.0", "creativecommons.org/licenses/by/4.0",
		"Photo: AFP/Getty", "(AP Photo)", "Permission is hereby granted",
		"Words and music by Ann Lee & Bo Ray (BMI)", "(c) 2019 Big Tunes Publishing, BMI/ASCAP", "**Lyrics:** Carl Moe",
	} {
		f.Add([]byte(s))
	}
	cfg := detectors.Config{Identity: janeDoe, Root: f.TempDir()}
	var tds []detectors.TextDetector
	for _, reg := range All() {
		if td, ok := reg.New(cfg).(detectors.TextDetector); ok {
			tds = append(tds, td)
		}
	}
	item := &detectors.Item{Path: "post.md", MediaType: "text/markdown", Kind: "text"}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, td := range tds {
			for _, m := range td.Find(item, b) {
				if m.Start < 0 || m.End > len(b) || m.Start >= m.End {
					t.Fatalf("%s: match [%d,%d) outside %d bytes", td.Name(), m.Start, m.End, len(b))
				}
				if m.End-m.Start > td.MaxLen() {
					t.Fatalf("%s: match of %d bytes longer than MaxLen %d", td.Name(), m.End-m.Start, td.MaxLen())
				}
				if m.Kind == "" || !utf8.ValidString(m.Detail) && utf8.Valid(b) {
					t.Fatalf("%s: match %+v has no kind or a broken detail", td.Name(), m)
				}
			}
		}
	})
}

// FuzzMetadataDetectors runs every detector of the package over one
// field of any name and value: no panic, findings at that field.
func FuzzMetadataDetectors(f *testing.F) {
	for _, s := range [][2]string{
		{"exif:Copyright", "Jane Doe"}, {"xmp:plus:DataMining", "DMI-PROHIBITED"},
		{"xmp:dc:creator", "Ann Lee; Jane Doe"}, {"iptc:Credit", "AP"},
		{"xmp:Iptc4xmpExt:DigitalSourceType", "trainedAlgorithmicMedia"},
	} {
		f.Add(s[0], s[1])
	}
	cfg := detectors.Config{Identity: janeDoe, Root: f.TempDir()}
	var ds []detectors.Detector
	for _, reg := range All() {
		ds = append(ds, reg.New(cfg))
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		item := &detectors.Item{Path: "a.jpg", Fields: []detectors.Field{{Name: name, Value: value}}}
		for _, d := range ds {
			if !d.Applies(item) {
				continue
			}
			fs, err := d.Detect(context.Background(), item)
			if err != nil {
				continue
			}
			for _, fd := range fs {
				if fd.Location.In == detectors.InMetadata && fd.Location.Field != name && fd.Location.Field != "path" {
					t.Fatalf("%s: finding at field %q, want %q", d.Name(), fd.Location.Field, name)
				}
			}
		}
	})
}
