package extract

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

func runExtractor(t testing.TB, ex Extractor, path, mediaType string, data []byte) *Result {
	t.Helper()
	head := data
	if len(head) > HeadSize {
		head = head[:HeadSize]
	}
	src := &Source{Path: path, Size: int64(len(data)), Head: head, R: strings.NewReader(string(data)), MediaType: mediaType}
	var res Result
	if !ex.Applies(src) {
		t.Fatalf("%s does not apply to %s (%s)", ex.Name(), path, mediaType)
	}
	Run(context.Background(), []Extractor{ex}, src, &res)
	return &res
}

func TestMarkdownFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		wantDate  string
		wantTags  map[string]string
		wantField map[string]string
		wantErr   bool
	}{
		{
			name: "jekyll post",
			doc: "---\nlayout: post\ntitle: \"Hello, world\"\ndate: 2021-06-03 14:22:10 +0200\n" +
				"author: Jane Doe\ntags: [travel, food]\ncategories:\n  - blog\n  - food\nlang: fr\n---\nBody text.\n",
			wantDate: "2021-06-03T14:22:10+02:00",
			wantTags: map[string]string{"title": "Hello, world", "author": "Jane Doe", "keywords": "travel, food, blog", "language_tag": "fr"},
			wantField: map[string]string{
				"frontmatter:layout": "post", "frontmatter:date": "2021-06-03 14:22:10 +0200", "frontmatter:lang": "fr",
			},
		},
		{
			name:     "date only and author list",
			doc:      "---\ndate: 2021-06-03\nauthor:\n  - Ann\n  - name: Bob\n    email: bob@example.com\n---\n",
			wantDate: "2021-06-03",
			wantTags: map[string]string{"author": "Ann, Bob"},
		},
		{
			name:     "author map and long date",
			doc:      "---\r\nauthor:\r\n  name: Carla Díaz\r\n  url: https://example.com\r\ndate: June 3, 2021\r\n---\r\n",
			wantDate: "2021-06-03",
			wantTags: map[string]string{"author": "Carla Díaz"},
		},
		{
			name:     "rfc3339 and keywords",
			doc:      "---\ndate: 2021-06-03T14:22:10Z\nkeywords: photography\ndescription: A walk.\n---\n",
			wantDate: "2021-06-03T14:22:10Z",
			wantTags: map[string]string{"keywords": "photography", "description": "A walk."},
		},
		{
			name:     "published when no date",
			doc:      "---\npublished: 2020-01-02T03:04:05\n---\n",
			wantDate: "2020-01-02T03:04:05",
		},
		{
			name:     "alias to author",
			doc:      "---\nme: &me Dana\nauthor: *me\n---\n",
			wantTags: map[string]string{"author": "Dana"},
		},
		{
			name:      "toml",
			doc:       "+++\ntitle = \"Hugo post\"\ndate = 2021-06-03T14:22:10+02:00\ntags = [\"a\", \"b\"]\nauthor = 'Eve'\n[params]\nsecret = \"x\"\n+++\nbody\n",
			wantDate:  "2021-06-03T14:22:10+02:00",
			wantTags:  map[string]string{"title": "Hugo post", "keywords": "a, b", "author": "Eve"},
			wantField: map[string]string{"frontmatter:title": "Hugo post"},
		},
		{
			name:    "broken yaml",
			doc:     "---\ntitle: [unclosed\n---\nbody\n",
			wantErr: true,
		},
		{
			name: "no front matter",
			doc:  "# Title\n\n---\n\ndate: 2021-06-03\n",
		},
		{
			name: "unclosed front matter",
			doc:  "---\ndate: 2021-06-03\nbody without end\n",
		},
		{
			name:      "unparsable date",
			doc:       "---\ndate: soon\n---\n",
			wantField: map[string]string{"frontmatter:date": "soon"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runExtractor(t, NewMarkdown(), "post.md", "text/markdown", []byte(tt.doc))
			if (len(res.Errors) > 0) != tt.wantErr {
				t.Fatalf("errors = %v, want error %v", res.Errors, tt.wantErr)
			}
			checkDate(t, res, tt.wantDate, RankFrontMatter)
			checkTags(t, res, tt.wantTags)
			checkFields(t, res, tt.wantField)
		})
	}
}

func TestMarkdownFrontMatterBounds(t *testing.T) {
	t.Run("alias bomb", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n")
		prev := "a"
		for i := 0; i < 12; i++ {
			name := string(rune('b' + i))
			b.WriteString(name + ": &" + name + " [")
			for j := 0; j < 10; j++ {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("*" + prev)
			}
			b.WriteString("]\n")
			prev = name
		}
		b.WriteString("tags: *" + prev + "\n---\n")
		res := runExtractor(t, NewMarkdown(), "bomb.md", "text/markdown", []byte(b.String()))
		if kw := res.Tags["keywords"]; len(kw) > maxValueLen {
			t.Fatalf("keywords of %d bytes", len(kw))
		}
	})
	t.Run("many keys", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("---\n")
		for i := 0; i < 1000; i++ {
			b.WriteString("k" + strings.Repeat("x", i%7) + strconv.Itoa(i) + ": v\n")
		}
		b.WriteString("---\n")
		res := runExtractor(t, NewMarkdown(), "keys.md", "text/markdown", []byte(b.String()))
		if len(res.Fields) != maxMetaKeys {
			t.Fatalf("%d fields, want %d", len(res.Fields), maxMetaKeys)
		}
	})
	t.Run("front matter past the head", func(t *testing.T) {
		doc := "---\ntitle: big\nfiller: " + strings.Repeat("x", HeadSize) + "\n---\n"
		res := runExtractor(t, NewMarkdown(), "big.md", "text/markdown", []byte(doc))
		if len(res.Tags) != 0 || len(res.Fields) != 0 {
			t.Fatalf("read front matter past the head: %v", res.Tags)
		}
	})
}

func checkDate(t *testing.T, res *Result, want string, rank int) {
	t.Helper()
	if want == "" {
		if len(res.Dates) != 0 {
			t.Errorf("dates = %+v, want none", res.Dates)
		}
		return
	}
	d, ok := res.ContentDate()
	if !ok {
		t.Fatalf("no date, want %s", want)
	}
	if d.String() != want || d.Rank != rank {
		t.Errorf("date = %s (rank %d, source %s), want %s (rank %d)", d, d.Rank, d.Source, want, rank)
	}
}

func checkTags(t *testing.T, res *Result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if res.Tags[k] != v {
			t.Errorf("tag %s = %q, want %q", k, res.Tags[k], v)
		}
	}
}

func checkFields(t *testing.T, res *Result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, _ := res.Field(k); got != v {
			t.Errorf("field %s = %q, want %q", k, got, v)
		}
	}
}

func FuzzMarkdownFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: x\ndate: 2021-06-03\nauthor: [a, {name: b}]\n---\n"))
	f.Add([]byte("+++\ntitle = \"x\"\ntags = [\"a\"]\n+++\n"))
	f.Add([]byte("---\na: &a [x]\nb: [*a, *a]\nauthor: *b\n---\n"))
	f.Add([]byte("---\r\n...\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > HeadSize {
			data = data[:HeadSize]
		}
		res := runExtractor(t, NewMarkdown(), "f.md", "text/markdown", data)
		if len(res.Fields) > maxMetaKeys {
			t.Fatalf("%d fields", len(res.Fields))
		}
		for _, v := range res.Tags {
			if len(v) > maxValueLen {
				t.Fatalf("tag of %d bytes", len(v))
			}
		}
	})
}
