package extract

import (
	"strings"
	"testing"
)

func TestStructured(t *testing.T) {
	tests := []struct {
		name       string
		path, mt   string
		data       string
		wantFields map[string]string
		wantAbsent []string
		wantDate   string
		wantErr    bool
	}{
		{
			name: "csv", path: "a.csv", mt: "text/csv",
			data:       "name,email,city\nAnn,ann@example.com,Paris\nBob,\"b@example.com\",\"Lyon,\nFrance\"\n",
			wantFields: map[string]string{"csv:columns": "name, email, city", "csv:rows": "2"},
		},
		{
			name: "csv no trailing newline and crlf", path: "a.csv", mt: "text/csv",
			data:       "\xef\xbb\xbfa,b\r\n1,2\r\n\r\n3,\"x\"\"y\"",
			wantFields: map[string]string{"csv:columns": "a, b", "csv:rows": "2"},
		},
		{
			name: "semicolon csv", path: "a.csv", mt: "text/csv",
			data:       "a;b;c\n1;2;3\n",
			wantFields: map[string]string{"csv:columns": "a, b, c", "csv:rows": "1"},
		},
		{
			name: "csv flight log", path: "Geotag_DJI.csv", mt: "text/csv",
			data:       "Id,Time(seconds),Latitude,Longitude\n0,0.1,0.0,0.0\n1,0.3,-44.69009395,170.42456545\n2,0.4,-44.69009389,170.42456538\n",
			wantFields: map[string]string{"csv:position": "-44.690094,170.424565", "csv:rows": "3"},
		},
		{
			name: "csv lat and lng columns with units", path: "photos.csv", mt: "text/csv",
			data:       "file;lat (deg);lng (deg)\nnone;;\na.jpg;48.8584;2.2945\n",
			wantFields: map[string]string{"csv:position": "48.858400,2.294500"},
		},
		{
			name: "csv whole numbers in lat columns", path: "stats.csv", mt: "text/csv",
			data:       "lat,lon,count\n48,2,10\n",
			wantAbsent: []string{"csv:position"},
		},
		{
			name: "tsv", path: "a.tsv", mt: "text/tab-separated-values",
			data:       "id\tname\n1\tx\n2\ty\n3\tz\n",
			wantFields: map[string]string{"csv:columns": "id, name", "csv:rows": "3"},
		},
		{
			name: "json object", path: "a.json", mt: "application/json",
			data:       `{"title":"x","nested":{"deep":[1,2,{"k":"v"}]},"list":[],"n":3}`,
			wantFields: map[string]string{"json:keys": "title, nested, list, n"},
		},
		{
			name: "json array", path: "a.json", mt: "application/json",
			data:       `[{"a":1}]`,
			wantAbsent: []string{"json:keys"},
		},
		{
			name: "json broken after keys", path: "a.json", mt: "application/json",
			data:       `{"a":1,"b":[`,
			wantFields: map[string]string{"json:keys": "a, b"},
		},
		{
			name: "jekyll comment", path: "_data/comments/post/entry1.yml", mt: "application/yaml",
			data:       "_id: 3f2a\nname: Ann Example\nemail: ann@example.com\ndate: 2021-06-03T14:22:10Z\nmessage: |\n  Lovely post!\n",
			wantFields: map[string]string{"yaml:name": "Ann Example", "yaml:email": "ann@example.com", "yaml:message": "Lovely post!"},
			wantDate:   "2021-06-03T14:22:10Z",
		},
		{
			name: "yaml list", path: "a.yaml", mt: "application/yaml",
			data:       "- a\n- b\n",
			wantAbsent: []string{"yaml:a"},
		},
		{
			name: "broken yaml", path: "a.yaml", mt: "application/yaml",
			data:    "a: [\n",
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runExtractor(t, NewStructured(), tt.path, tt.mt, []byte(tt.data))
			if (len(res.Errors) > 0) != tt.wantErr {
				t.Fatalf("errors = %v, want error %v", res.Errors, tt.wantErr)
			}
			checkFields(t, res, tt.wantFields)
			for _, f := range tt.wantAbsent {
				if v, ok := res.Field(f); ok {
					t.Errorf("field %s = %q, want none", f, v)
				}
			}
			checkDate(t, res, tt.wantDate, RankFrontMatter)
			if tt.wantDate != "" && res.Dates[0].Source != "yaml:date" {
				t.Errorf("date source %q", res.Dates[0].Source)
			}
		})
	}
}

func TestStructuredBounds(t *testing.T) {
	t.Run("many csv columns", func(t *testing.T) {
		data := strings.Repeat("c,", 500) + "c\n"
		res := runExtractor(t, NewStructured(), "w.csv", "text/csv", []byte(data))
		cols, _ := res.Field("csv:columns")
		if n := strings.Count(cols, ",") + 1; n != maxColumns {
			t.Fatalf("%d columns, want %d", n, maxColumns)
		}
	})
	t.Run("huge json value", func(t *testing.T) {
		data := `{"a":"` + strings.Repeat("x", maxJSONScan+10) + `","b":1}`
		res := runExtractor(t, NewStructured(), "h.json", "application/json", []byte(data))
		if keys, _ := res.Field("json:keys"); keys != "a" {
			t.Fatalf("keys = %q, want the keys before the cut", keys)
		}
	})
	t.Run("large yaml cut at a line", func(t *testing.T) {
		data := "date: 2021-06-03\n" + strings.Repeat("k: v\n", maxYAMLParse/4)
		res := runExtractor(t, NewStructured(), "l.yaml", "application/yaml", []byte(data))
		if len(res.Errors) != 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
	})
}

func TestContentIsText(t *testing.T) {
	for mt, want := range map[string]bool{
		"text/plain": true, "text/markdown": true, "text/csv": true, "application/json": true,
		"application/yaml": true, "application/x-subrip": true, "text/vtt": true, "text/calendar": true,
		"application/gpx+xml": true, "text/html": false, "application/xhtml+xml": false,
		"image/jpeg": false, "application/pdf": false, "application/zip": false,
	} {
		t.Run(strings.ReplaceAll(mt, "/", "_"), func(t *testing.T) {
			if got := ContentIsText(mt); got != want {
				t.Fatalf("ContentIsText(%q) = %v, want %v", mt, got, want)
			}
		})
	}
}
