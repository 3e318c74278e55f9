package diff

import (
	"fmt"
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

func TestCompareFiles(t *testing.T) {
	photo := rec("photos/beach.jpg", 'a', 1000)
	photo.MediaType, photo.Kind = "image/jpeg", "image"
	photo.Tags = map[string]string{"camera_make": "Canon", "artist": "Ada", "title": "Beach"}
	photo.ContentDate = &pipeline.ContentDate{Value: "2021-06-03", Source: "exif:DateTimeOriginal"}
	edited := photo
	edited.SHA256, edited.Size, edited.MediaType = sum('b'), 1200, "image/png"
	edited.Tags = map[string]string{"camera_make": "Nikon", "title": "Beach", "lens_model": "50mm"}
	edited.ContentDate = &pipeline.ContentDate{Value: "2021-06-04", Source: "exif:DateTimeOriginal"}
	edited.Languages = []extract.Language{{Code: "en", Confidence: 1}}
	edited.Rights = &detectors.Rights{Copyright: "(c) Ada"}
	retagged := photo
	retagged.Tags = map[string]string{"camera_make": "Canon", "artist": "Ada", "title": "Beach at dawn"}
	note := rec("notes/a.txt", 'c', 10)
	link := pipeline.Record{Path: "link", LinkTarget: "notes/a.txt"}
	movedLink := pipeline.Record{Path: "link2", LinkTarget: "notes/a.txt"}

	type want struct {
		added, removed, changed, meta, renamed, redacted, unredacted []string
		identical                                                    bool
	}
	tests := []struct {
		name     string
		old, new []pipeline.Record
		want     want
		check    func(t *testing.T, d FilesDiff)
	}{
		{name: "identical", old: []pipeline.Record{photo, note}, new: []pipeline.Record{photo, note}, want: want{identical: true}},
		{name: "empty bundles", want: want{identical: true}},
		{
			name: "added and removed", old: []pipeline.Record{photo}, new: []pipeline.Record{note},
			want: want{added: []string{"notes/a.txt"}, removed: []string{"photos/beach.jpg"}},
		},
		{
			name: "changed with every field", old: []pipeline.Record{photo, note}, new: []pipeline.Record{edited, note},
			want: want{changed: []string{"photos/beach.jpg"}},
			check: func(t *testing.T, d FilesDiff) {
				c := d.Changed[0]
				if c.OldSHA256 != sum('a') || c.NewSHA256 != sum('b') {
					t.Errorf("checksums %s -> %s", c.OldSHA256, c.NewSHA256)
				}
				fields := paths(c.Fields, func(f FieldChange) string { return f.Field })
				if !slices.Equal(fields, []string{"size", "media_type", "content_date", "languages", "rights"}) {
					t.Errorf("fields %v", fields)
				}
				if string(c.Fields[0].Old) != "1000" || string(c.Fields[0].New) != "1200" {
					t.Errorf("size %s -> %s", c.Fields[0].Old, c.Fields[0].New)
				}
				if c.Fields[3].Old != nil {
					t.Errorf("languages were unset, got old %s", c.Fields[3].Old)
				}
				tags := paths(c.Tags, func(g TagChange) string { return g.Key + " " + g.Change + " " + g.Old + ">" + g.New })
				wantTags := []string{"artist removed Ada>", "camera_make changed Canon>Nikon", "lens_model added >50mm"}
				if !slices.Equal(tags, wantTags) {
					t.Errorf("tags %v, want %v", tags, wantTags)
				}
			},
		},
		{
			name: "same bytes, new tags", old: []pipeline.Record{photo}, new: []pipeline.Record{retagged},
			want: want{meta: []string{"photos/beach.jpg"}},
			check: func(t *testing.T, d FilesDiff) {
				if c := d.MetadataChanged[0]; c.OldSHA256 != "" || len(c.Fields) != 0 || len(c.Tags) != 1 || c.Tags[0].Change != Changed {
					t.Errorf("metadata change %+v", c)
				}
			},
		},
		{
			name: "renamed", old: []pipeline.Record{note, photo}, new: []pipeline.Record{photo, withPath(note, "notes/b.txt")},
			want: want{renamed: []string{"notes/b.txt"}},
			check: func(t *testing.T, d FilesDiff) {
				if c := d.Renamed[0]; c.OldPath != "notes/a.txt" || c.OldSHA256 != "" || len(c.Fields) != 0 {
					t.Errorf("rename %+v", c)
				}
			},
		},
		{
			name: "renamed and redacted", old: []pipeline.Record{note}, new: []pipeline.Record{redacted(withPath(note, "z.txt"), 'd', "content[0:4] masked")},
			want: want{renamed: []string{"z.txt"}},
			check: func(t *testing.T, d FilesDiff) {
				if c := d.Renamed[0]; c.NewSHA256 != sum('d') || c.Fields[0].Field != "redaction" {
					t.Errorf("rename %+v", c)
				}
			},
		},
		{
			name: "two copies, one moved", old: []pipeline.Record{note, withPath(note, "notes/copy.txt")},
			new:  []pipeline.Record{note, withPath(note, "notes/moved.txt")},
			want: want{renamed: []string{"notes/moved.txt"}},
		},
		{
			name: "links are never paired", old: []pipeline.Record{link}, new: []pipeline.Record{movedLink},
			want: want{added: []string{"link2"}, removed: []string{"link"}},
		},
		{
			name: "newly redacted", old: []pipeline.Record{photo}, new: []pipeline.Record{redacted(photo, 'e', "exif:GPS removed")},
			want: want{redacted: []string{"photos/beach.jpg"}},
			check: func(t *testing.T, d FilesDiff) {
				if c := d.Redacted[0]; c.NewSHA256 != sum('e') || c.Fields[0].Field != "redaction" || c.Fields[0].Old != nil {
					t.Errorf("redacted %+v", c)
				}
			},
		},
		{
			name: "no longer redacted", old: []pipeline.Record{redacted(photo, 'e')}, new: []pipeline.Record{photo},
			want: want{unredacted: []string{"photos/beach.jpg"}},
		},
		{
			name: "redacted and edited", old: []pipeline.Record{photo}, new: []pipeline.Record{redacted(edited, 'f')},
			want: want{changed: []string{"photos/beach.jpg"}},
		},
		{
			name: "redacted differently", old: []pipeline.Record{redacted(photo, 'e', "exif:GPS removed")},
			new:  []pipeline.Record{redacted(photo, 'f', "exif:GPS removed", "exif:BodySerialNumber removed")},
			want: want{changed: []string{"photos/beach.jpg"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, writeBundle(t, fakeBundle{records: tt.old}), writeBundle(t, fakeBundle{records: tt.new}))
			d := r.Files
			for _, c := range []struct {
				name      string
				got, want []string
			}{
				{"added", paths(d.Added, filePath), tt.want.added},
				{"removed", paths(d.Removed, filePath), tt.want.removed},
				{"changed", paths(d.Changed, changePath), tt.want.changed},
				{"metadata changed", paths(d.MetadataChanged, changePath), tt.want.meta},
				{"renamed", paths(d.Renamed, changePath), tt.want.renamed},
				{"redacted", paths(d.Redacted, changePath), tt.want.redacted},
				{"unredacted", paths(d.Unredacted, changePath), tt.want.unredacted},
			} {
				if !slices.Equal(c.got, c.want) && len(c.got)+len(c.want) > 0 {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
			if r.Identical != tt.want.identical {
				t.Errorf("Identical = %v, want %v", r.Identical, tt.want.identical)
			}
			if r.Old.Files != len(tt.old) || r.New.Files != len(tt.new) {
				t.Errorf("counted %d and %d files, want %d and %d", r.Old.Files, r.New.Files, len(tt.old), len(tt.new))
			}
			if tt.check != nil {
				tt.check(t, d)
			}
		})
	}
}

func withPath(r pipeline.Record, p string) pipeline.Record {
	r.Path = p
	return r
}

// TestCompareManyFiles walks two long streams whose differences are spread
// through them, to check the side-by-side walk never loses its place.
func TestCompareManyFiles(t *testing.T) {
	var old, cur []pipeline.Record
	for i := range 500 {
		r := rec(fmt.Sprintf("f/%04d.txt", i), 'a', int64(i))
		r.SHA256 = fmt.Sprintf("%064x", i)
		switch i % 5 {
		case 0:
			old = append(old, r)
		case 1:
			cur = append(cur, r)
		case 2:
			old = append(old, r)
			r.SHA256 = fmt.Sprintf("%064x", i+100000)
			cur = append(cur, r)
		default:
			old, cur = append(old, r), append(cur, r)
		}
	}
	r := mustCompare(t, writeBundle(t, fakeBundle{records: old}), writeBundle(t, fakeBundle{records: cur}))
	if len(r.Files.Removed) != 100 || len(r.Files.Added) != 100 || len(r.Files.Changed) != 100 || len(r.Files.Renamed) != 0 {
		t.Errorf("removed %d, added %d, changed %d, renamed %d; want 100, 100, 100, 0",
			len(r.Files.Removed), len(r.Files.Added), len(r.Files.Changed), len(r.Files.Renamed))
	}
	if r.Old.Files != 400 || r.New.Files != 400 {
		t.Errorf("files %d, %d", r.Old.Files, r.New.Files)
	}
}
