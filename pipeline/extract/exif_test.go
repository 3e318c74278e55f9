package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// runImage runs the image extractors over src and fails on a recovered
// panic, which Run would otherwise turn into an ordinary error.
func runImage(t testing.TB, src *Source) *Result {
	t.Helper()
	var res Result
	Run(context.Background(), []Extractor{NewEXIF(), NewIPTC(), NewXMP()}, src, &res)
	for _, err := range res.Errors {
		if strings.Contains(err.Error(), "parser panic") {
			t.Fatalf("%s: %v", src.Path, err)
		}
	}
	return &res
}

// allocDuring reports the bytes allocated while f runs.
func allocDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestEXIFSamples(t *testing.T) {
	want := map[string]string{
		"camera_make":   "Canon",
		"camera_model":  "Canon EOS 5D Mark IV",
		"artist":        "Jane Creator",
		"copyright":     "(c) 2023 Jane Creator, All rights reserved",
		"body_serial":   "012345678901",
		"lens_serial":   "LS998877",
		"gps_latitude":  "48.858370",
		"gps_longitude": "2.294481",
		"gps_altitude":  "35",
	}
	wantFields := map[string]string{
		"exif:GPSLatitude":        "48.858370",
		"exif:GPSLongitude":       "2.294481",
		"exif:BodySerialNumber":   "012345678901",
		"exif:LensSerialNumber":   "LS998877",
		"exif:Artist":             "Jane Creator",
		"exif:Make":               "Canon",
		"exif:OffsetTimeOriginal": "+02:00",
		"exif:DateTimeOriginal":   "2023:07:14 15:32:10",
	}
	for _, name := range []string{"photo.jpg", "photo.tif", "photo.png", "photo.webp", "photo.heic"} {
		t.Run(name, func(t *testing.T) {
			res := runImage(t, openSource(t, filepath.Join("testdata", "samples", name)))
			for _, err := range res.Errors {
				t.Errorf("error: %v", err)
			}
			for k, v := range want {
				if got := res.Tags[k]; got != v {
					t.Errorf("tag %s = %q, want %q", k, got, v)
				}
			}
			for k, v := range wantFields {
				if got, _ := res.Field(k); got != v {
					t.Errorf("field %s = %q, want %q", k, got, v)
				}
			}
			d, ok := res.ContentDate()
			if !ok || d.String() != "2023-07-14T15:32:10+02:00" || d.Source != "exif:DateTimeOriginal" || !d.HasZone {
				t.Errorf("content date = %+v (%s), want 2023-07-14T15:32:10+02:00 from exif:DateTimeOriginal", d, d)
			}
			if res.Tags["width"] == "" || res.Tags["height"] == "" {
				t.Errorf("no size in tags %v", res.Tags)
			}
		})
	}
}

func TestEXIFCrashers(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("testdata", "crashers", "*.bin"))
	if len(names) == 0 {
		t.Fatal("no crashers in testdata/crashers")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src := openSource(t, name)
			var res *Result
			n := allocDuring(func() { res = runImage(t, src) })
			if n > 64<<20 {
				t.Errorf("allocated %d bytes", n)
			}
			checkValues(t, res)
		})
	}
}

// checkValues holds what every result must satisfy, however broken its
// input: bounded values and sane coordinates.
func checkValues(t testing.TB, res *Result) {
	t.Helper()
	for _, f := range res.Fields {
		if len(f.Value) > maxValueLen {
			t.Errorf("field %s has %d bytes", f.Name, len(f.Value))
		}
	}
	for _, d := range res.Dates {
		if d.Time.Year() < 1800 || d.Time.Year() > 2200 {
			t.Errorf("date %v from %s out of range", d.Time, d.Source)
		}
	}
}

func TestEXIFCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus", "photos")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("photo corpus %s is absent: %v", root, err)
	}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src := openSource(t, p)
		var res *Result
		n := allocDuring(func() { res = runImage(t, src) })
		if n > 64<<20 {
			t.Errorf("%s: allocated %d bytes", p, n)
		}
		checkValues(t, res)
		if testing.Verbose() {
			d, _ := res.ContentDate()
			t.Logf("%s: %v date=%s errors=%v", p, res.Tags, d, res.Errors)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
