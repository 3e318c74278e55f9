package redact

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestRedactXMP(t *testing.T) {
	const ns = `xmlns:x="adobe:ns:meta/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:e2="http://ns.adobe.com/exif/1.0/aux/"`
	wrap := func(body string) string {
		return `<x:xmpmeta ` + ns + `><rdf:RDF><rdf:Description rdf:about="" ` + body + `</rdf:Description></rdf:RDF></x:xmpmeta>`
	}
	tests := []struct {
		name    string
		packet  string
		strip   Strip
		gone    []string // substrings that must disappear
		kept    []string // substrings that must stay
		applied []string
		err     error
	}{
		{"attribute with single quotes", wrap(`exif:GPSLatitude='1,2N' exif:Model="X">`), all,
			[]string{"GPSLatitude", "1,2N"}, []string{`exif:Model="X"`}, []string{"xmp:exif:GPSLatitude removed"}, nil},
		{"other prefix, conventional name", wrap(`e2:SerialNumber="123">`), all,
			[]string{"123"}, nil, []string{"xmp:aux:SerialNumber removed"}, nil},
		{"nested struct element", wrap(`><Iptc4xmpExt:LocationShown xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" rdf:parseType="Resource"><exif:GPSLongitude>3,4E</exif:GPSLongitude><Iptc4xmpExt:City>Paris</Iptc4xmpExt:City></Iptc4xmpExt:LocationShown>`), all,
			[]string{"3,4E"}, []string{"Paris"}, []string{"xmp:exif:GPSLongitude removed"}, nil},
		{"self-closing element", wrap(`><e2:OwnerName/>`), all, []string{"OwnerName"}, nil, []string{"xmp:aux:OwnerName removed"}, nil},
		{"only what is asked", wrap(`e2:OwnerName="Ann" exif:GPSAltitude="1/1">`), Strip{Owner: true},
			[]string{"Ann"}, []string{`exif:GPSAltitude="1/1"`}, []string{"xmp:aux:OwnerName removed"}, nil},
		{"nul padding after the packet", wrap(`exif:GPSAltitude="1/1">`) + "\x00\x00\x00", all, []string{"1/1"}, nil, nil, nil},
		{"gps name after the root", wrap(`>`) + `<exif:GPSLatitude>1</exif:GPSLatitude>`, all, nil, nil, nil, errXMPUnreadable},
		{"utf-16 with gps", "<\x00x\x00:\x00G\x00P\x00S\x00", all, nil, nil, nil, errXMPUnreadable},
		{"nothing to remove", wrap(`exif:Model="X">`), all, nil, []string{`exif:Model="X"`}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var rep Report
			out, err := redactXMP([]byte(tc.packet), tc.strip, &rep)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out == nil {
				out = []byte(tc.packet)
			}
			if len(out) != len(tc.packet) {
				t.Fatalf("length %d, want %d", len(out), len(tc.packet))
			}
			s := string(out)
			for _, g := range tc.gone {
				if strings.Contains(s, g) {
					t.Errorf("%q still in %s", g, s)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(s, k) {
					t.Errorf("%q lost from %s", k, s)
				}
			}
			for _, a := range tc.applied {
				if !slices.Contains(rep.Applied, a) {
					t.Errorf("report %q lacks %q", rep.Applied, a)
				}
			}
			wellFormed(t, strings.TrimRight(s, "\x00"))
		})
	}
}

// wellFormed parses s to the end.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("redacted packet is not well-formed: %v\n%s", err, s)
		}
	}
}
