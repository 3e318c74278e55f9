package diff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The JSON Lines readers take whatever a bundle holds: no input may panic
// them, a line longer than maxLine must stop them rather than be buffered,
// and the records they return must keep the sorted order the side-by-side
// walk relies on.

func FuzzRecordReader(f *testing.F) {
	f.Add([]byte(`{"path":"a.txt","size":3,"sha256":"` + sum('a') + `","tags":{"title":"x"}}` + "\n" +
		`{"path":"b.jpg","size":9,"redaction":{"original_sha256":"` + sum('b') + `","original_size":9}}` + "\n"))
	f.Add([]byte("{\"path\":\"b\"}\n\n  \n{\"path\":\"a\"}\n"))
	f.Add([]byte(`{"path":"a","languages":[{"code":"en","confidence":1e400}]}`))
	f.Add([]byte("{\"path\":\"\xff\"}\r\n{\"path\":"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newRecordReader("files.jsonl", bytes.NewReader(data))
		prev := ""
		for i := 0; ; i++ {
			rec, err := r.next()
			if err != nil || rec == nil {
				return
			}
			if rec.Path == "" || (i > 0 && rec.Path <= prev) {
				t.Fatalf("record %d: path %q after %q", i, rec.Path, prev)
			}
			prev = rec.Path
		}
	})
}

func FuzzFindingReader(f *testing.F) {
	f.Add([]byte(`{"id":"aaaa","path":"a.txt","detector":"pii/email","location":{"in":"content","start":1,"end":9},"status":"open"}` + "\n"))
	f.Add([]byte("{\"id\":\"\"}\n{\"id\":1}\n"))
	f.Add([]byte(strings.Repeat("{\"id\":\"x\"}\n", 50)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newFindingReader("findings.jsonl", bytes.NewReader(data))
		for n := 0; n <= len(data); n++ {
			fd, err := r.next()
			if err != nil || fd == nil {
				return
			}
			if fd.ID == "" {
				t.Fatal("a finding without an id was returned")
			}
		}
		t.Fatalf("more findings than bytes in %d bytes", len(data))
	})
}

func FuzzParseLicence(f *testing.F) {
	f.Add([]byte(`{"licence_offer":{"uses":["training"],"term":{"months":24},"compensation":{"one_time_fee":1e3}}}`))
	f.Add([]byte(`{"licence_offer":null}`))
	f.Add([]byte(`{"licence_offer":{"a":{"b":{"c":{}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := parseLicence(bytes.NewReader(data))
		if err != nil {
			return
		}
		for k, v := range keys {
			if len(v) == 0 {
				t.Fatalf("key %q has no value", k)
			}
		}
		if got := diffKeys(keys, map[string]json.RawMessage{}); len(got) != len(keys) {
			t.Fatalf("%d removals for %d keys", len(got), len(keys))
		}
	})
}

func FuzzParseBagInfo(f *testing.F) {
	f.Add([]byte("External-Identifier: urn:uuid:x\nBag-Software-Agent: consign v1\n  more\n"))
	f.Add([]byte(" leading continuation\n:\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fields, err := parseBagInfo(bytes.NewReader(data))
		if err == nil && len(fields) > bytes.Count(data, []byte(":")) {
			t.Fatalf("%d fields from %d colons", len(fields), bytes.Count(data, []byte(":")))
		}
	})
}
