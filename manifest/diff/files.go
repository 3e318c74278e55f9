package diff

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// compareFiles walks the two files.jsonl side by side (both are sorted by
// path), so files present in both cost nothing once compared; only the
// files on one side are held, to pair the renames among them.
func compareFiles(r *Report) error {
	of, oldName, err := openMetadata(r.Old.Dir, manifest.FilesJSONL, false)
	if err != nil {
		return err
	}
	defer of.Close()
	nf, newName, err := openMetadata(r.New.Dir, manifest.FilesJSONL, false)
	if err != nil {
		return err
	}
	defer nf.Close()
	return diffRecords(newRecordReader(oldName, of), newRecordReader(newName, nf), r)
}

// diffRecords merges two sorted record streams into r.
func diffRecords(olds, news *recordReader, r *Report) error {
	var removed, added []*pipeline.Record
	a, err := olds.next()
	if err != nil {
		return err
	}
	b, err := news.next()
	if err != nil {
		return err
	}
	for a != nil || b != nil {
		switch {
		case b == nil || (a != nil && a.Path < b.Path):
			removed = append(removed, a)
			r.Old.Files, r.Old.Bytes = r.Old.Files+1, r.Old.Bytes+a.Size
			a, err = olds.next()
		case a == nil || b.Path < a.Path:
			added = append(added, b)
			r.New.Files, r.New.Bytes = r.New.Files+1, r.New.Bytes+b.Size
			b, err = news.next()
		default:
			compareRecord(a, b, &r.Files)
			r.Old.Files, r.Old.Bytes = r.Old.Files+1, r.Old.Bytes+a.Size
			r.New.Files, r.New.Bytes = r.New.Files+1, r.New.Bytes+b.Size
			if a, err = olds.next(); err == nil {
				b, err = news.next()
			}
		}
		if err != nil {
			return err
		}
	}
	pairRenames(removed, added, &r.Files)
	return nil
}

// originalSHA256 is the sha256 of the creator's file: the record's own, or
// for a redacted copy the original's.
func originalSHA256(rec *pipeline.Record) string {
	if rec.Redaction != nil {
		return rec.Redaction.OriginalSHA256
	}
	return rec.SHA256
}

// compareRecord files one path present in both bundles under the change
// that explains it best. A file whose original bytes are the same but
// which is now (or no longer) a redacted copy is listed as redacted (or
// unredacted), not as changed: the creator did not change it.
func compareRecord(a, b *pipeline.Record, d *FilesDiff) {
	c := FileChange{Path: b.Path, Fields: fieldChanges(a, b), Tags: tagChanges(a.Tags, b.Tags)}
	if a.SHA256 != b.SHA256 {
		c.OldSHA256, c.NewSHA256 = a.SHA256, b.SHA256
	}
	sameOriginal := originalSHA256(a) == originalSHA256(b)
	switch {
	case sameOriginal && a.Redaction == nil && b.Redaction != nil:
		d.Redacted = append(d.Redacted, c)
	case sameOriginal && a.Redaction != nil && b.Redaction == nil:
		d.Unredacted = append(d.Unredacted, c)
	case a.SHA256 != b.SHA256:
		d.Changed = append(d.Changed, c)
	case len(c.Fields) > 0 || len(c.Tags) > 0:
		d.MetadataChanged = append(d.MetadataChanged, c)
	}
}

// pairRenames matches files that left a path with files that arrived at
// another by their original sha256, in path order; the rest are removed
// and added. Files without a checksum (symbolic links) are never paired.
func pairRenames(removed, added []*pipeline.Record, d *FilesDiff) {
	bySum := map[string][]*pipeline.Record{}
	for _, rec := range removed {
		if sum := originalSHA256(rec); sum != "" {
			bySum[sum] = append(bySum[sum], rec)
		}
	}
	paired := map[*pipeline.Record]bool{}
	for _, b := range added {
		sum := originalSHA256(b)
		if cands := bySum[sum]; sum != "" && len(cands) > 0 {
			a := cands[0]
			bySum[sum] = cands[1:]
			paired[a] = true
			c := FileChange{Path: b.Path, OldPath: a.Path, Fields: fieldChanges(a, b), Tags: tagChanges(a.Tags, b.Tags)}
			if a.SHA256 != b.SHA256 {
				c.OldSHA256, c.NewSHA256 = a.SHA256, b.SHA256
			}
			d.Renamed = append(d.Renamed, c)
			continue
		}
		d.Added = append(d.Added, fileOf(b))
	}
	for _, a := range removed {
		if !paired[a] {
			d.Removed = append(d.Removed, fileOf(a))
		}
	}
	sort.SliceStable(d.Renamed, func(i, j int) bool { return d.Renamed[i].Path < d.Renamed[j].Path })
}

func fileOf(rec *pipeline.Record) File {
	f := File{Path: rec.Path, Size: rec.Size, SHA256: rec.SHA256, Kind: rec.Kind}
	if rec.Redaction != nil {
		f.OriginalSHA256 = rec.Redaction.OriginalSHA256
	}
	return f
}

// fieldChanges lists the record fields that differ, compared as the JSON
// the bundles hold. The path, checksum and finding ids are left out: the
// change lists and the findings section say those.
func fieldChanges(a, b *pipeline.Record) []FieldChange {
	fields := []struct {
		name     string
		old, new any
	}{
		{"size", a.Size, b.Size},
		{"media_type", a.MediaType, b.MediaType},
		{"kind", a.Kind, b.Kind},
		{"content_date", a.ContentDate, b.ContentDate},
		{"languages", a.Languages, b.Languages},
		{"rights", a.Rights, b.Rights},
		{"redaction", a.Redaction, b.Redaction},
		{"link_target", a.LinkTarget, b.LinkTarget},
		{"error", a.Error, b.Error},
	}
	var out []FieldChange
	for _, f := range fields {
		x, y := jsonOf(f.old), jsonOf(f.new)
		if !bytes.Equal(x, y) {
			out = append(out, FieldChange{Field: f.name, Old: x, New: y})
		}
	}
	return out
}

// jsonOf is v as compact JSON, or nil when v is unset (JSON null, "", or
// an empty list), as the record would omit it.
func jsonOf(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return nil // the record types always marshal
	}
	switch string(b) {
	case "null", `""`, "[]", "{}":
		return nil
	}
	return b
}

// tagChanges lists the media tags added, removed or changed, by key.
func tagChanges(a, b map[string]string) []TagChange {
	var out []TagChange
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, TagChange{Key: k, Change: Removed, Old: v})
		} else if w != v {
			out = append(out, TagChange{Key: k, Change: Changed, Old: v, New: w})
		}
	}
	for k, w := range b {
		if _, ok := a[k]; !ok {
			out = append(out, TagChange{Key: k, Change: Added, New: w})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
