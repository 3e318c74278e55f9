package manifest

import (
	"encoding/json"
	"testing"
)

// findingHead is what CheckFindingsJSONL reads of a finding.
type findingHead struct {
	ID       string `json:"id"`
	Path     string `json:"path"`
	Detector string `json:"detector"`
	Status   string `json:"status"`
}

// sameAsUnmarshal fails t unless decodeTop reads line as json.Unmarshal
// does: the same fields, or the same error.
func sameAsUnmarshal(t *testing.T, line []byte) {
	t.Helper()
	var got, want findingHead
	err := decodeTop(line, &got, findingKeys, &got.ID, &got.Path, &got.Detector, &got.Status)
	wantErr := json.Unmarshal(line, &want)
	switch {
	case (err == nil) != (wantErr == nil), err != nil && err.Error() != wantErr.Error():
		t.Fatalf("decodeTop(%q): err = %v, json.Unmarshal says %v", line, err, wantErr)
	case got != want:
		t.Fatalf("decodeTop(%q) = %+v, json.Unmarshal gives %+v", line, got, want)
	}
}

func TestDecodeTopMatchesUnmarshal(t *testing.T) {
	tests := []struct{ name, line string }{
		{"finding", `{"id":"x","path":"a.md","detector":"pii/email","category":"pii","confidence":0.9,"location":{"in":"content","start":1},"tags":["a",{"b":[]}],"status":"open"}`},
		{"escaped value", `{"id":"\u0078","path":"a\"b","status":"open"}`},
		{"escaped skipped member", `{"excerpt":"tab\there \ud83d\ude00","id":"x"}`},
		{"bad escape in a skipped member", `{"excerpt":"\q","id":"x"}`},
		{"short unicode escape", `{"excerpt":"\u12","id":"x"}`},
		{"key in other case", `{"ID":"x","Path":"p"}`},
		{"key in other case after the exact one", `{"id":"x","Id":"y"}`},
		{"repeated key", `{"id":"x","id":"y"}`},
		{"number where a string goes", `{"id":3}`},
		{"null where a string goes", `{"id":null,"path":"p"}`},
		{"non-ascii key", `{"ıd":"x","pàth":"p"}`},
		{"kelvin sign", "{\"\u212a\":\"x\"}"},
		{"invalid utf-8 value", "{\"path\":\"a\xffb\"}"},
		{"not an object", `["id"]`},
		{"null line", `null`},
		{"empty object", `{}`},
		{"trailing garbage", `{"id":"x"}x`},
		{"truncated", `{"id":"x","location":{"in":`},
		{"bad number", `{"start":01,"id":"x"}`},
		{"control byte", "{\"excerpt\":\"a\x01\",\"id\":\"x\"}"},
		{"nested object missing colon", `{"location":{"in" "x"},"id":"x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameAsUnmarshal(t, []byte(tt.line))
		})
	}
}

// FuzzDecodeTop: on any line decodeTop agrees with json.Unmarshal.
func FuzzDecodeTop(f *testing.F) {
	for _, seed := range []string{
		`{"id":"x","path":"a.md","detector":"pii/email","location":{"in":"content","start":1,"end":5},"status":"open"}`,
		`{"excerpt":"\u00e9\n","Id":"y","tags":[1,true,null,{"a":"b"}]}`,
		"{\"path\":\"\xff\"}", `{"id":`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		sameAsUnmarshal(t, line)
	})
}
