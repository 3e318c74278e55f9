package pii

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var handleCases = []detectorCase{
	// Mentions in prose and markup.
	{"mention", "PaperFaces portrait of @jakesutton drawn on an iPad.", []string{"@jakesutton"}},
	{"line start", "@jess_b loved this! where was it taken??", []string{"@jess_b"}},
	{"in parentheses", "Thanks to Anna (@anna_draws) for the idea.", []string{"@anna_draws"}},
	{"via", "Photo via @streetlens, shared with permission", []string{"@streetlens"}},
	{"sentence end", "Follow @lenaclicks.", []string{"@lenaclicks"}},
	{"dotted instagram", "tag @jane.doe in it", []string{"@jane.doe"}},
	{"two", "cc @anna, @ben_k", []string{"@anna", "@ben_k"}},
	{"fediverse", "find me at @sam@mastodon.social now", []string{"@sam@mastodon.social"}},
	{"quoted", `she wrote “@tilly” in the credits`, []string{"@tilly"}},
	{"link text after tag", `<a href="/about">@domigan</a>`, []string{"@domigan"}},
	{"by", "Photo by @jess", []string{"@jess"}},
	{"list of handles", "Credits:\n@anna\n@ben\n", []string{"@anna", "@ben"}},
	{"markdown link", "portrait of [@jakesutton](https://twitter.com/jakesutton).", []string{"@jakesutton", "jakesutton"}},
	{"html link", `<a href="https://twitter.com/olucho">@olucho</a>.`, []string{"olucho", "@olucho"}},

	// '@' in addresses, code and markup.
	{"email", "write to jake@example.com", nil},
	{"email in brackets", "<jake@studio.com>", nil},
	{"git remote", "git clone git@github.com:org/repo.git", nil},
	{"scp login", "ssh deploy@host.example.org", nil},
	{"java annotation", "    @Override\n    public void run() {", nil},
	{"annotation stack", "@Entity\n@Table(name = \"x\")\npublic class User {", nil},
	{"annotation inline", "@Override public String toString() {", nil},
	{"python decorator", "@app.route('/')\ndef index():", nil},
	{"python property", "    @property\n    def name(self):", nil},
	{"python decorators stacked", "@staticmethod\n@cache\ndef f():", nil},
	{"pytest mark", "@pytest.mark.slow", nil},
	{"css media", ".btn { margin: 0 } @media (max-width: 768px) { .btn { margin: 4px } }", nil},
	{"css import", "@import url('fonts.css');", nil},
	{"css font face", "@font-face {\n  font-family: X;\n}", nil},
	{"sass include", "  @include breakpoint($md);", nil},
	{"npm scope", "npm install @babel/core @types/node", nil},
	{"npm scope in json", `"@babel/preset-env": "^7.0.0"`, nil},
	{"razor model", "<h1>@Model.Title</h1>", nil},
	{"razor call", "@Html.Raw(body)", nil},
	{"razor block", "@{ var x = 1; }", nil},
	{"razor foreach", "@foreach (var p in Model.Posts) {", nil},
	{"razor directive", "@model BlogPost", nil},
	{"liquid handle", "twitter: @{{ site.twitter }}", nil},
	{"liquid quote", "{{ page.author | prepend: '@' }}", nil},
	{"retina suffix", "logo@2x.png and icon @2x", nil},
	{"retina fraction", "sizes: @1.5x @3x", nil},
	{"sql declare", "DECLARE @count INT;", nil},
	{"sql set", "SET @total = 0;", nil},
	{"sql where", "SELECT * FROM t WHERE id = @id AND name LIKE @pattern", nil},
	{"sql comparison", "WHERE n > @min", nil},
	{"sql system", "SELECT @@VERSION", nil},
	{"jsdoc", "/**\n * @param {string} name\n * @returns {number}\n */", nil},
	{"inline code", "use `@Override` on it", nil},
	{"cron", "@reboot /usr/local/bin/start.sh", nil},
	{"batch", "@echo off", nil},
	{"group mention", "@here the build is green", nil},
	{"too short", "rated @a grade", nil},
	{"digits", "meet @10 tomorrow", nil},
	{"non-ascii letter", "@jürgen", nil},
	{"time", "meet @5pm or @10.30am", nil},
	{"frame rate", "shot 4K @60fps, exported @1080p", nil},
	{"handlebars", "{{@index}}: {{@key}}", nil},
	{"jsdoc inline link", "see {@link Foo} for more", nil},
	{"less variable", "@accent: #f60;\na { color: @accent; }", nil},
	{"java field annotation", "    @Id\n    Long id;", nil},
	{"objective-c", "@interface Photo : NSObject\n@end", nil},
	{"formatter marker", "// @formatter:off", nil},
	{"razor await", "@await Html.PartialAsync(\"_Nav\")", nil},
	{"blade csrf", "<form>\n    @csrf\n</form>", nil},
	{"handle with digits", "thanks @4chan_fan", []string{"@4chan_fan"}},
	{"json-ld", `{"@context": "https://schema.org", "@type": "Person", "@id": "#me", "@vocab": "x"}`, nil},
	{"makefile recipe", "tools:\n\t@command -v rg >/dev/null", nil},
	{"annotation in a comment", "    // @VisibleForTesting\n    static int n;", nil},
	{"author tag in a comment", "// @author Shaopeng Jia", nil},
	{"quoted local part", `"data": "\"a\"b\"@gmail.com"`, nil},
	{"mention in a comment", "# thanks @jess for the fix", []string{"@jess"}},

	// Profile URLs.
	{"twitter", "https://twitter.com/jakesutton", []string{"jakesutton"}},
	{"instagram", "http://instagram.com/ssgetchel).", []string{"ssgetchel"}},
	{"instagram bare", "see instagram.com/ssgetchel for more", []string{"ssgetchel"}},
	{"x", "https://x.com/Lyetz?s=20", []string{"Lyetz"}},
	{"facebook", "https://www.facebook.com/jane.doe.photo/", []string{"jane.doe.photo"}},
	{"tiktok", "https://www.tiktok.com/@dancer_kim/video/123", []string{"dancer_kim"}},
	{"youtube at", "https://youtube.com/@makerjo", []string{"makerjo"}},
	{"youtube c", "https://www.youtube.com/c/makerjo/videos", []string{"makerjo"}},
	{"youtube user", "https://www.youtube.com/user/makerjo", []string{"makerjo"}},
	{"github repo", "https://github.com/robwierzbowski/jekyll-picture-tag", nil},
	{"github issue", "see https://github.com/jekyll/jekyll/pull/4269 for it", nil},
	{"github profile", "by [@ybq](https://github.com/ybq).", []string{"@ybq", "ybq"}},
	{"github profile with tab", "https://github.com/ybq?tab=repositories", []string{"ybq"}},
	{"linkedin", "https://www.linkedin.com/in/jane-doe-42/", []string{"jane-doe-42"}},
	{"threads", "https://www.threads.net/@kim.draws", []string{"kim.draws"}},
	{"bluesky host", "follow jane.bsky.social", []string{"jane.bsky.social"}},
	{"bluesky profile", "https://bsky.app/profile/jane.bsky.social", []string{"jane.bsky.social"}},
	{"medium", "https://medium.com/@writerjo/my-post-123", []string{"writerjo"}},
	{"flickr", "https://www.flickr.com/photos/lensman/5123", []string{"lensman"}},
	{"behance", "https://www.behance.net/janedesign", []string{"janedesign"}},
	{"dribbble", "https://dribbble.com/janedesign", []string{"janedesign"}},
	{"soundcloud", "https://soundcloud.com/beatsbyjo", []string{"beatsbyjo"}},
	{"vimeo", "https://vimeo.com/filmsbyjo", []string{"filmsbyjo"}},
	{"mastodon", "https://mastodon.social/@sam", []string{"sam"}},
	{"mastodon other instance", "https://photog.social/@ana_p/1099", []string{"ana_p"}},
	{"mastodon tab", "https://photog.social/@ana_p/media", []string{"ana_p"}},
	{"npm registry", "https://registry.npmjs.org/@types/node/-/node-20.1.0.tgz", nil},
	{"npm cdn", "https://unpkg.com/@babel/core", nil},
	{"disqus avatar", "avatar: https://disqus.com/api/users/avatars/jishaparethchalil.jpg", []string{"jishaparethchalil"}},
	{"twitter old", "http://twitter.com/#!/designhawg", []string{"designhawg"}},

	{"twitter intent", "https://twitter.com/intent/tweet?text=hi", nil},
	{"twitter share", "https://twitter.com/share?url=x", nil},
	{"twitter hashtag", "https://twitter.com/hashtag/paper", nil},
	{"twitter search", "https://twitter.com/search?q=paper", nil},
	{"twitter widgets", "https://platform.twitter.com/widgets.js", nil},
	{"instagram post", "https://www.instagram.com/p/BxY12abc/", nil},
	{"instagram reel", "https://www.instagram.com/reel/Cx9/", nil},
	{"facebook sharer", "https://www.facebook.com/sharer.php?u=x", nil},
	{"facebook sharer path", "https://www.facebook.com/sharer/sharer.php?u=x", nil},
	{"facebook groups", "https://www.facebook.com/groups/123456/", nil},
	{"flickr tag page", "https://www.flickr.com/photos/tags/sunset", nil},
	{"github features", "https://github.com/features/actions", nil},
	{"go import path", `import "github.com/spf13/cobra"`, nil},
	{"youtube watch", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", nil},
	{"youtube channel id", "https://www.youtube.com/channel/UC1234567890", nil},
	{"linkedin company", "https://www.linkedin.com/company/acme/", nil},
	{"vimeo video", "https://vimeo.com/123456789", nil},
	{"plain site", "https://example.com/about/team", nil},
	{"site with at path", "https://example.com/@", nil},
	{"email at platform", "jane@twitter.com/", nil},
}

func TestHandle(t *testing.T) { runCases(t, &Handle{}, handleCases) }

func FuzzHandle(f *testing.F) {
	for _, tc := range handleRecordCases {
		f.Add([]byte(tc.text))
	}
	fuzzDetector(f, &Handle{}, handleCases)
}

var handleRecordCases = []detectorCase{
	{"single token", "id: comment-1\ndate: 2014-05-22\nname: gerard\nemail: 3f2a9c\nurl: ''\nmessage: \"Nice one\"\n", []string{"gerard"}},
	{"camel case", "name: HarryTheDirtyDog\nurl: ''\nmessage: hi\navatar: https://disqus.com/api/users/avatars/x.jpg\n", []string{"HarryTheDirtyDog"}},
	{"mixed case words", "name: CeliaMaria Lana-daCosta Zannon\nmessage: \"Great\"\n", []string{"CeliaMaria Lana-daCosta Zannon"}},
	{"lower case words", "message: hi\nname: jane smith\n", []string{"jane smith"}},
	{"json", `{"author": "pixelpusher", "body": "nice", "date": "2020-01-02"}` + "\n", nil},
	{"json lines", "{\n  \"author\": \"pixelpusher\",\n  \"body\": \"nice\"\n}\n", []string{"pixelpusher"}},
	{"toml", "[[comments]]\nauthor = \"pixelpusher\"\nbody = \"nice\"\n", []string{"pixelpusher"}},
	{"yaml list", "- name: gerard\n  message: hi\n- name: Lynn Mason\n  message: hello\n", []string{"gerard"}},
	{"user record", "username: kimdraws\nemail: k@example.com\navatar: https://example.com/k.png\n", []string{"kimdraws"}},

	{"person name", "name: Lynn Mason\nmessage: hi\n", nil},
	{"person with initial", "name: David W Slack\nmessage: hi\n", nil},
	{"name with degree", "name: Steven Combs, Ph.D.\nmessage: hi\n", nil},
	{"no comment keys", "title: Paper\nauthor: gerard\ncategories: [paper]\n", nil},
	{"date alone", "author: gerard\ndate: 2014-05-22\n", nil},
	{"generic account", "name: Anonymous User\nmessage: hi\n", nil},
	{"empty", "name: ''\nmessage: hi\n", nil},
	{"handle value", "name: '@gerard'\nmessage: hi\n", []string{"@gerard"}},
	{"other record", "- name: gerard\n  message: hi\n", []string{"gerard"}},
	{"next record apart", "- name: widget\n  size: 3\n- message: hi\n", nil},
	{"nested keys", "- type: MapToFields\n  name: ParseKafkaRecords\n  config:\n    text: hi\n", nil},
	{"sentence", "name: \"Error: object does not exist\"\nbody: x\n", nil},
	{"long phrase", "name: object with zero size\nbody: x\n", nil},
	{"key as value", "\"author\": \"author\",\n\"comment\": \"comment\",\n", nil},
}

func TestHandleRecords(t *testing.T) { runCases(t, &Handle{}, handleRecordCases) }

func TestHandleSeverity(t *testing.T) {
	text := "name: gerard\nmessage: \"ask @anna\"\navatar: https://disqus.com/api/users/avatars/gerard99.jpg\n"
	want := map[string]string{"gerard": detectors.SeverityMedium, "@anna": detectors.SeverityLow, "gerard99": detectors.SeverityMedium}
	ms := (&Handle{}).Find(&detectors.Item{}, []byte(text))
	if len(ms) != len(want) {
		t.Fatalf("Find = %+v, want %d matches", ms, len(want))
	}
	for _, m := range ms {
		span := text[m.Start:m.End]
		if m.Severity != want[span] || m.Kind != "social_handle" {
			t.Errorf("%q: kind %s severity %s, want social_handle %s", span, m.Kind, m.Severity, want[span])
		}
	}
}

func TestHandleValues(t *testing.T) {
	for text, want := range map[string]string{
		"Follow @LenaClicks":                      "@lenaclicks",
		"https://twitter.com/JakeSutton":          "@jakesutton",
		"@sam@Mastodon.Social":                    "@sam@mastodon.social",
		"https://photog.social/@ana_p":            "@ana_p@photog.social",
		"https://bsky.app/profile/jo.bsky.social": "@jo.bsky.social",
	} {
		ms := (&Handle{}).Find(&detectors.Item{}, []byte(text))
		if len(ms) != 1 || ms[0].Value != want {
			t.Errorf("Find(%q) = %+v, want one match of value %q", text, ms, want)
		}
	}
}

// TestHandleSelf checks that the creator's own handles, in any of the
// forms the detector reads, are reported as the creator's.
func TestHandleSelf(t *testing.T) {
	self := detectors.NewSelfFilter(detectors.Identity{Handles: []string{"@mmistakes"}, Aliases: []string{"mmistakes"}})
	for _, text := range []string{"by @mmistakes", "https://twitter.com/mmistakes", "https://github.com/mmistakes"} {
		ms := (&Handle{}).Find(&detectors.Item{}, []byte(text))
		if len(ms) != 1 || !self.IsSelf(ms[0].Value) {
			t.Errorf("Find(%q) = %+v: want one match the creator's handle filter knows", text, ms)
		}
	}
}

// TestHandleSourceFiles checks that source code, where '@' is syntax,
// gives no mentions and no GitHub accounts, while other profile URLs
// and comment records are still read.
func TestHandleSourceFiles(t *testing.T) {
	text := "public void put(@Nullable String key, @Element T v) {}\n" +
		"// see https://github.com/apache and https://twitter.com/jakesutton\n"
	for path, want := range map[string][]string{
		"src/Put.java":          {"jakesutton"},
		"beam.py":               {"jakesutton"},
		"Makefile":              {"jakesutton"},
		"web/package-lock.json": {"jakesutton"},
		"notes.md":              {"@Nullable", "@Element", "apache", "jakesutton"},
	} {
		var got []string
		for _, m := range (&Handle{}).Find(&detectors.Item{Path: path}, []byte(text)) {
			got = append(got, text[m.Start:m.End])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: Find = %q, want %q", path, got, want)
		}
	}
}
