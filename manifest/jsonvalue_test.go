package manifest

import (
	"bytes"
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
		"[\"\xff\"]", `{"a":`, `[01]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsLibrary(t, data)
	})
}
