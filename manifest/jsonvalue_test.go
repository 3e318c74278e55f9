package manifest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sameAsLibrary fails t unless decodeJSONValue gives what the schema
// library's own decoder gives for data: equal values, or the same error.
func sameAsLibrary(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	got, err := decodeJSONValue(data)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Fatalf("decode %q: err = %v, the library says %v", data, err, wantErr)
	case err != nil && err.Error() != wantErr.Error():
		t.Fatalf("decode %q: err = %v, the library says %v", data, err, wantErr)
	case !reflect.DeepEqual(got, want):
		t.Fatalf("decode %q = %#v, the library gives %#v", data, got, want)
	}
}

func TestDecodeJSONValueMatchesLibrary(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"record", `{"path":"a/b.jpg","size":123,"sha256":"ab","tags":{"x":"y"},"languages":[{"code":"en","confidence":0.97}]}`},
		{"empty containers", `{"a":{},"b":[],"c":[{}]}`},
		{"literals", `[true,false,null]`},
		{"numbers", `[0,-0,1.5,-2.25e10,3E-2,1e+3,12345678901234567890123]`},
		{"whitespace", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n "},
		{"repeated key keeps the last", `{"a":1,"a":2}`},
		{"escapes", `{"q":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}`},
		{"one-letter escapes only", `{"excerpt":"she said \"hi\" \\ \/ \b\f\n\r\t","é":"\"Zoë\""}`},
		{"escape at the end", `["abc\"","\\"]`},
		{"one-letter escape and invalid utf-8", "[\"a\\\"\xffb\"]"},
		{"one-letter escape and a bad one", `["a\"b\qc"]`},
		{"lone surrogate", `["\ud800x"]`},
		{"utf-8", `{"name":"Zoë 日本"}`},
		{"invalid utf-8", "[\"a\xffb\"]"},
		{"top-level string", `"x"`},
		{"unterminated object", `{"a":1`},
		{"unterminated string", `["abc`},
		{"trailing comma", `[1,]`},
		{"leading zero", `[01]`},
		{"bare minus", `[-]`},
		{"fraction without digits", `[1.]`},
		{"exponent without digits", `[1e]`},
		{"control byte in string", "[\"a\x01\"]"},
		{"bad escape", `["\x"]`},
		{"backslash at the end", `["\`},
		{"trailing value", `{} {}`},
		{"trailing garbage", `{}x`},
		{"empty", ``},
		{"only space", `  `},
		{"bad literal", `[tru]`},
		{"single quotes", `{'a':1}`},
		{"deep", strings.Repeat("[", 1500) + strings.Repeat("]", 1500)},
		{"too deep for the library", strings.Repeat("[", 10001) + strings.Repeat("]", 10001)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameAsLibrary(t, []byte(tt.doc))
		})
	}
}

// FuzzDecodeJSONValue: whatever the input, decodeJSONValue agrees with the
// schema library's decoder (and does not panic).
func FuzzDecodeJSONValue(f *testing.F) {
	for _, seed := range []string{
		`{"path":"a.jpg","size":3,"sha256":"ab","kind":"image"}`,
		`{"id":"x","location":{"in":"content","start":1,"end":5},"confidence":0.9}`,
		`["\u00e9\ud83d\ude00",1e5,-0.5,true,null]`,
		`{"excerpt":"\"J*** D**\" \\ \/\t","detail":"© 2018"}`,
		"[\"\xff\"]", `{"a":`, `[01]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsLibrary(t, data)
	})
}

// FuzzUnescapeShort: a string body unescapeShort decodes, encoding/json
// decodes to the same string.
func FuzzUnescapeShort(f *testing.F) {
	for _, seed := range []string{`a\"b`, `\\\/\b\f\n\r\t`, `Zoë \"x\"`, `\u00e9`, "a\xff\\n", `\`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := unescapeShort(body)
		if !ok {
			return
		}
		var want string
		if err := json.Unmarshal(append(append([]byte{'"'}, body...), '"'), &want); err != nil {
			if bytes.ContainsAny(body, "\"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f") {
				return // not a string body strLit would have read
			}
			t.Fatalf("unescapeShort(%q) = %q, encoding/json fails: %v", body, got, err)
		}
		if got != want {
			t.Fatalf("unescapeShort(%q) = %q, encoding/json gives %q", body, got, want)
		}
	})
}
