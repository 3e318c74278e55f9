package extract

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

var (
	sharedDetectorOnce sync.Once
	sharedDetector     *LanguageDetector
	sharedDetectorErr  error
)

// testDetector builds the all-language detector once for the package's
// tests.
func testDetector(t testing.TB) *LanguageDetector {
	t.Helper()
	sharedDetectorOnce.Do(func() { sharedDetector, sharedDetectorErr = NewLanguageDetector(nil) })
	if sharedDetectorErr != nil {
		t.Fatal(sharedDetectorErr)
	}
	return sharedDetector
}

func detectText(t testing.TB, d *LanguageDetector, text string) []Language {
	t.Helper()
	s := d.NewSampler()
	if err := s.Text("", strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	return s.Result()
}

// Paragraphs written for these tests.
var languageParagraphs = map[string]string{
	"en": "Every morning the baker opens her shop before sunrise. The smell of fresh bread fills the narrow street, and the neighbours come down in their slippers to buy a warm loaf and talk about the weather.",
	"fr": "Chaque matin, la boulangère ouvre sa boutique avant le lever du soleil. L'odeur du pain frais remplit la rue étroite, et les voisins descendent en pantoufles pour acheter une miche chaude et parler du temps qu'il fait.",
	"de": "Jeden Morgen öffnet die Bäckerin ihren Laden vor Sonnenaufgang. Der Duft von frischem Brot erfüllt die enge Straße, und die Nachbarn kommen in Hausschuhen herunter, um ein warmes Brot zu kaufen und über das Wetter zu reden.",
	"es": "Cada mañana la panadera abre su tienda antes del amanecer. El olor del pan recién hecho llena la calle estrecha, y los vecinos bajan en zapatillas para comprar una barra caliente y hablar del tiempo.",
	"it": "Ogni mattina la fornaia apre il suo negozio prima dell'alba. Il profumo del pane fresco riempie la strada stretta, e i vicini scendono in pantofole per comprare una pagnotta calda e parlare del tempo.",
	"pt": "Todas as manhãs a padeira abre a sua loja antes do nascer do sol. O cheiro de pão fresco enche a rua estreita, e os vizinhos descem de chinelos para comprar um pão quente e conversar sobre o tempo.",
	"nl": "Elke ochtend opent de bakker haar winkel voor zonsopgang. De geur van vers brood vult de smalle straat, en de buren komen in hun pantoffels naar beneden om een warm brood te kopen en over het weer te praten.",
	"ru": "Каждое утро пекарь открывает свою лавку до восхода солнца. Запах свежего хлеба наполняет узкую улицу, и соседи спускаются в тапочках, чтобы купить тёплый хлеб и поговорить о погоде.",
	"ja": "毎朝、パン屋の主人は日の出前に店を開けます。焼きたてのパンの香りが狭い通りに広がり、近所の人たちはスリッパのまま降りてきて、温かいパンを買い、天気の話をします。",
	"ar": "كل صباح تفتح الخبازة متجرها قبل شروق الشمس. تملأ رائحة الخبز الطازج الشارع الضيق، وينزل الجيران بنعالهم لشراء رغيف دافئ والحديث عن الطقس.",
	"pl": "Każdego ranka piekarka otwiera swój sklep przed wschodem słońca. Zapach świeżego chleba wypełnia wąską uliczkę, a sąsiedzi schodzą w kapciach, żeby kupić ciepły bochenek i porozmawiać o pogodzie.",
	"sv": "Varje morgon öppnar bagaren sin butik före soluppgången. Doften av nybakat bröd fyller den smala gatan, och grannarna kommer ner i tofflor för att köpa en varm limpa och prata om vädret.",
}

func TestLanguageParagraphs(t *testing.T) {
	d := testDetector(t)
	for code, text := range languageParagraphs {
		t.Run(code, func(t *testing.T) {
			got := detectText(t, d, text)
			if len(got) == 0 || got[0].Code != code {
				t.Fatalf("languages = %+v, want %s first", got, code)
			}
		})
	}
}

func TestLanguageSampler(t *testing.T) {
	d := testDetector(t)
	long := func(code string, n int) string {
		return strings.Repeat(languageParagraphs[code]+"\n", n)
	}
	tests := []struct {
		name  string
		parts []string
		want  []string // codes in order; nil for no language
	}{
		{"too short", []string{"Hello there, friend."}, nil},
		{"digits only", []string{strings.Repeat("12345 67890 ", 500)}, nil},
		{"json data", []string{strings.Repeat(`{"id": 1, "name": "x", "tags": ["a", "b"]}, `, 200)}, nil},
		{"front matter skipped", []string{"---\ntitle: Ein Titel\n" + strings.Repeat("tags: [travel, food, photography, weekend]\n", 40) + "---\n" + long("de", 3)}, []string{"de"}},
		{"several parts", []string{long("fr", 2), long("fr", 2)}, []string{"fr"}},
		{"two languages", []string{long("en", 40) + long("es", 2000)}, []string{"es", "en"}},
	}
	// Each sampler is released after its result, so the second round's
	// take the first round's buffers, left as other texts filled them.
	for round := range 2 {
		for _, tt := range tests {
			t.Run(fmt.Sprint(tt.name, " round ", round), func(t *testing.T) {
				s := d.NewSampler()
				for i, p := range tt.parts {
					if err := s.Text("part"+string(rune('0'+i)), strings.NewReader(p)); err != nil {
						t.Fatal(err)
					}
				}
				got := s.Result()
				s.Release()
				var codes []string
				for _, l := range got {
					codes = append(codes, l.Code)
				}
				if strings.Join(codes, ",") != strings.Join(tt.want, ",") {
					t.Fatalf("languages = %+v, want %v", got, tt.want)
				}
			})
		}
	}
}

func TestLanguageSamplerStreams(t *testing.T) {
	d := testDetector(t)
	text := strings.Repeat(languageParagraphs["it"]+"\n", 3000) // ~700 KB
	whole := d.NewSampler()
	if err := whole.Text("", strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	bytewise := d.NewSampler()
	if err := bytewise.Text("", iotest.OneByteReader(strings.NewReader(text))); err != nil {
		t.Fatal(err)
	}
	if len(whole.samples) != maxSamples {
		t.Fatalf("%d samples, want %d", len(whole.samples), maxSamples)
	}
	for i := range whole.samples {
		if whole.samples[i] != bytewise.samples[i] {
			t.Fatalf("sample %d depends on how the text was read", i)
		}
		if len(whole.samples[i]) > sampleSize {
			t.Fatalf("sample %d is %d bytes", i, len(whole.samples[i]))
		}
	}
	a, b := whole.Result(), bytewise.Result()
	if len(a) == 0 || a[0] != b[0] || a[0].Code != "it" {
		t.Fatalf("results %+v and %+v, want the same, Italian", a, b)
	}

	t.Run("drains the reader", func(t *testing.T) {
		r := strings.NewReader(text)
		if err := d.NewSampler().Text("", r); err != nil {
			t.Fatal(err)
		}
		if r.Len() != 0 {
			t.Fatalf("%d bytes left unread", r.Len())
		}
	})
	t.Run("read error", func(t *testing.T) {
		r := io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(io.ErrUnexpectedEOF))
		if err := d.NewSampler().Text("p", r); err == nil {
			t.Fatal("want the read error")
		}
	})
}

func TestLanguageDetectorCodes(t *testing.T) {
	d, err := NewLanguageDetector([]string{"en", "FR", " de "})
	if err != nil {
		t.Fatal(err)
	}
	if got := detectText(t, d, languageParagraphs["fr"]); len(got) == 0 || got[0].Code != "fr" {
		t.Fatalf("languages = %+v, want fr", got)
	}
	// Spanish is not in the list: the closest allowed language may win,
	// but Spanish itself cannot appear.
	for _, l := range detectText(t, d, languageParagraphs["es"]) {
		if l.Code == "es" {
			t.Fatal("detected a language outside the list")
		}
	}
	for _, bad := range [][]string{{"en"}, {"en", "xx"}, {"en", "klingon"}} {
		if _, err := NewLanguageDetector(bad); err == nil {
			t.Errorf("NewLanguageDetector(%q): want an error", bad)
		}
	}
}

// TestLanguageTranslations reads 20 translations of the Universal
// Declaration of Human Rights, each named by its language code.
func TestLanguageTranslations(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "translations", "udhr")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no translations in %s: the shared corpus is absent", dir)
	}
	d := testDetector(t)
	known := map[string]bool{}
	for _, l := range linguaLanguagesAll() {
		known[l] = true
	}
	for _, f := range files {
		code := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(code, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := detectText(t, d, string(data))
			if !known[code] {
				// lingua has no model for this language (Galician, Hawaiian,
				// Lao, Tigrinya, Tongan): log what it reads instead.
				t.Logf("%s is not a lingua language; detected %+v", code, got)
				return
			}
			if len(got) == 0 || got[0].Code != code {
				t.Fatalf("languages = %+v, want %s first", got, code)
			}
		})
	}
}

func linguaLanguagesAll() []string {
	var codes []string
	for _, l := range ngram.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

// maxDetectorHeap is the heap an all-language detector may add once it
// has judged a text. The models are read where the binary holds them;
// lingua's own, decoded into maps, took 49 MB.
const maxDetectorHeap = 4 << 20

func TestLanguageDetectorHeap(t *testing.T) {
	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := heap()
	d, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	detectText(t, d, languageParagraphs["sv"])
	grew := heap() - before
	runtime.KeepAlive(d)
	t.Logf("heap of a detector that has judged a text: %.2f MB", float64(grew)/(1<<20))
	if grew > maxDetectorHeap {
		t.Fatalf("detector holds %d KB of heap, over the %d KB budget", grew>>10, maxDetectorHeap>>10)
	}
}

// BenchmarkLanguageSampler measures sampling and judging a 420 KB text
// against every language, and reports the process heap.
func BenchmarkLanguageSampler(b *testing.B) {
	d := testDetector(b)
	text := []byte(strings.Repeat(languageParagraphs["nl"]+"\n", 2000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := d.NewSampler()
		if err := s.Text("", bytes.NewReader(text)); err != nil {
			b.Fatal(err)
		}
		s.Result()
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "MB-heap")
}

// BenchmarkLanguageSamplerEveryLanguage samples and judges a text of 12
// KB in each language of languageParagraphs (three samples each), as a
// catalog of writing in many languages and scripts gives them.
func BenchmarkLanguageSamplerEveryLanguage(b *testing.B) {
	d := testDetector(b)
	var texts [][]byte
	var size int64
	for _, code := range slices.Sorted(maps.Keys(languageParagraphs)) {
		p := languageParagraphs[code] + "\n"
		text := []byte(strings.Repeat(p, 12<<10/len(p)+1))
		texts = append(texts, text)
		size += int64(len(text))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, text := range texts {
			s := d.NewSampler()
			if err := s.Text("", bytes.NewReader(text)); err != nil {
				b.Fatal(err)
			}
			s.Result()
			s.Release()
		}
	}
}

func TestLanguageDetectorConcurrent(t *testing.T) {
	d := testDetector(t)
	want := detectText(t, d, languageParagraphs["pt"])
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			got := detectText(t, d, languageParagraphs["pt"])
			if len(got) != len(want) || got[0] != want[0] {
				errs <- "concurrent detection differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestLanguageName: every language the detector reports has an English
// name, and an unknown code has none.
func TestLanguageName(t *testing.T) {
	for _, l := range ngram.Languages {
		if LanguageName(l.Code) == "" {
			t.Errorf("%s has no name", l.Code)
		}
	}
	for code, want := range map[string]string{"fr": "French", "nb": "Norwegian Bokmål", "mi": "Māori", "zh": "Chinese", "xx": "", "": "", "FR": ""} {
		if got := LanguageName(code); got != want {
			t.Errorf("LanguageName(%q) = %q, want %q", code, got, want)
		}
	}
}
