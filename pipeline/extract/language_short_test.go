package extract

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// paperFacesPost is a short Jekyll post: front matter with a title, an
// excerpt and image paths, one line linking a Twitter handle, a Liquid
// include. Its own words are a dozen or so of English.
func paperFacesPost(title, handle string) string {
	return "---\n" +
		"title: \"" + title + "\"\n" +
		"excerpt: \"PaperFaces portrait of @" + handle + " drawn with Paper for iOS on an iPad.\"\n" +
		"image: \n" +
		"  path: &image /assets/images/paperfaces-" + handle + "-twitter.jpg \n" +
		"  feature: *image\n" +
		"  thumbnail: /assets/images/paperfaces-" + handle + "-twitter-150.jpg\n" +
		"categories: [paperfaces]\n" +
		"tags: [portrait, illustration, Paper for iOS, beard]\n" +
		"---\n\n" +
		"PaperFaces portrait of [@" + handle + "](https://twitter.com/" + handle + ").\n\n" +
		"{% include_cached boilerplate/paperfaces.md %}\n"
}

func codesOf(langs []Language) []string {
	var codes []string
	for _, l := range langs {
		codes = append(codes, l.Code)
	}
	return codes
}

func TestLanguageShortTexts(t *testing.T) {
	d := testDetector(t)
	plistData := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("bplist00\xd1\x01\x02ZslowMotion\xd2\x03\x04\x05\x16WregionsTrate", 4)))
	var lines []string
	for len(plistData) > 68 {
		lines, plistData = append(lines, plistData[:68]), plistData[68:]
	}
	lines = append(lines, plistData)
	plist := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>adjustmentBaseVersion</key>
	<integer>0</integer>
	<key>adjustmentData</key>
	<data>
	` + strings.Join(lines, "\n\t") + `
	</data>
	<key>adjustmentFormatIdentifier</key>
	<string>com.apple.video.slomo</string>
	<key>adjustmentFormatVersion</key>
	<string>1.1</string>
</dict>
</plist>
`
	tests := []struct {
		name string
		text string
		// want lists the acceptable answers, by their codes joined with
		// commas; "" is no language.
		want []string
	}{
		// The paths, the handle, the link and the Liquid tag read as Danish
		// or Latin; the title and the excerpt are the post's prose.
		{"short post with front matter", paperFacesPost("White car and sunglasses", "jakesutton"), []string{"en", ""}},
		{"short post, another title", paperFacesPost("Large goggles in black and white", "designhawg"), []string{"en", ""}},
		{"short post, another handle", paperFacesPost("Blonde up against a dark red background", "mlucus"), []string{"en", ""}},
		// Base64 runs are letters and digits to a trigram model.
		{"plist with base64 data", plist, []string{""}},
		{"csv of camera settings", "SourceFile,Make,Model,ShutterSpeed,Aperture,ISO\nt/images/Canon.jpg,Canon,Canon EOS DIGITAL REBEL,4,14.0,100\nt/images/Nikon.jpg,NIKON,E775,1/213,9.4,100\n", []string{"", "en"}},
		// Fourteen words: too few to tell English from Welsh.
		{"fourteen words", "Pondering. PaperFaces avatar portrait of <a href=\"https://twitter.com/olucho\">@olucho</a> drawn with Paper for iOS on an iPad, a portrait.", []string{""}},
		// Seventeen words, which Tagalog leads English for by 0.29: a
		// long text's samples would count, a short one's not.
		{"best language not clearly ahead", paperFacesPost("Neon green short sleeve shirt", "Mstr_Dee"), []string{"en", ""}},
		{"a sentence of data keys", "name: Nanika\nmessage: \"I love your blog!\"\navatar: https://disqus.com/api/users/avatars/missnkki.jpg\n", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detectText(t, d, tt.text)
			if !slices.Contains(tt.want, strings.Join(codesOf(got), ",")) {
				t.Fatalf("languages = %+v, want one of %q", got, tt.want)
			}
		})
	}
}

// TestLanguageOneSampleOneLanguage: the runners-up of a sample are the
// model's doubt about it, not a second language of the text.
func TestLanguageOneSampleOneLanguage(t *testing.T) {
	d := testDetector(t)
	// Twenty words of English whose runner-up, Welsh, holds a fifth of
	// the confidence.
	text := paperFacesPost("Happy beard in plaid", "kessler") + "\n{% youtube g6r-pZY3Awc %}\n"
	got := detectText(t, d, text)
	if strings.Join(codesOf(got), ",") != "en" {
		t.Fatalf("languages = %+v, want en alone", got)
	}
	// Whole samples in two languages make two languages.
	votes := []sampleVote{
		{weight: 300, best: languageValue{lang: languageIndex("en"), value: 0.9}},
		{weight: 100, best: languageValue{lang: languageIndex("es"), value: 1}},
		{weight: 20, best: languageValue{lang: languageIndex("da"), value: 1}},
	}
	want := []Language{{Code: "en", Confidence: 0.64}, {Code: "es", Confidence: 0.24}}
	if got := tally(votes); !slices.Equal(got, want) {
		t.Fatalf("tally = %+v, want %+v", got, want)
	}
}

// TestLanguageCorpusShortTexts reads the shared corpus's short English
// posts and data files, which once read as Danish, Latin, Yoruba and
// Esperanto.
func TestLanguageCorpusShortTexts(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	posts, _ := filepath.Glob(filepath.Join(corpus, "blog", "made-mistakes", "_posts", "paperfaces", "*.md"))
	if len(posts) == 0 {
		t.Skipf("no PaperFaces posts in %s: the shared corpus is absent", corpus)
	}
	d := testDetector(t)
	read := func(path string) []Language {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return detectText(t, d, string(data))
	}
	english := 0
	for _, p := range posts {
		got := read(p)
		if codes := strings.Join(codesOf(got), ","); codes != "en" && codes != "" {
			t.Errorf("%s: languages = %+v, want en or none", filepath.Base(p), got)
		}
		if len(got) > 0 {
			english++
		}
	}
	// Most posts have enough words of English in their title and excerpt.
	if english*2 < len(posts) {
		t.Errorf("%d of %d posts read as English, want most", english, len(posts))
	}
	for name, want := range map[string][]string{
		"PLIST.aae": {""},
		"Text.csv":  {"", "en"},
	} {
		got := read(filepath.Join(corpus, "misc", "exiftool-samples", name))
		if !slices.Contains(want, strings.Join(codesOf(got), ",")) {
			t.Errorf("%s: languages = %+v, want one of %q", name, got, want)
		}
	}
}
