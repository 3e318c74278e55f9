package manifest

import (
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// libraryFormats compiles {"format": name} with the general validator's
// settings, for each format the quick form checks.
func libraryFormats(t testing.TB) map[string]*jsonschema.Schema {
	t.Helper()
	out := map[string]*jsonschema.Schema{}
	for name := range quickFormats {
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		url := "https://example.com/" + name + ".json"
		if err := c.AddResource(url, map[string]any{"format": name}); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile(url)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

// A string the quick form's format check accepts, the library's accepts
// too; the values consign writes are accepted, so that checking them
// never needs the library.
func TestQuickFormatsAgreeWithLibrary(t *testing.T) {
	lib := libraryFormats(t)
	tests := []struct {
		format, value string
		sure          bool
	}{
		{"date", "2015-01-01", true},
		{"date", "2016-02-29", true},
		{"date", "2015-02-29", false},
		{"date", "2015-13-01", false},
		{"date", "2015-1-01", false},
		{"date", " 2015-01-01", false},
		{"date-time", "2023-11-14T22:13:20Z", true},
		{"date-time", "2023-11-14t22:13:20z", true},
		{"date-time", "2023-11-14T22:13:20.123456789+01:00", true},
		{"date-time", "2023-11-14T22:13:20-23:59", true},
		{"date-time", "2016-12-31T23:59:60Z", false},
		{"date-time", "2023-11-14T24:00:00Z", false},
		{"date-time", "2023-11-14T22:13:20", false},
		{"date-time", "2023-11-14T22:13:20.Z", false},
		{"date-time", "2023-11-14T22:13:20+0100", false},
		{"date-time", "2023-11-14 22:13:20Z", false},
		{"date-time", "2023-11-14T+1:13:20Z", true},
		{"uri", "https://raw.githubusercontent.com/consignhq/consign/main/docs/schema/dps.schema.json", true},
		{"uri", "urn:uuid:7e140cf1-3719-4b4b-b8cf-34208a8799a7", true},
		{"uri", "mailto:jane@example.com", true},
		{"uri", "http://[::1]/x", false},
		{"uri", "http://[::1/x", false},
		{"uri", "dps.schema.json", false},
		{"uri", "//example.com/x", false},
		{"uri", "http://exa mple.com/", false},
		{"email", "hello@janedoe.photo", true},
		{"email", "first.last+tag@mail.example.co.uk", true},
		{"email", "o'brien@example.org", true},
		{"email", "x@localhost", true},
		{"email", "x@example.com.", true},
		{"email", "@example.com", false},
		{"email", ".x@example.com", false},
		{"email", "x.@example.com", false},
		{"email", "x..y@example.com", false},
		{"email", "jane doe@example.com", false},
		{"email", "jané@example.com", false},
		{"email", `"jane doe"@example.com`, false},
		{"email", "x@[192.0.2.1]", false},
		{"email", "x@-example.com", false},
		{"email", "x@example-.com", false},
		{"email", "x@exa_mple.com", false},
		{"email", "x@example..com", false},
		{"email", "janedoe.photo", false},
	}
	for _, tt := range tests {
		t.Run(tt.format+" "+tt.value, func(t *testing.T) {
			sure := quickFormats[tt.format](tt.value)
			if sure != tt.sure {
				t.Errorf("quick check = %v, want %v", sure, tt.sure)
			}
			if err := lib[tt.format].Validate(tt.value); sure && err != nil {
				t.Errorf("the quick check accepts it, the library says %v", err)
			}
		})
	}
}

// FuzzQuickFormats: whatever the string, the quick form's format check
// accepts it only if the library does.
func FuzzQuickFormats(f *testing.F) {
	for _, s := range []string{"2015-01-01", "2023-11-14T22:13:20.5+01:00", "https://example.com/a?b#c", "urn:x", "http://[::1]:80/"} {
		f.Add(s)
	}
	lib := libraryFormats(f)
	f.Fuzz(func(t *testing.T, s string) {
		for name, sure := range quickFormats {
			if sure(s) {
				if err := lib[name].Validate(s); err != nil {
					t.Fatalf("%s: the quick check accepts %q, the library says %v", name, s, err)
				}
			}
		}
	})
}
