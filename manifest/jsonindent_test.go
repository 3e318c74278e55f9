package manifest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// wantIndent is what the encoder marshalDoc used before wrote for src.
func wantIndent(t testing.TB, src []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, src, "", "  "); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	return buf.Bytes()
}

func TestIndentJSON(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"scalar", `42`},
		{"string", `"a, b: {c}"`},
		{"empty object", `{}`},
		{"empty array", `[]`},
		{"nested empties", `{"a":{},"b":[],"c":[{},[]]}`},
		{"object", `{"name":"x","n":-1.5e+3,"ok":true,"none":null}`},
		{"array of objects", `[{"id":"1","at":{"line":2}},{"id":"2"}]`},
		{"punctuation in strings", `{"k:,{}[]":"v\"},\\","u":"\u003c\u2028é"}`},
		{"escaped backslash before quote", `["a\\","b\\\\",""]`},
		{"deep", `[[[[[[1]]]]],{"a":{"b":{"c":[true,false]}}}]`},
		{"content profile shape", `{"$schema":"s","checklist":{"items":[{"id":"f1","location":{"in":"content","start":1,"end":2}}],"by_status":{}},"excluded":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := indentJSON(nil, []byte(tt.src), "  ")
			if want := wantIndent(t, []byte(tt.src)); !bytes.Equal(got, want) {
				t.Errorf("indentJSON(%s):\n%s\nwant:\n%s", tt.src, got, want)
			}
		})
	}
}

func TestIndentJSONLeavesOddInputToEncodingJSON(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"space outside strings", `{"a": [1, 2]}`, "{\n  \"a\": [\n    1,\n    2\n  ]\n}"},
		{"unterminated string", `["abc`, `["abc`},
		{"trailing backslash", `["a\`, `["a\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(indentJSON([]byte("kept:"), []byte(tt.src), "  ")); got != "kept:"+tt.want {
				t.Errorf("indentJSON(%q) = %q, want %q", tt.src, got, "kept:"+tt.want)
			}
		})
	}
}

func TestMarshalDocIsTheIndentingEncoder(t *testing.T) {
	doc := map[string]any{
		"html":  "<a href=\"x\">&</a>",
		"items": []any{map[string]any{"id": "1", "tags": map[string]string{}}, []int{}},
		"n":     3.25,
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	got, err := marshalDoc(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("marshalDoc:\n%s\nwant:\n%s", got, want.Bytes())
	}
}

// TestIndentJSONPrefixed checks the prefixed form against json.Indent
// with the same prefix: the content profile's checklist items are laid
// out by it at their depth in the document.
func TestIndentJSONPrefixed(t *testing.T) {
	for _, src := range []string{`42`, `{}`, `[]`, `{"a":{},"b":[1,{"c":"d\n"}]}`, `[{"id":"1","at":{"line":2}},{"id":"2"}]`, `{"s":"a b"}`} {
		for _, prefix := range []string{"", "      ", "\t"} {
			var want bytes.Buffer
			if err := json.Indent(&want, []byte(src), prefix, "  "); err != nil {
				t.Fatal(err)
			}
			if got := indentJSONPrefixed([]byte("kept:"), []byte(src), prefix, "  "); string(got) != "kept:"+want.String() {
				t.Errorf("indentJSONPrefixed(%s, %q) = %q, want %q", src, prefix, got, "kept:"+want.String())
			}
		}
	}
	// Input json.Indent decides on keeps the prefix too.
	src := `{"a": [1, 2]}`
	var want bytes.Buffer
	if err := json.Indent(&want, []byte(src), "    ", "  "); err != nil {
		t.Fatal(err)
	}
	if got := indentJSONPrefixed(nil, []byte(src), "    ", "  "); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("indentJSONPrefixed(%s) = %q, want %q", src, got, want.Bytes())
	}
}

// FuzzIndentJSON checks indentJSON against json.Indent on any valid
// document, compacted as encoding/json writes it.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[1,{"a":"b\"c"},[]]`, `{"k":{"x":[null,true,-0.5]}}`, `"\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		src := compact.Bytes()
		if got, want := indentJSON(nil, src, "  "), wantIndent(t, src); !bytes.Equal(got, want) {
			t.Fatalf("indentJSON(%q) = %q, want %q", src, got, want)
		}
		var want bytes.Buffer
		json.Indent(&want, src, "      ", "  ")
		if got := indentJSONPrefixed(nil, src, "      ", "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentJSONPrefixed(%q) = %q, want %q", src, got, want.Bytes())
		}
	})
}
