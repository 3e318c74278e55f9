package rights

import (
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestMusicText holds songwriting credits written in text: the names
// they give, each compared with the creator (Jane Doe), and lines that
// only look like credits.
func TestMusicText(t *testing.T) {
	d := NewMusic(detectors.Config{Identity: janeDoe}).(*Music)
	cases := []struct {
		name, text string
		want       []string // kind:action:detail
	}{
		{"words and music", "Moonlit Road\nWords and music by Ann Lee\n\nVerse 1\n",
			[]string{"third_party_artist:exclude:Ann Lee"}},
		{"two writers", "Words & Music by Ann Lee and Bo Ray (BMI)\n",
			[]string{"third_party_artist:exclude:Ann Lee", "third_party_artist:exclude:Bo Ray"}},
		{"lyrics label", "**Lyrics:** Carl Moe\nMusic: the band\n", []string{"third_party_artist:exclude:Carl Moe"}},
		{"lyrics by", "Lyrics by Dana Fox, music by Jane Doe\n", []string{"third_party_artist:exclude:Dana Fox"}},
		{"songwriters", "Songwriters: Eve Tan / Finn Ode\n",
			[]string{"third_party_artist:exclude:Eve Tan", "third_party_artist:exclude:Finn Ode"}},
		{"publisher with a society", "(c) 2019 Big Tunes Publishing, BMI/ASCAP\n",
			[]string{"third_party_artist:review:Big Tunes Publishing"}},
		{"publishers in parentheses", "© 2021 Sony/ATV Music Publishing (BMI), Kobalt Songs (ASCAP)",
			[]string{"third_party_artist:review:Sony/ATV Music Publishing", "third_party_artist:review:Kobalt Songs"}},
		{"written by with a society", "Written by Gus Hale (ASCAP)\n", []string{"third_party_artist:exclude:Gus Hale"}},
		{"own song", "Words and music by Jane Doe\n", []string{"creator::Jane Doe"}},
		{"written by byline", "Written by Gus Hale\n\nToday I want to talk about", nil},
		{"lyrics heading", "Lyrics\nI walked along the road\n", nil},
		{"lyrics in prose", "The lyrics of that song are sad.\n", nil},
		{"lyrics label in prose", "Lyrics: they were about love\n", nil},
		{"bmi in prose", "Her bmi was normal; the BMI is a ratio.\n", nil},
		{"credit mid-sentence", "I love songs with words and music by great writers.\n", nil},
		// Read from 200 bytes before a later anchor, a long line seems to
		// open with the cue inside it.
		{"cue inside a long line", "Intro Lyrics by Ann Lee. " + strings.Repeat("y", 180) + " lyrics\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, m := range d.Find(&detectors.Item{Path: "song.txt", Kind: "text"}, []byte(c.text)) {
				got = append(got, m.Kind+":"+m.Action+":"+m.Detail)
				if c.text[m.Start:m.End] != m.Detail {
					t.Errorf("match span %q, detail %q", c.text[m.Start:m.End], m.Detail)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Find = %q, want %q", got, c.want)
			}
		})
	}
}
