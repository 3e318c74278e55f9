package eval

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/detectors/rights"
)

// keyValues are texts each text detector finds something in, some only in
// an item of one kind: a number in a language's national format, a handle
// beside code, a robots.txt group.
var keyValues = []string{
	"Jane Doe", "by Jane Doe, 221B Baker Street, London NW1 6XE",
	"jane.doe@example.com", "jane at example dot com",
	"call 020 7946 0958 or (202) 555-0143", "Tel. 030 12345678", "+33 1 42 68 53 00", "(11) 91234-5678",
	"@janedoe on twitter.com/janedoe", "@Override public void run()", "@media screen",
	"User-agent: GPTBot\nDisallow: /\n", "User-agent: CCBot\nDisallow: /private/\n",
	"© 2021 Jane Doe. All rights reserved.", "Licensed under CC BY-NC 4.0", "Photo: Getty Images",
	"SSN 078-05-1120", "IBAN GB82 WEST 1234 5698 7654 32", "card 4111 1111 1111 1111",
	"192.168.1.20 and 2001:db8::1", "MAC 00:1A:2B:3C:4D:5E", "born 12 March 1980",
	"48.858370, 2.294481", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
	"password: hunter2hunter2", "AKIAIOSFODNN7EXAMPLE",
	"\"To be, or not to be, that is the question\" — Hamlet",
	"Lyrics by John Lennon, music by Paul McCartney", "<iframe src=\"https://www.youtube.com/embed/x\">",
	"2015:05:10 23:13:06", "+02:00", "Canon EOS R6", "012345678901",
}

// keyItems differ in every attribute a detector could read.
func keyItems() []*detectors.Item {
	var out []*detectors.Item
	paths := []string{"notes.txt", "a/b/photo.jpg", "src/app.py", "Makefile", "site/robots.txt", "ROBOTS.TXT", "lib/x.go"}
	langs := []string{"", "en", "de", "fr", "pt", "ja", "EN"}
	for i, p := range paths {
		for j, l := range langs {
			out = append(out, &detectors.Item{
				Path: p, Language: l, Size: int64(100 * (i + j)),
				MediaType: []string{"text/plain", "image/jpeg"}[(i+j)%2],
				Kind:      []string{"text", "image"}[(i+j)%2],
				Fields:    []detectors.Field{{Name: "exif:Artist", Value: fmt.Sprint("Artist ", i, j)}},
			})
		}
	}
	return out
}

// TestFindKeysSayWhatFindReads holds every text detector to its FindKey,
// which a scan's field memo trusts: over items that differ in path,
// language, type, size and fields, Find gives the same matches in the
// same bytes wherever FindKey is the same. The detectors whose key varies
// must give different matches under different keys for some text, or the
// items here would not test what the key is for.
func TestFindKeysSayWhatFindReads(t *testing.T) {
	reg, err := detectors.NewRegistry(pii.All(), rights.All())
	if err != nil {
		t.Fatal(err)
	}
	dets, err := reg.New(reg.Names(), detectors.Config{})
	if err != nil {
		t.Fatal(err)
	}
	items := keyItems()
	varying := map[string]bool{}
	for _, d := range detectors.TextDetectors(dets) {
		k, ok := d.(detectors.FindKeyer)
		if !ok {
			t.Errorf("%s does not say what Find reads of an item (detectors.FindKeyer)", d.Name())
			continue
		}
		for _, v := range keyValues {
			byKey := map[string][]detectors.Match{}
			for _, item := range items {
				key := k.FindKey(item)
				got := d.Find(item, []byte(v))
				want, seen := byKey[key]
				if !seen {
					byKey[key] = got
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s in %q: key %q, but %s (%s) gives %+v and an earlier item %+v",
						d.Name(), v, key, item.Path, item.Language, got, want)
				}
			}
			var first []detectors.Match
			n := 0
			for _, ms := range byKey {
				if n > 0 && !reflect.DeepEqual(ms, first) {
					varying[d.Name()] = true
				}
				first = ms
				n++
			}
		}
	}
	for _, name := range []string{pii.PhoneName, pii.HandleName, rights.TDMRepName} {
		if !varying[name] {
			t.Errorf("%s finds the same under every key in these texts", name)
		}
	}
}
