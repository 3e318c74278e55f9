package extract

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// The detector scores with lingua's models and lingua's rules, read from
// a table compiled into the binary instead of through lingua. These tests
// hold its answers to lingua's own, run side by side on the same texts.

var (
	linguaOnce sync.Once
	linguaRef  lingua.LanguageDetector
)

// linguaReference is lingua itself, configured as consign once ran it.
func linguaReference() lingua.LanguageDetector {
	linguaOnce.Do(func() {
		linguaRef = lingua.NewLanguageDetectorBuilder().
			FromAllLanguages().
			WithLowAccuracyMode().
			Build()
	})
	return linguaRef
}

// linguaValues are lingua's non-zero confidences, by ISO 639-1 code.
func linguaValues(text string) map[string]float64 {
	out := map[string]float64{}
	for _, cv := range linguaReference().ComputeLanguageConfidenceValues(text) {
		if cv.Value() > 0 {
			out[strings.ToLower(cv.Language().IsoCode639_1().String())] = cv.Value()
		}
	}
	return out
}

func ourValues(d *LanguageDetector, text string) map[string]float64 {
	out := map[string]float64{}
	for _, v := range d.confidences(text) {
		out[languageCode(v.lang)] = v.value
	}
	return out
}

// topOf is the code with the highest value; "" for none or a tie.
func topOf(values map[string]float64) string {
	best, top, tie := "", 0.0, false
	for code, v := range values {
		switch {
		case v > top:
			best, top, tie = code, v, false
		case v == top:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// maxValueGap is the largest difference allowed between lingua's and
// consign's confidence for a language. lingua sums in map order and
// exponentiates in decimal arithmetic; the answers agree far closer than
// the two decimals consign reports.
const maxValueGap = 1e-6

// compareWithLingua reports the texts whose top language differs from
// lingua's, and fails on any confidence further than maxValueGap away.
func compareWithLingua(t *testing.T, d *LanguageDetector, texts []string) (disagree int) {
	t.Helper()
	for _, text := range texts {
		want, got := linguaValues(text), ourValues(d, text)
		if topOf(want) != topOf(got) {
			disagree++
			t.Logf("top language %q, lingua's %q, for %.60q", topOf(got), topOf(want), text)
		}
		for _, code := range unionKeys(want, got) {
			if gap := math.Abs(want[code] - got[code]); gap > maxValueGap {
				t.Errorf("confidence of %s is %g, lingua's %g, for %.60q", code, got[code], want[code], text)
			}
		}
	}
	return disagree
}

func unionKeys(a, b map[string]float64) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// windows cuts text into pieces of about size bytes, every step bytes,
// on rune boundaries: the lengths consign's sampler hands the detector.
func windows(text string, size, step int) []string {
	var out []string
	for start := 0; start < len(text); start += step {
		for start < len(text) && !utf8.RuneStart(text[start]) {
			start++
		}
		end := min(start+size, len(text))
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end--
		}
		if end > start {
			out = append(out, text[start:end])
		}
	}
	return out
}

func TestLanguageAgreesWithLingua(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: lingua decodes its models first, which takes seconds (minutes with -race)")
	}
	if raceDetector {
		// The comparison has no concurrency to check, and lingua's model
		// decoding takes minutes under the race detector: make test runs
		// this test in a pass of its own without -race.
		t.Skip("skipping under -race: make test runs it without")
	}
	d := testDetector(t)
	t.Run("paragraphs", func(t *testing.T) {
		var texts []string
		for _, p := range languageParagraphs {
			texts = append(texts, p, p[:len(p)/3])
		}
		if n := compareWithLingua(t, d, texts); n > 0 {
			t.Fatalf("%d of %d paragraphs read differently from lingua", n, len(texts))
		}
	})
	t.Run("udhr", func(t *testing.T) {
		dir := filepath.Join("..", "..", "..", "shared", "corpus", "translations", "udhr")
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		if len(files) == 0 {
			t.Skipf("no translations in %s: the shared corpus is absent", dir)
		}
		var texts []string
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{60, 300, sampleSize} {
				texts = append(texts, windows(string(data), size, 1500)...)
			}
		}
		n := compareWithLingua(t, d, texts)
		t.Logf("%d of %d samples read differently from lingua", n, len(texts))
		if n*100 > len(texts) {
			t.Fatalf("%d of %d samples read differently from lingua: over 1%%", n, len(texts))
		}
	})
	t.Run("letters", func(t *testing.T) {
		// Every letter lingua's rules know, in words of Latin or Cyrillic
		// text, alone and among the words of a paragraph.
		var texts []string
		add := func(letters string) {
			for _, r := range letters {
				w := "ka" + string(r) + "ro"
				texts = append(texts, w, w+" "+w+" mesto", languageParagraphs["en"]+" "+w, "пра"+string(r)+"во "+w)
			}
		}
		for _, letters := range uniqueLetters {
			add(letters)
		}
		for _, sl := range sharedLetters {
			add(sl.letters)
		}
		if n := compareWithLingua(t, d, texts); n > 0 {
			t.Fatalf("%d of %d texts read differently from lingua", n, len(texts))
		}
	})
	t.Run("scripts", func(t *testing.T) {
		texts := []string{
			"", "12345", "a", "ab", "abc", "東京は日本の首都です", "漢字", "ひらがな", "カタカナ",
			"서울은 한국의 수도입니다", "Αθήνα", "שלום עולם", "नमस्ते दुनिया", "привет мир hello world",
			"hello мир", "日本 hello", "ქართული ენა", "ภาษาไทย", "தமிழ் மொழி",
		}
		if n := compareWithLingua(t, d, texts); n > 0 {
			t.Fatalf("%d of %d texts read differently from lingua", n, len(texts))
		}
	})
}
