package htmlreport

import (
	"strings"
	"testing"
)

func TestCharts(t *testing.T) {
	years := map[string]int{}
	for y := 1980; y < 2020; y++ {
		years[itoa(y)] = 1
	}
	langs := map[string]int{}
	for i, c := range []string{"en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "fi", "pl", "cs", "ja", "zh"} {
		langs[c] = 20 - i
	}
	tests := []struct {
		name      string
		chart     Chart
		bars      int
		first     string
		last      string
		note      string
		heightPer int
	}{
		{"kinds", kindChart(map[string]int{"image": 5, "text": 9, "audio": 5}), 3, "text=9", "image=5", "", rowHeight},
		{"years merged", yearChart(years, 2), maxYearBars, "before 1991=11", "2019=1", "11 earlier years merged; 2 files without a content date", rowHeight},
		{"one undated file", yearChart(map[string]int{"2020": 1}, 1), 1, "2020=1", "2020=1", "1 file without a content date", rowHeight},
		{"languages merged", languageChart(langs, 300), maxBars, "English (en)=20", "other languages=" + itoa(7+8+9), "3 languages merged into \"other languages\"", rowHeight},
		{"no language", languageChart(map[string]int{}, 2), 0, "", "", "no language detected", rowHeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.chart
			if len(c.Bars) != tt.bars {
				t.Fatalf("%d bars, want %d", len(c.Bars), tt.bars)
			}
			if c.Note != tt.note {
				t.Errorf("note %q, want %q", c.Note, tt.note)
			}
			if tt.bars == 0 {
				return
			}
			bar := func(b Bar) string { return b.Label + "=" + itoa(b.N) }
			if got := bar(c.Bars[0]); got != tt.first {
				t.Errorf("first bar %s, want %s", got, tt.first)
			}
			if got := bar(c.Bars[len(c.Bars)-1]); got != tt.last {
				t.Errorf("last bar %s, want %s", got, tt.last)
			}
			if c.Height != tt.bars*tt.heightPer {
				t.Errorf("height %d for %d bars", c.Height, tt.bars)
			}
			for _, b := range c.Bars {
				if b.Width < 1 || b.Width > barMax || b.Value+40 > ChartWidth || b.Y+barHeight > c.Height {
					t.Errorf("bar %s out of the chart: %+v", b.Label, b)
				}
			}
		})
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 38924: "38.9 kB", 999_960: "1.0 MB", 5_300_000_000: "5.3 GB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/profile.html"
	for range 2 {
		if err := WriteFile(path, sampleModel(1)); err != nil {
			t.Fatal(err)
		}
	}
	if !IsReport(path) {
		t.Error("IsReport false for a page WriteFile wrote")
	}
	other := dir + "/notes.md"
	writeString(t, other, "# notes\n")
	if IsReport(other) || IsReport(dir+"/absent.html") {
		t.Error("IsReport true for a file report did not write")
	}
	entries, _ := readDirNames(dir)
	if strings.Join(entries, ",") != "notes.md,profile.html" {
		t.Errorf("folder holds %v: a temporary file was left behind", entries)
	}
	if err := WriteFile(dir+"/missing/profile.html", sampleModel(1)); err == nil {
		t.Error("no error writing into a folder that does not exist")
	}
}
