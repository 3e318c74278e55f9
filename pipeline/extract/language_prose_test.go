package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendProse(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain prose", "The cat sat on the mat, and purred.", "The cat sat on the mat and purred"},
		{"markdown link keeps its text", "Portrait of [my friend](https://example.com/friend).", "Portrait of my friend"},
		{"handle", "Portrait of [@jakesutton](https://twitter.com/jakesutton).", "Portrait of"},
		{"bare url", "see https://example.com/a/b?c=d and www.example.org too", "see and too"},
		{"email", "write to someone@example.com today", "write to today"},
		{"hashtag", "sunset over the bay #travel #nofilter", "sunset over the bay"},
		{"liquid tags", "before {% include_cached boilerplate/paperfaces.md %} after {{ page.title | upcase }} end {# note #}", "before after end"},
		{"liquid tag cut by the sample's end", "words then {% include boiler", "words then"},
		{"figure caption", `before {% figure caption:"Work in progress (**Paper for iOS**)." class:"gallery-3-col" %} after`, "before Work in progress Paper for iOS after"},
		{"include with alt and caption", `{% include figure image_path="/a.jpg" alt="A red barn" caption='Barn at dusk' %}`, "Barn at dusk A red barn"},
		{"hugo shortcode", `{{< figure src="x.png" title="Morning light" >}}`, "Morning light"},
		{"keys that are not arguments", `{{ page.title }} {% assign title = "Hello" %} {% if subtitle:"x" %} {# caption:"hidden" #}`, ""},
		{"caption holding a tag", `{% figure caption:"see {{ page.url }}" %}`, ""},
		{"unclosed caption", `{% figure caption:"never closed %} after`, "after"},
		{"brace without a tag", "a {{ b" + strings.Repeat(" x", maxTagBytes) + " c", "a b" + strings.Repeat(" x", maxTagBytes) + " c"},
		{"html tags and comments", `<p class="x">Hello <a href="/y">there</a></p><!-- hidden words -->`, "Hello there"},
		{"xml declaration and doctype", `<?xml version="1.0"?><!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://x/y.dtd">`, ""},
		{"less-than sign", "if a < b then", "if a b then"},
		{"entities", "fish &amp; chips&nbsp;tonight &#8217;", "fish chips tonight"},
		{"paths and file names", "boilerplate/paperfaces.md C:\\Users\\x t/images/Canon.jpg Canon.jpg com.apple.video.slomo", ""},
		{"abbreviations stay", "e.g. the U.S.A. etc.", "e.g the U.S.A etc"},
		{"identifiers", "include_cached adjustmentBaseVersion ShutterSpeed SourceFile", ""},
		{"brand and Irish capitals stay", "iPad iOS nGaeilge hÉireann bhFuil", "iPad iOS nGaeilge hÉireann bhFuil"},
		{"letters with digits", "E775 mp3 2nd 4K 3d75831295e8a3dfbf59ed763169b22da6451186", ""},
		{"runs of one letter", "aaaa AAAA zzz", "zzz"},
		{"base64", "YnBsaXN0MDDRAQJac2xvd01vdGlvbtIDBAUWV3JlZ2lvbnNUcmF0ZaEG0QcIWXRpbWVS\nAAAAmQ==\nAAAAAAAAAAAAAAAA", ""},
		{"long token", strings.Repeat("ab", maxProseToken), ""},
		{"yaml keys", "name: Nanika\nmessage: \"I love your blog!\"\n- title: Hello", "Nanika I love your blog Hello"},
		{"json keys", `{"id": 1, "name": "x y"}`, "x y"},
		{"colon inside a line stays", "as follows: one", "as follows one"},
		{"vcard properties", "DTSTART;TZID=America/Toronto:20070311T020000\nSUMMARY:meeting", ""},
		{"key=value", "key=value a+b", ""},
		{"csv", "SourceFile,Make,Model\nt/images/Canon.jpg,Canon,EOS", "Make Model Canon EOS"},
		{"fenced code", "Text before.\n```go\nfunc main() { fmt.Println(\"hi\") }\n```\nText after.", "Text before Text after"},
		{"inline code", "run `go test ./...` now", "run now"},
		{"unmatched backtick", "it`s fine", "it s fine"},
		{"japanese runs are kept", "人類社会のすべての構成員の固有の尊厳と平等で譲ることのできない権利とを承認することは、世界における自由", "人類社会のすべての構成員の固有の尊厳と平等で譲ることのできない権利とを承認することは、世界における自由"},
		{"accented words", "déjà vu, naïve façade — straße", "déjà vu naïve façade straße"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _, _ := appendProse(nil, []byte(tt.in)); string(got) != tt.want {
				t.Errorf("appendProse(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestProseCounts(t *testing.T) {
	tests := []struct {
		in             string
		letters, words int
	}{
		{"", 0, 0},
		{"The cat sat", 9, 3},
		{"déjà-vu don't 42", 10, 4},
		{"漢字かな abc 漢abc ab漢", 14, 8},
		{"c\u0301d https://x.y/z", 2, 2},
		{"ab㌶cd", 5, 3},
	}
	for _, tt := range tests {
		_, l, w := appendProse(nil, []byte(tt.in))
		if l != tt.letters || w != tt.words {
			t.Errorf("appendProse(%q) counts %d letters, %d words; want %d, %d", tt.in, l, w, tt.letters, tt.words)
		}
		// The counts are lingua's: its words, their letters.
		prose, _, _ := appendProse(nil, []byte(tt.in))
		ws := wordPattern.FindAllString(string(prose), -1)
		n := 0
		for _, w := range ws {
			n += utf8.RuneCountInString(w)
		}
		if n != l || len(ws) != w {
			t.Errorf("appendProse(%q) counts %d letters, %d words; lingua reads %d, %d", tt.in, l, w, n, len(ws))
		}
	}
}

func TestFrontMatterProse(t *testing.T) {
	tests := []struct {
		name   string
		block  string
		format byte
		want   string
	}{
		{"title and excerpt, not paths or tags", "title: \"White car\"\nexcerpt: 'A portrait.'\nimage:\n  path: /assets/a.jpg\n  title: nested\ncategories: [paperfaces]\ntags: [portrait, beard]\n", frontMatterYAML, "White car\nA portrait.\n"},
		{"block scalar", "description: >-\n  First line\n  second line\nlayout: post\n", frontMatterYAML, "First line\nsecond line\n"},
		{"folded plain value", "summary: one\n  two\ndate: 2020-01-01\n", frontMatterYAML, "one\ntwo\n"},
		{"keys in any case", "Title: Big\n", frontMatterYAML, "Big\n"},
		{"toml", "title = \"Ein Titel\"\ndraft = true\ndescription = 'Kurz'\n", frontMatterTOML, "Ein Titel\nKurz\n"},
		{"none", "layout: post\ndate: 2020-01-01\n", frontMatterYAML, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendFrontMatterProse(nil, []byte(tt.block), tt.format)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("bounded", func(t *testing.T) {
		block := strings.Repeat("title: "+strings.Repeat("word ", 100)+"\n", 100)
		if got := appendFrontMatterProse(nil, []byte(block), frontMatterYAML); len(got) > maxFrontMatterProse+1 {
			t.Errorf("%d bytes of front matter prose, want at most %d", len(got), maxFrontMatterProse+1)
		}
	})
}

// FuzzAppendProse: any sample gives prose no longer than itself plus a
// byte, and valid UTF-8 stays valid.
func FuzzAppendProse(f *testing.F) {
	for _, seed := range []string{
		"Portrait of [@a](https://x.com/a). {% include b.md %}",
		"<a href='x'>y</a> &amp; `code` ```\nfenced\n``` {{ x }} {# y",
		"name: x\nDTSTART;X=1\n\"k\": v, 漢字 nGaeilge e.g. a.b.c",
		"<", "{%", "&#", "`", "\xff\xfe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4*sampleSize {
			in = in[:4*sampleSize] // samples are at most sampleSize bytes
		}
		got, letters, words := appendProse(nil, []byte(in))
		if ws := wordPattern.FindAllString(string(got), -1); len(ws) != words || letters < words {
			t.Fatalf("%d words, %d letters counted in %q, lingua reads %d words", words, letters, got, len(ws))
		}
		if len(got) > len(in)+1 {
			t.Fatalf("%d bytes of prose from %d bytes", len(got), len(in))
		}
		if utf8.ValidString(in) && !utf8.Valid(got) {
			t.Fatalf("invalid UTF-8 %q from %q", got, in)
		}
	})
}
