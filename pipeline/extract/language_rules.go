package extract

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

// The rules below are lingua-go's (v1.4.0, detector.go, language.go,
// alphabet.go, constant.go): before it reads any model, lingua decides a
// text by its script or by letters only one language uses, and narrows
// the languages its models compare to those the script and letters
// allow. consign scores with lingua's models, so it applies the same
// rules in the same order; TestLanguageAgreesWithLingua holds the two
// together.

// script is a writing system lingua's rules tell apart and the languages
// lingua writes in it.
type script struct {
	table *unicode.RangeTable
	codes []string
}

// scripts are in lingua's order, the order in which a word is tried
// against them.
var scripts = []script{
	{unicode.Arabic, []string{"ar", "fa", "ur"}},
	{unicode.Armenian, []string{"hy"}},
	{unicode.Bengali, []string{"bn"}},
	{unicode.Cyrillic, []string{"be", "bg", "kk", "mk", "mn", "ru", "sr", "uk"}},
	{unicode.Devanagari, []string{"hi", "mr"}},
	{unicode.Georgian, []string{"ka"}},
	{unicode.Greek, []string{"el"}},
	{unicode.Gujarati, []string{"gu"}},
	{unicode.Gurmukhi, []string{"pa"}},
	{unicode.Han, []string{"zh", "ja"}},
	{unicode.Hangul, []string{"ko"}},
	{unicode.Hebrew, []string{"he"}},
	{unicode.Hiragana, []string{"ja"}},
	{unicode.Katakana, []string{"ja"}},
	{unicode.Latin, []string{
		"af", "sq", "az", "eu", "nb", "bs", "ca", "hr", "cs", "da", "nl", "en",
		"eo", "et", "fi", "fr", "lg", "de", "hu", "is", "id", "ga", "it", "la",
		"lv", "lt", "ms", "mi", "nn", "pl", "pt", "ro", "sn", "sk", "sl", "so",
		"st", "es", "sw", "sv", "tl", "ts", "tn", "tr", "vi", "cy", "xh", "yo", "zu",
	}},
	{unicode.Tamil, []string{"ta"}},
	{unicode.Telugu, []string{"te"}},
	{unicode.Thai, []string{"th"}},
}

// uniqueLetters are letters that, among lingua's languages, only one
// language writes.
var uniqueLetters = map[string]string{
	"az": "Əə",
	"ca": "Ïï",
	"cs": "ĚěŘřŮů",
	"eo": "ĈĉĜĝĤĥĴĵŜŝŬŭ",
	"de": "ß",
	"hu": "ŐőŰű",
	"kk": "ӘәҒғҚқҢңҰұ",
	"lv": "ĢģĶķĻļŅņ",
	"lt": "ĖėĮįŲų",
	"mk": "ЃѓЅѕЌќЏџ",
	"mr": "ळ",
	"mn": "ӨөҮү",
	"pl": "ŁłŃńŚśŹź",
	"ro": "Țţ",
	"sr": "ЂђЋћ",
	"sk": "ĹĺĽľŔŕ",
	"es": "¿¡",
	"uk": "ҐґЄєЇї",
	"vi": "ẰằẦầẲẳẨẩẴẵẪẫẮắẤấẠạẶặẬậỀềẺẻỂểẼẽỄễẾếỆệỈỉĨĩỊịƠơỒồỜờỎỏỔổỞởỖỗỠỡỐốỚớỘộỢợƯưỪừỦủỬửŨũỮữỨứỤụỰựỲỳỶỷỸỹỴỵ",
	"yo": "ŌōṢṣ",
}

// sharedLetters are letters a few languages share: a text where they are
// frequent is one of those languages.
var sharedLetters = []struct {
	letters string
	codes   []string
}{
	{"Ãã", []string{"pt", "vi"}},
	{"ĄąĘę", []string{"lt", "pl"}},
	{"Żż", []string{"pl", "ro"}},
	{"Îî", []string{"fr", "ro"}},
	{"Ññ", []string{"eu", "es"}},
	{"ŇňŤť", []string{"cs", "sk"}},
	{"Ăă", []string{"ro", "vi"}},
	{"İıĞğ", []string{"az", "tr"}},
	{"ЈјЉљЊњ", []string{"mk", "sr"}},
	{"ẸẹỌọ", []string{"vi", "yo"}},
	{"ÐðÞþ", []string{"is", "tr"}},
	{"Ûû", []string{"fr", "hu"}},
	{"Ōō", []string{"mi", "yo"}},
	{"ĀāĒēĪī", []string{"lv", "mi", "yo"}},
	{"Şş", []string{"az", "ro", "tr"}},
	{"Ďď", []string{"cs", "ro", "sk"}},
	{"Ćć", []string{"bs", "hr", "pl"}},
	{"Đđ", []string{"bs", "hr", "vi"}},
	{"Іі", []string{"be", "kk", "uk"}},
	{"Ìì", []string{"it", "vi", "yo"}},
	{"Øø", []string{"nb", "da", "nn"}},
	{"Ūū", []string{"lv", "lt", "mi", "yo"}},
	{"Ëë", []string{"af", "sq", "nl", "fr"}},
	{"ÈèÙù", []string{"fr", "it", "vi", "yo"}},
	{"Êê", []string{"af", "fr", "pt", "vi"}},
	{"Õõ", []string{"et", "hu", "pt", "vi"}},
	{"Ôô", []string{"fr", "pt", "sk", "vi"}},
	{"ЁёЫыЭэ", []string{"be", "kk", "mn", "ru"}},
	{"ЩщЪъ", []string{"bg", "kk", "mn", "ru"}},
	{"Òò", []string{"ca", "it", "vi", "yo"}},
	{"Ææ", []string{"nb", "da", "is", "nn"}},
	{"Åå", []string{"nb", "da", "nn", "sv"}},
	{"Ýý", []string{"cs", "is", "sk", "tr", "vi"}},
	{"Ää", []string{"et", "fi", "de", "sk", "sv"}},
	{"Àà", []string{"ca", "fr", "it", "pt", "vi"}},
	{"Ââ", []string{"fr", "pt", "ro", "tr", "vi"}},
	{"Üü", []string{"az", "ca", "et", "de", "hu", "es", "tr"}},
	{"ČčŠšŽž", []string{"bs", "cs", "hr", "lv", "lt", "sk", "sl"}},
	{"Çç", []string{"sq", "az", "eu", "ca", "fr", "pt", "tr"}},
	{"Öö", []string{"az", "et", "fi", "de", "hu", "is", "sv", "tr"}},
	{"Óó", []string{"ca", "hu", "is", "ga", "pl", "pt", "sk", "es", "vi", "yo"}},
	{"ÁáÍíÚú", []string{"ca", "cs", "is", "ga", "hu", "pt", "sk", "es", "vi", "yo"}},
	{"Éé", []string{"ca", "cs", "fr", "hu", "is", "ga", "it", "pt", "sk", "es", "vi", "yo"}},
}

// sharedLetterLangs are the languages of each of sharedLetters, by letter,
// for a look-up a letter rather than a search of every word for each;
// built on first use, as only language detection needs it.
var sharedLetterLangs = sync.OnceValue(func() map[rune][]int {
	m := map[rune][]int{}
	for _, sl := range sharedLetters {
		for _, r := range sl.letters {
			for _, code := range sl.codes {
				m[r] = append(m[r], languageIndex(code))
			}
		}
	}
	return m
})

// unsure is the rules' "no language": lingua's Unknown.
const unsure = -1

// ruleLanguage is the language the text's script or unique letters name,
// or unsure. The language may be one the detector does not compare (a
// Japanese text for a detector of English and French): then no language
// of the detector's is likely.
func (d *LanguageDetector) ruleLanguage(words []string) int {
	var totalArr [8]langCount
	total := totalArr[:0]
	unsures := 0
	for _, w := range words {
		l := d.wordRuleLanguage(w)
		if l == unsure {
			unsures++
			continue
		}
		total = tallyAdd(total, l)
	}
	if len(total) == 0 {
		return unsure
	}
	if unsures > 0 && float64(unsures) >= float64(len(words))*0.5 {
		total = append(total, langCount{lang: unsure, n: unsures})
	}
	switch len(total) {
	case 1:
		return total[0].lang
	case 2:
		if tallied(total, langChinese) && tallied(total, langJapanese) {
			return langJapanese
		}
	}
	first, second := topTwo(total)
	if first.n == second.n {
		return unsure
	}
	return first.lang
}

// wordRuleLanguage is the language one word's letters point to, or unsure.
func (d *LanguageDetector) wordRuleLanguage(w string) int {
	if isASCII(w) {
		return unsure // most words: none of their letters points anywhere
	}
	props := runeProps()
	var countsArr [8]langCount
	counts := countsArr[:0]
	for _, r := range w {
		if r < utf8.RuneSelf {
			continue // ASCII letters are Latin, and none is any language's own
		}
		l := d.singleScriptLanguage(r)
		if l != unsure {
			counts = tallyAdd(counts, l)
			continue
		}
		switch runeScript(props, r) {
		case hanScript:
			counts = tallyAdd(counts, langChinese)
		case hiraganaScript, katakanaScript:
			counts = tallyAdd(counts, langJapanese)
		case latinScript, cyrillicScript, devanagariScript:
			for _, l := range d.uniqueLetterLangs[r] {
				counts = tallyAdd(counts, l)
			}
		}
	}
	switch len(counts) {
	case 0:
		return unsure
	case 1:
		if l := counts[0].lang; d.has[l] {
			return l
		}
		return unsure
	}
	if tallied(counts, langChinese) && tallied(counts, langJapanese) {
		return langJapanese
	}
	first, second := topTwo(counts)
	if first.n > second.n && d.has[first.lang] {
		return first.lang
	}
	return unsure
}

// candidates narrows the detector's languages to those written in the
// text's main script and, when letters few languages share are frequent,
// to those languages. buf, which may be nil, keeps storage from call to
// call.
func (d *LanguageDetector) candidates(words []string, buf *[]int) []int {
	// Counts by script index, then by language index: arrays rather than
	// maps, as this runs for every sample of every file.
	var foundArr [32]int
	found := foundArr[:]
	if len(scripts) > len(foundArr) {
		found = make([]int, len(scripts))
	}
	var accented []string // words with letters beyond ASCII
	props := runeProps()
	for _, w := range words {
		if isASCII(w) {
			found[latinScript]++
			continue
		}
		accented = append(accented, w)
		if i := wordScript(props, w); i >= 0 {
			found[i]++
		}
	}
	// main is the script most words are in, the first of those tied;
	// when every script found is tied, the text has no main script.
	main, kinds, tied := -1, 0, true
	for i, n := range found {
		if n == 0 {
			continue
		}
		if kinds++; main >= 0 && n != found[main] {
			tied = false
		}
		if main < 0 || n > found[main] {
			main = i
		}
	}
	if kinds == 0 || kinds > 1 && tied {
		return d.langs
	}
	var inScript []int
	if buf != nil {
		inScript = (*buf)[:0]
	}
	for _, l := range d.langs {
		if d.scriptOf[l][main] {
			inScript = append(inScript, l)
		}
	}
	if buf != nil {
		*buf = inScript
	}
	// Each shared letter a word holds, however often, counts once for
	// each of the letter's languages.
	var counts [len(ngram.Languages)]int
	var seen []rune
	shared := sharedLetterLangs()
	for _, w := range accented {
		seen = seen[:0]
		for _, r := range w {
			langs, ok := shared[r]
			if !ok || slices.Contains(seen, r) {
				continue
			}
			seen = append(seen, r)
			for _, l := range langs {
				if containsInt(inScript, l) {
					counts[l]++
				}
			}
		}
	}
	var subset []int
	for _, l := range inScript {
		if float64(counts[l]) >= float64(len(words))*0.5 {
			subset = append(subset, l)
		}
	}
	if len(subset) > 0 {
		return subset
	}
	return inScript
}

// The indexes in scripts of the scripts the rules name.
var (
	latinScript      = scriptIndex(unicode.Latin)
	cyrillicScript   = scriptIndex(unicode.Cyrillic)
	devanagariScript = scriptIndex(unicode.Devanagari)
	hanScript        = scriptIndex(unicode.Han)
	hiraganaScript   = scriptIndex(unicode.Hiragana)
	katakanaScript   = scriptIndex(unicode.Katakana)
)

func scriptIndex(t *unicode.RangeTable) int {
	return slices.IndexFunc(scripts, func(s script) bool { return s.table == t })
}

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// wordScript is the index in scripts of the first script that holds
// every rune of w, -1 for none. The scripts hold no rune in common
// (TestScriptsDisjoint), so that is the script of w's first rune when
// every other rune is in it too.
func wordScript(props *[bmpRunes]runeProp, w string) int {
	script := -2 // no rune yet
	for _, r := range w {
		i := runeScript(props, r)
		if i < 0 || script != -2 && i != script {
			return -1
		}
		script = i
	}
	return max(script, -1)
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
