package rights

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// maxSongCreditLine bounds a line read as a songwriting credit.
const maxSongCreditLine = 200

// maxSongCredit bounds one credited name.
const maxSongCredit = 80

// songCreditCues open a line that credits a song's writers: "Words and
// music by Ann Lee", "Lyrics: Ann Lee", "Songwriters: Ann Lee, Bo Ray".
// Longest first, so that "lyrics and music by" wins over "lyrics".
var songCreditCues = []string{
	"words and music by", "music and words by", "music and lyrics by", "lyrics and music by",
	"words & music by", "music & words by", "music & lyrics by", "lyrics & music by",
	"songwriters", "songwriter", "written by", "lyricist", "lyrics by", "words by", "lyrics",
}

// performingRights are the societies that collect for songwriters and
// publishers: a name beside one, in capitals, is a music publisher or a
// writer ("Sony Music Publishing (BMI)", "© 2019 Big Tunes, ASCAP").
var performingRights = []string{
	"ASCAP", "BMI", "SESAC", "GMR", "SOCAN", "PRS", "APRA", "AMCOS", "GEMA", "SACEM", "SIAE", "SGAE",
	"JASRAC", "STIM", "TONO", "KODA", "BUMA", "SABAM", "AKM", "SUISA", "IMRO", "SAMRO", "ECAD",
}

var songAnchors = newAnchorSet("words and music", "music and words", "music and lyrics", "lyrics and music",
	"words & music", "music & words", "music & lyrics", "lyrics & music",
	"songwriter", "lyricist", "lyrics", "words by", "written by").withExact(performingRights...)

// MaxLen implements detectors.TextDetector.
func (*Music) MaxLen() int { return maxSongCreditLine }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*Music) FindKey(*detectors.Item) string { return "" }

// Find implements detectors.TextDetector: the songwriting credits written
// in text, which say the words around them are someone's song. A credit
// line names writers ("Words and music by Ann Lee and Bo Ray"); a
// performing rights society names a publisher or a writer beside it
// ("(c) 2019 Big Tunes Publishing, BMI"). Each name is compared with the
// creator's identity, as the credit fields of audio files are; a
// publisher's claim is weaker, as in those fields. "Written by" counts
// only on a line that names a society too: a blog post's byline says it.
func (m *Music) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for ls, le := range songAnchors.hitLines(item, chunk, maxSongCreditLine) {
		whole := ls == 0 || chunk[ls-1] == '\n' || chunk[ls-1] == '\r'
		for _, c := range songCredits(chunk[ls:le], whole) {
			s := ownerSignal(m.match.Classify(c.name), KindThirdPartyArtist, c.name)
			if c.publisher && s.action == detectors.ActionExclude {
				s.severity, s.action, s.confidence = detectors.SeverityMedium, detectors.ActionReview, 0.5
			}
			out = append(out, detectors.Match{
				Start: ls + c.start, End: ls + c.end, Value: strings.ToLower(c.name),
				Category: s.category, Kind: s.kind, Severity: s.severity,
				Confidence: s.confidence, Detail: c.name, Action: s.action,
			})
		}
	}
	return out
}

// songCredit is a name a credit line gives, and where it stands.
type songCredit struct {
	start, end int
	name       string
	publisher  bool
}

// songCredits reads the credits of one line: the writers after a cue that
// opens it (when the line is read from its start), then every name that
// stands before a performing rights society.
func songCredits(line []byte, fromStart bool) []songCredit {
	var out []songCredit
	pos := 0
	cue, cueEnd := "", 0
	if fromStart {
		cue, cueEnd = creditCueAt(line)
	}
	pros := prosIn(line)
	if cue != "" && (cue != "written by" || len(pros) > 0) {
		i := cueEnd
		for i < len(line) && (line[i] == ' ' || line[i] == ':' || line[i] == '\t') {
			i++
		}
		if i > cueEnd {
			end := namesEnd(line, i)
			out = append(out, splitNames(line, i, end, false)...)
			pos = end
		}
	}
	if cue == "" && !publishingLine(line) {
		return out
	}
	for _, p := range pros {
		if p[0] < pos {
			continue
		}
		s, e := trimCredit(line, pos, p[0])
		if e-s > 0 && e-s <= maxSongCredit && upperStart(line[s:e]) {
			out = append(out, songCredit{s, e, string(line[s:e]), true})
		}
		pos = p[1]
		for pos < len(line) && strings.IndexByte(" )],;/&", line[pos]) >= 0 {
			pos++
		}
	}
	return out
}

// publishingWords make a line that names a society a music credit:
// "BMI" is a body mass index too.
var (
	publishingWords = []string{"copyright", "publishing", "publisher", "music", "songs", "tunes", "edition", "verlag", "admin", "records"}
	publishingMarks = []string{"©", "(c)", "(C)", "℗", "(p)", "(P)"}
)

// publishingLine reports whether line speaks of music publishing.
func publishingLine(line []byte) bool {
	for _, w := range publishingMarks {
		if bytes.Contains(line, []byte(w)) {
			return true
		}
	}
	for _, w := range publishingWords {
		if indexFold(line, w) >= 0 {
			return true
		}
	}
	return false
}

// creditCueAt returns the cue that opens line, after white space and
// markup ("**Lyrics:**", "- Words and music by"), and where it ends.
func creditCueAt(line []byte) (string, int) {
	i := 0
	for i < len(line) && strings.IndexByte(" \t*_#->(", line[i]) >= 0 {
		i++
	}
	for _, c := range songCreditCues {
		if hasPrefixFold(line[i:], c) && !wordAt(line, i+len(c)) {
			e := i + len(c)
			for e < len(line) && (line[e] == '*' || line[e] == '_') {
				e++
			}
			if c == "songwriters" || c == "songwriter" || c == "lyricist" || c == "lyrics" {
				// A label: a colon must follow ("Lyrics: Ann Lee"), or
				// "by"; a heading "Lyrics" alone names no one.
				j := e
				for j < len(line) && line[j] == ' ' {
					j++
				}
				switch {
				case j < len(line) && line[j] == ':':
					e = j + 1
				case hasPrefixFold(line[j:], "by ") && c != "songwriters":
					e = j + 2
				default:
					continue
				}
				for e < len(line) && (line[e] == '*' || line[e] == '_') {
					e++
				}
			}
			return c, e
		}
	}
	return "", 0
}

// prosIn returns the spans of the performing rights societies line names
// in capitals, as whole words.
func prosIn(line []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(line); i++ {
		if line[i] < 'A' || line[i] > 'Z' || wordBefore(line, i) {
			continue
		}
		for _, p := range performingRights {
			if bytes.HasPrefix(line[i:], []byte(p)) && !wordAt(line, i+len(p)) {
				out = append(out, [2]int{i, i + len(p)})
				i += len(p)
				break
			}
		}
	}
	return out
}

// namesEnd is where the names after a cue end: at a parenthesis, a
// society, a sentence's end or the line's.
func namesEnd(line []byte, i int) int {
	e := len(line)
	for _, stop := range []string{" (", " [", ". ", " - ", " – ", " | "} {
		if k := bytes.Index(line[i:], []byte(stop)); k >= 0 && i+k < e {
			e = i + k
		}
	}
	for _, p := range prosIn(line[i:e]) {
		e = i + p[0]
		break
	}
	return e
}

// nameJoins separate the names of a credit.
var nameJoins = []string{", ", " and ", " & ", " / ", "; ", " y ", " et ", " und "}

// splitNames returns the names of line[s:e], each with its span.
func splitNames(line []byte, s, e int, publisher bool) []songCredit {
	var out []songCredit
	for s < e {
		next := e
		skip := 0
		for _, j := range nameJoins {
			if k := bytes.Index(line[s:e], []byte(j)); k >= 0 && s+k < next {
				next, skip = s+k, len(j)
			}
		}
		ns, ne := trimCredit(line, s, next)
		if ne-ns > 0 && ne-ns <= maxSongCredit && upperStart(line[ns:ne]) {
			out = append(out, songCredit{ns, ne, string(line[ns:ne]), publisher})
		}
		s = next + skip
	}
	return out
}

// creditLead are the words before a publisher's name that are not part
// of it, lower case.
var creditLead = []string{"©", "(c)", "℗", "(p)", "copyright", "published by", "administered by",
	"all rights administered by", "admin. by", "admin by", "courtesy of", "by"}

// trimCredit trims line[s:e] to the name it holds: no leading notice
// marks, years or publishing words, no surrounding punctuation.
func trimCredit(line []byte, s, e int) (int, int) {
	for changed := true; changed && s < e; {
		changed = false
		for _, l := range creditLead {
			if hasPrefixFold(line[s:e], l) && (l == "©" || l == "℗" || !wordAt(line[:e], s+len(l))) {
				s, changed = s+len(l), true
			}
		}
		for s < e && strings.IndexByte(" \t,;:/()[]*_-", line[s]) >= 0 {
			s, changed = s+1, true
		}
		if y := noticeYearRun().Find(line[s:e]); y != nil {
			s, changed = s+len(y), true
		}
	}
	for e > s && strings.IndexByte(" \t,;:/()[]*_-.", line[e-1]) >= 0 {
		e--
	}
	for s < e && !utf8.RuneStart(line[s]) {
		s++
	}
	return s, e
}

// upperStart reports whether b starts with a capital letter or a digit,
// as a name does ("Ann Lee", "4AD Music"); lower case is prose.
func upperStart(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
