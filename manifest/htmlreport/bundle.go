package htmlreport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// Bundle files the page is made from.
const (
	bagitFile          = "bagit.txt"
	contentProfileFile = "metadata/content-profile.json"
	provenanceFile     = "provenance/bag.intoto.jsonl"
)

// ErrNotBundle is returned by ReadBundle for a folder without bagit.txt.
var ErrNotBundle = errors.New("not a bundle")

// IsBundle reports whether dir is a bag (has bagit.txt) rather than a
// content folder.
func IsBundle(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, bagitFile))
	return err == nil && info.Mode().IsRegular()
}

// bundleProfile is the part of content-profile.json the page shows.
type bundleProfile struct {
	Catalog   manifest.Catalog `json:"catalog"`
	Creator   manifest.Creator `json:"creator"`
	Checklist struct {
		Policy map[string]string `json:"policy"`
	} `json:"redaction_checklist"`
	Excluded   []manifest.ExcludedFile `json:"excluded"`
	Provenance struct {
		Created string `json:"created"`
	} `json:"provenance"`
	Licence manifest.Licence `json:"licence_offer"`
}

// ReadBundle builds the page from a bundle made by consign pack: the
// profile and the licence offer from content-profile.json, the files and
// findings streamed from files.jsonl and findings.jsonl. name is how the
// page names the bundle.
func ReadBundle(dir, name string) (*Builder, error) {
	if !IsBundle(dir) {
		return nil, fmt.Errorf("%s: %w (no %s)", dir, ErrNotBundle, bagitFile)
	}
	bp, err := readContentProfile(filepath.Join(dir, filepath.FromSlash(contentProfileFile)))
	if err != nil {
		return nil, err
	}
	src := Source{Name: name, Bundle: true}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(provenanceFile))); err == nil {
		src.Signed = true
	}
	if t, err := time.Parse(time.RFC3339, bp.Provenance.Created); err == nil {
		src.Created = t
	}
	p := &manifest.Profile{Creator: bp.Creator, Catalog: bp.Catalog, Licence: bp.Licence, Redaction: bp.Checklist.Policy}
	b := NewBuilder(p, src)
	for _, x := range bp.Excluded {
		b.Exclude(x.Path, "left out of the bundle: "+x.Reason)
	}
	if err := b.readRecords(dir); err != nil {
		return nil, err
	}
	return b, nil
}

func readContentProfile(path string) (*bundleProfile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle content profile: %w", err)
	}
	defer f.Close()
	bp := &bundleProfile{}
	if err := json.NewDecoder(f).Decode(bp); err != nil {
		return nil, fmt.Errorf("read bundle content profile %s: %w", path, err)
	}
	return bp, nil
}

// readRecords joins files.jsonl and findings.jsonl, both sorted by path,
// so that each record is counted with its findings and neither file is
// held in memory. Findings of files the bundle left out go on the
// checklist only.
func (b *Builder) readRecords(dir string) error {
	recs, err := openLines(dir, manifest.FilesJSONL, true)
	if err != nil {
		return err
	}
	defer recs.close()
	finds, err := openLines(dir, manifest.FindingsJSONL, false)
	if err != nil {
		return err
	}
	defer finds.close()
	var next *detectors.Finding
	advance := func() error {
		next = nil
		var f detectors.Finding
		ok, err := finds.next(&f)
		if ok {
			next = &f
		}
		return err
	}
	if err := advance(); err != nil {
		return err
	}
	for {
		rec := &pipeline.Record{}
		ok, err := recs.next(rec)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		for next != nil && next.Path <= rec.Path {
			if next.Path == rec.Path {
				rec.Findings = append(rec.Findings, *next)
			} else {
				b.AddFindings([]detectors.Finding{*next})
			}
			if err := advance(); err != nil {
				return err
			}
		}
		b.Add(rec)
	}
	for next != nil {
		b.AddFindings([]detectors.Finding{*next})
		if err := advance(); err != nil {
			return err
		}
	}
	return nil
}

// lines decodes a JSON Lines file one value at a time.
type lines struct {
	name string
	f    *os.File
	dec  *json.Decoder
	n    int
}

// openLines opens a bundle's JSON Lines file; an optional one that is
// absent reads as empty.
func openLines(dir, name string, required bool) (*lines, error) {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) && !required {
		return &lines{name: name}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	// The name in messages says which bundle: a page may be made of
	// any number of them, and "metadata/files.jsonl" alone names none.
	return &lines{name: filepath.Join(dir, filepath.FromSlash(name)), f: f, dec: json.NewDecoder(f)}, nil
}

func (l *lines) next(v any) (bool, error) {
	if l.dec == nil {
		return false, nil
	}
	err := l.dec.Decode(v)
	if err == io.EOF {
		return false, nil
	}
	l.n++
	if err != nil {
		return false, fmt.Errorf("read %s line %d: %w", l.name, l.n, err)
	}
	return true, nil
}

func (l *lines) close() {
	if l.f != nil {
		l.f.Close()
	}
}
