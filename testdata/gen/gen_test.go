package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dhowden/tag"
)

// entry is what a test compares of one generated path.
type entry struct {
	data  []byte
	mtime time.Time
	dir   bool
}

// snapshot maps each slash path under dir, "." for dir itself, to its
// content and mtime.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	snap := map[string]entry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		e := entry{mtime: info.ModTime(), dir: d.IsDir()}
		if !d.IsDir() {
			if e.data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		snap[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	return snap
}

// generated runs the generator into a fresh temporary directory.
func generated(t *testing.T, seed uint64, n int) (string, map[string]entry) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fixture")
	if err := generate(dir, seed, n); err != nil {
		t.Fatalf("generate: %v", err)
	}
	return dir, snapshot(t, dir)
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		seed uint64
		n    int
	}{
		{"fixture only", 0, 0},
		{"with extras", 7, 2 * len(extraKinds)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, a := generated(t, tc.seed, tc.n)
			_, b := generated(t, tc.seed, tc.n)
			if len(a) != len(b) {
				t.Fatalf("first run has %d paths, second %d", len(a), len(b))
			}
			total := 0
			for p, ea := range a {
				eb, ok := b[p]
				switch {
				case !ok:
					t.Errorf("%s missing from second run", p)
				case !bytes.Equal(ea.data, eb.data):
					t.Errorf("%s differs between runs", p)
				case !ea.mtime.Equal(eb.mtime):
					t.Errorf("%s mtime %s, then %s", p, ea.mtime, eb.mtime)
				}
				total += len(ea.data)
			}
			want := mtimeBase.AddDate(0, 0, int(tc.seed))
			if got := a["."].mtime; !got.Equal(want) {
				t.Errorf("root mtime = %s, want %s", got, want)
			}
			if tc.n == 0 && total > 2<<20 {
				t.Errorf("fixture is %d bytes, want under 2 MiB", total)
			}
		})
	}
}

func TestSeedChangesRandomContentOnly(t *testing.T) {
	_, a := generated(t, 1, 0)
	_, b := generated(t, 2, 0)
	if bytes.Equal(a["misc/binary.bin"].data, b["misc/binary.bin"].data) {
		t.Error("misc/binary.bin is the same for seeds 1 and 2")
	}
	if !bytes.Equal(a["photos/2021/beach.jpg"].data, b["photos/2021/beach.jpg"].data) {
		t.Error("photos/2021/beach.jpg depends on the seed")
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "stray"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := generate(dir, 0, 0); err == nil {
		t.Fatal("generate into a non-empty directory succeeded")
	}
}

func TestImagesDecode(t *testing.T) {
	_, snap := generated(t, 3, len(extraKinds))
	wantSize := map[string]image.Point{
		"photos/2021/beach.jpg":          {64, 48},
		"photos/2022/street.jpg":         {80, 60},
		"photos/IMG_20200715_101500.jpg": {32, 24},
		"photos/scan.png":                {48, 32},
	}
	seen := 0
	for p, e := range snap {
		var decode func(io.Reader) (image.Image, error)
		switch filepath.Ext(p) {
		case ".jpg":
			decode = jpeg.Decode
		case ".png":
			decode = png.Decode
		default:
			continue
		}
		seen++
		t.Run(p, func(t *testing.T) {
			img, err := decode(bytes.NewReader(e.data))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if want, ok := wantSize[p]; ok && img.Bounds().Size() != want {
				t.Errorf("size = %v, want %v", img.Bounds().Size(), want)
			}
		})
	}
	if seen < len(wantSize)+2 {
		t.Errorf("decoded %d images, want at least %d", seen, len(wantSize)+2)
	}
}

func TestAudioTagsRead(t *testing.T) {
	dir, _ := generated(t, 0, 0)
	for _, tc := range []struct {
		path, title, artist, album, genre string
		year                              int
		picture                           bool
	}{
		{"audio/song.mp3", "Morning Light", "Jane Doe", "Field Notes", "Ambient", 2020, true},
		{"audio/take2.flac", "Take Two", "Jane Doe", "Field Notes", "Folk", 2019, true},
		{"audio/interview.m4a", "Interview with a boat builder", "Jane Doe", "Coast Voices", "Podcast", 2018, false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := tag.ReadFrom(f)
			if err != nil {
				t.Fatalf("read tags: %v", err)
			}
			if m.Title() != tc.title || m.Artist() != tc.artist || m.Album() != tc.album {
				t.Errorf("title/artist/album = %q/%q/%q, want %q/%q/%q",
					m.Title(), m.Artist(), m.Album(), tc.title, tc.artist, tc.album)
			}
			if m.Genre() != tc.genre || m.Year() != tc.year {
				t.Errorf("genre/year = %q/%d, want %q/%d", m.Genre(), m.Year(), tc.genre, tc.year)
			}
			if (m.Picture() != nil) != tc.picture {
				t.Errorf("picture present = %v, want %v", m.Picture() != nil, tc.picture)
			}
		})
	}
}

func TestDOCXCoreProperties(t *testing.T) {
	_, snap := generated(t, 0, 0)
	data := snap["documents/contract.docx"].data
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open docx: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = string(b)
	}
	for _, tc := range []struct{ part, want string }{
		{"docProps/core.xml", "<dc:creator>Jane Doe</dc:creator>"},
		{"docProps/core.xml", "<cp:lastModifiedBy>Sam Editor</cp:lastModifiedBy>"},
		{"docProps/core.xml", ">2022-02-03T04:05:06Z</dcterms:created>"},
		{"docProps/core.xml", "<dc:title>Licence agreement</dc:title>"},
		{"word/document.xml", "Harbourside Bakery Ltd"},
		{"[Content_Types].xml", "wordprocessingml.document.main+xml"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if !strings.Contains(parts[tc.part], tc.want) {
				t.Errorf("%s lacks %q", tc.part, tc.want)
			}
		})
	}
}

func TestFLACFrameNumbers(t *testing.T) {
	for _, tc := range []struct {
		n    uint64
		want []byte
	}{
		{0, []byte{0x00}},
		{0x7F, []byte{0x7F}},
		{0x80, []byte{0xC2, 0x80}},
		{0x7FF, []byte{0xDF, 0xBF}},
		{0x800, []byte{0xE0, 0xA0, 0x80}},
		{0x10000, []byte{0xF0, 0x90, 0x80, 0x80}},
	} {
		t.Run(fmt.Sprintf("%#x", tc.n), func(t *testing.T) {
			if got := flacUTF8(tc.n); !bytes.Equal(got, tc.want) {
				t.Errorf("flacUTF8(%#x) = % x, want % x", tc.n, got, tc.want)
			}
		})
	}
}
