package pipeline

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

func TestMembers(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string // name=value pairs; nil when the walk must fail
	}{
		{"empty", `{}`, []string{}},
		{"flat", `{"a":"x","b":12,"c":true,"d":null}`, []string{`a="x"`, `b=12`, `c=true`, `d=null`}},
		{"nested", `{"a":{"b":[1,{"c":"}"}]},"d":"]"}`, []string{`a={"b":[1,{"c":"}"}]}`, `d="]"`}},
		{"escapes", `{"a":"q\"}\\","b":"\u0041"}`, []string{`a="q\"}\\"`, `b="\u0041"`}},
		{"spaces", " { \"a\" : 1 , \"b\" : [ ] } ", []string{`a=1`, `b=[ ]`}},
		{"not an object", `["a"]`, nil},
		{"open string", `{"a":"x}`, nil},
		{"open object", `{"a":{"b":1}`, nil},
		{"no colon", `{"a" 1}`, nil},
		{"no value", `{"a":}`, nil},
		{"trailing", `{"a":1}x`, nil},
		{"trailing comma", `{"a":1,}`, nil},
		{"empty", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			err := members([]byte(tt.line), func(name, value []byte) error {
				got = append(got, string(name)+"="+string(value))
				return nil
			})
			if tt.want == nil {
				if err == nil {
					t.Errorf("walked %q: %q", tt.line, got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

// FuzzMembers: no panic on any line, values inside it, and on a valid
// JSON object the members encoding/json finds, with the same values.
func FuzzMembers(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a":{"b":[1,"]"]},"c":"\"}"}`, `{"a":1}x`, `{"a":"`, `{"type":"file","path":"a","size":1}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		got := map[string]string{}
		err := members(line, func(name, value []byte) error {
			if len(value) == 0 || !bytes.Contains(line, value) {
				t.Fatalf("value %q is not in the line", value)
			}
			got[string(name)] = string(value)
			return nil
		})
		var want map[string]json.RawMessage
		if json.Unmarshal(line, &want) != nil || bytes.Contains(line, []byte(`\`)) || !utf8.Valid(line) {
			return // not an object, or names encoding/json would change
		}
		if err != nil {
			t.Fatalf("valid object %q: %v", line, err)
		}
		for name, raw := range want {
			if v, ok := got[name]; !ok || !bytes.Equal(bytes.TrimSpace([]byte(v)), bytes.TrimSpace(raw)) {
				t.Errorf("member %q: got %q, want %q", name, v, raw)
			}
		}
	})
}

// FuzzDecodeLinesOnly: what decodeLinesOnly reads of encodeLines' lines
// is what the record holds, whatever the strings; and any input decodes
// or fails without a panic.
func FuzzDecodeLinesOnly(f *testing.F) {
	f.Add("image", int64(12), "id1", "pii/email", "pii", "email", "high", "ignored", "reviewed \"ok\"\n<&>", "j***@e.com")
	f.Add("", int64(0), "", "", "", "", "", "open", "", "")
	f.Add("text", int64(1), "i", "d", "c", "k", "low", "open", `,"status":"x","reason":"y"`, `a","status":"z`)
	f.Fuzz(func(t *testing.T, kind string, size int64, id, detector, category, fkind, severity, status, reason, excerpt string) {
		decodeLinesOnly([]byte(kind + "\n" + reason + "\n"))
		rec := &Record{Path: "a", Size: size, Kind: kind, Tags: map[string]string{"title": excerpt}, Findings: []detectors.Finding{{
			ID: id, Path: "a", Detector: detector, Category: category, Kind: fkind, Severity: severity,
			Location: detectors.Location{In: "content", Start: 1}, Excerpt: excerpt, Status: status, Reason: reason,
		}}}
		lines, err := encodeLines(rec)
		if err != nil {
			t.Fatal(err)
		}
		want, err := decodeLines(lines)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeLinesOnly(lines)
		if err != nil {
			t.Fatalf("%s: %v", lines, err)
		}
		wf, gf := want.Findings[0], got.Findings[0]
		if got.Size != want.Size || got.Kind != want.Kind || !reflect.DeepEqual(got.FindingIDs, []string{wf.ID}) ||
			gf != (detectors.Finding{ID: wf.ID, Detector: wf.Detector, Category: wf.Category, Kind: wf.Kind, Severity: wf.Severity, Status: wf.Status, Reason: wf.Reason}) {
			t.Errorf("got %+v %+v, want %+v %+v", got, gf, want, wf)
		}
	})
}
