package extract

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

// Language is one language of a file's text: its ISO 639-1 code in lower
// case and the share of the text's samples that read as it, weighted by
// their letters of prose and by the detector's confidence, rounded to 2
// decimals.
type Language struct {
	Code       string  `json:"code"`
	Confidence float64 `json:"confidence"`
}

// LanguageDetector tells which languages a text is written in. Build one
// per process and share it: it is safe for concurrent use.
//
// It gives lingua-go's answers in low-accuracy mode, which reads trigram
// models only, from lingua's own models: package ngram holds them as one
// table compiled into the binary and searched in place, so nothing loads
// at run time. lingua itself decodes its models on first use: 2.2 s of
// CPU and 49 MB of heap for all 75 languages, more than the rest of a
// scan of a typical folder. High-accuracy mode (about 1 GB of models)
// would not change the answer for consign's samples: lingua uses
// trigrams alone for any text of 120 letters or more.
type LanguageDetector struct {
	table  *ngram.Table
	scores *scoreCache
	langs  []int  // indexes in ngram.Languages, ascending
	has    []bool // by index in ngram.Languages
	// singleScripts are the scripts only one of langs is written in.
	singleScripts []struct{ script, lang int }
	// singleOfScript is, by index in scripts, the language of langs that
	// alone writes the script, or unsure: rules read every letter of
	// every word beyond ASCII, and look its script's language up here.
	singleOfScript []int
	// uniqueLetterLangs are those of langs with letters of their own, by
	// letter.
	uniqueLetterLangs map[rune][]int
	// scriptOf tells, by language index then script index, the scripts a
	// language is written in.
	scriptOf [][]bool
}

// A sample's answer counts only when there is enough prose in it and its
// best language is clearly ahead of the runner-up. Trigram models misread
// short texts, and confidently: over 1,400 windows of English blog prose,
// 12 words read as another language one time in twenty-five, 15 words
// one time in fifty (one in a hundred when the best language must lead by
// 0.5), 25 words never. So a sample needs minSampleWords words and
// minSampleLetters letters of prose to be read at all, and unless it has
// ampleSampleWords its best language must lead the runner-up by
// minShortRelativeDistance rather than minRelativeDistance.
const (
	minSampleWords           = 15
	minSampleLetters         = 50
	ampleSampleWords         = 25
	minRelativeDistance      = 0.1
	minShortRelativeDistance = 0.5
)

// NewLanguageDetector builds a detector for the languages named by their
// ISO 639-1 codes ("en", "fr"), or for every language lingua knows when
// codes is empty. lingua compares languages, so a list needs two or more.
func NewLanguageDetector(codes []string) (*LanguageDetector, error) {
	langs, err := languageIndexes(codes)
	if err != nil {
		return nil, err
	}
	table, err := ngram.Load()
	if err != nil {
		return nil, fmt.Errorf("load language models: %w", err)
	}
	d := &LanguageDetector{table: table, scores: new(scoreCache), langs: langs, has: make([]bool, len(ngram.Languages))}
	for _, l := range langs {
		d.has[l] = true
		for _, r := range uniqueLetters[languageCode(l)] {
			if d.uniqueLetterLangs == nil {
				d.uniqueLetterLangs = map[rune][]int{}
			}
			d.uniqueLetterLangs[r] = append(d.uniqueLetterLangs[r], l)
		}
	}
	d.scriptOf = make([][]bool, len(ngram.Languages))
	for l := range d.scriptOf {
		d.scriptOf[l] = make([]bool, len(scripts))
	}
	for i, s := range scripts {
		for _, code := range s.codes {
			d.scriptOf[languageIndex(code)][i] = true
		}
		if l := languageIndex(s.codes[0]); len(s.codes) == 1 && d.has[l] {
			d.singleScripts = append(d.singleScripts, struct{ script, lang int }{i, l})
		}
	}
	d.singleOfScript = singleOfScript(d.singleScripts)
	return d, nil
}

// languageIndexByCode maps ISO 639-1 codes to indexes in ngram.Languages;
// built on first use, as only language detection needs it.
var languageIndexByCode = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(ngram.Languages))
	for i, l := range ngram.Languages {
		m[l.Code] = i
	}
	return m
})

// languageIndex is the index of the language with the ISO 639-1 code, or
// unsure.
func languageIndex(code string) int {
	if i, ok := languageIndexByCode()[code]; ok {
		return i
	}
	return unsure
}

func languageCode(l int) string { return ngram.Languages[l].Code }

// LanguageName is the English name of the language with the ISO 639-1
// code, "" for a code the detector does not know: the names lingua gives
// its languages, with the two Norwegian written standards, Māori and
// Southern Sotho called as Unicode's CLDR calls them.
func LanguageName(code string) string {
	l := languageIndex(code)
	if l == unsure {
		return ""
	}
	switch code {
	case "nb":
		return "Norwegian Bokmål"
	case "nn":
		return "Norwegian Nynorsk"
	case "mi":
		return "Māori"
	case "st":
		return "Southern Sotho"
	}
	return ngram.Languages[l].Name
}

var (
	langChinese  = languageIndex("zh")
	langJapanese = languageIndex("ja")
)

func languageIndexes(codes []string) ([]int, error) {
	if len(codes) == 0 {
		all := make([]int, len(ngram.Languages))
		for i := range all {
			all[i] = i
		}
		return all, nil
	}
	seen := map[int]bool{}
	var langs []int
	for _, c := range codes {
		l := languageIndex(strings.ToLower(strings.TrimSpace(c)))
		if l == unsure {
			return nil, fmt.Errorf("unknown language code %q: want an ISO 639-1 code lingua knows, such as en or fr", c)
		}
		if !seen[l] {
			seen[l] = true
			langs = append(langs, l)
		}
	}
	if len(langs) < 2 {
		return nil, fmt.Errorf("%q is one language: name at least two to choose between, or none to detect every language", strings.Join(codes, ","))
	}
	sort.Ints(langs)
	return langs, nil
}

// enoughProse tells whether a sample holds enough prose to be read.
func enoughProse(letters, words int) bool {
	return words >= minSampleWords && letters >= minSampleLetters
}

// sampleVote is one sample's reading: its weight (letters) and its
// language with the detector's confidence in it.
type sampleVote struct {
	weight float64
	best   languageValue
}

// judge reads one sample, in lower case, of words words and letters
// letters of prose. ok is false when the sample is too short to tell or
// the detector is unsure.
func (d *LanguageDetector) judge(sample string, letters, words int) (sampleVote, bool) {
	if !enoughProse(letters, words) {
		return sampleVote{}, false
	}
	values := d.lowerConfidences(sample)
	if len(values) == 0 {
		return sampleVote{}, false
	}
	lead := minRelativeDistance
	if words < ampleSampleWords {
		lead = minShortRelativeDistance
	}
	if len(values) > 1 && values[0].value-values[1].value < lead {
		return sampleVote{}, false
	}
	return sampleVote{weight: float64(letters), best: values[0]}, true
}

// minLanguageShare drops languages that only a sliver of the text reads
// as.
const minLanguageShare = 0.1

// tally merges the votes into a sorted list: confidence descending, then
// code, so the same text always gives the same list. Each sample votes
// for its best language alone: the runners-up of one sample are the
// model's doubt about that sample, not passages in other languages, so
// a text has a second language only when whole samples read as it.
func tally(votes []sampleVote) []Language {
	var total float64
	var sums [len(ngram.Languages)]float64
	var seen [len(ngram.Languages)]bool
	for _, v := range votes {
		total += v.weight
		sums[v.best.lang] += v.weight * v.best.value
		seen[v.best.lang] = true
	}
	if total == 0 {
		return nil
	}
	var out []Language
	for l, s := range sums {
		if !seen[l] {
			continue
		}
		c := math.Round(s/total*100) / 100
		if c >= minLanguageShare {
			out = append(out, Language{Code: languageCode(l), Confidence: c})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].Code < out[j].Code
	})
	return out
}
