package extract

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rwcarlsen/goexif/exif"
)

// TestGoexifTagsNameTheirFields: each tag goexifTags keeps is the one
// goexif names as the table says, in the directory the table keeps it
// for; a tag the table leaves out does not reach goexif.
func TestGoexifTagsNameTheirFields(t *testing.T) {
	value := ifdEntry{Type: 2, Count: 3, ValLen: 3, Val: []byte("ab\x00")}
	for _, dir := range []struct {
		name string
		tags map[uint16]exif.FieldName
		put  func(d *tiffDirs, e ifdEntry)
	}{
		{"IFD0", goexifTags.main, func(d *tiffDirs, e ifdEntry) { d.ifd0 = []ifdEntry{e} }},
		{"EXIF", goexifTags.main, func(d *tiffDirs, e ifdEntry) { d.exif = []ifdEntry{e} }},
		{"GPS", goexifTags.gps, func(d *tiffDirs, e ifdEntry) { d.gps = []ifdEntry{e} }},
	} {
		for tag, name := range dir.tags {
			d := &tiffDirs{order: binary.LittleEndian}
			e := value
			e.Tag = tag
			dir.put(d, e)
			x, err := exif.Decode(bytes.NewReader(repackTIFF(d)))
			if err != nil {
				t.Fatalf("%s tag %#04x: %v", dir.name, tag, err)
			}
			if _, err := x.Get(name); err != nil {
				t.Errorf("%s tag %#04x: goexif has no %s: %v", dir.name, tag, name, err)
			}
		}
	}
	d := &tiffDirs{order: binary.LittleEndian}
	d.ifd0 = []ifdEntry{{Tag: 0x0112, Type: 3, Count: 1, ValLen: 2, Val: []byte{1, 0}}} // Orientation
	x, err := exif.Decode(bytes.NewReader(repackTIFF(d)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Get(exif.Orientation); err == nil {
		t.Error("Orientation, which nothing asks goexif for, was handed to it")
	}
}

// TestRepackedFieldsAsBefore: the image extractors record the same
// fields, tags, dates and errors from the entries goexifTags keeps as
// from every entry, on the project's sample photos and, where it sits
// beside the project, the shared corpus.
func TestRepackedFieldsAsBefore(t *testing.T) {
	var paths []string
	samples, _ := filepath.Glob(filepath.Join("testdata", "samples", "photo.*"))
	paths = append(paths, samples...)
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err == nil {
		err := filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("only the project's samples: the shared corpus %s is absent", corpus)
	}
	kept := goexifTags
	photos := 0
	for _, p := range paths {
		src := openSource(t, p)
		if !NewEXIF().Applies(src) {
			continue
		}
		photos++
		goexifTags.main, goexifTags.gps = nil, nil
		every := runImage(t, src)
		goexifTags = kept
		got := runImage(t, openSource(t, p))
		if !reflect.DeepEqual(got, every) {
			t.Errorf("%s: with the kept entries\n%+v\nwith every entry\n%+v", p, got, every)
		}
	}
	if photos < len(samples) {
		t.Fatalf("%d photos read, want at least the %d samples", photos, len(samples))
	}
}
