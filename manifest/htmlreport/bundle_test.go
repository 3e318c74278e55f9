package htmlreport

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
)

// writeBundle lays out the metadata of a bundle as consign pack writes
// it: records without their findings, findings apart, both by path.
func writeBundle(t *testing.T, signed bool) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var files, finds strings.Builder
	for _, r := range sampleRecords(2) {
		if r.Path == "a/stock.jpg" {
			continue // left out by pack
		}
		for _, f := range r.Findings {
			if f.Kind == "gps_location" {
				f.Redaction = "remove"
			}
			line, _ := json.Marshal(f)
			finds.Write(append(line, '\n'))
		}
		line, _ := json.Marshal(r)
		files.Write(append(line, '\n'))
	}
	// A finding of a file pack left out sorts before the records after it.
	orphan, _ := json.Marshal(detectors.Finding{ID: "x1", Path: "a/left-out.txt", Category: "pii", Kind: "iban", Severity: "high", Status: "open", Redaction: "exclude"})
	findings := string(orphan) + "\n" + finds.String()
	write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
	write("metadata/files.jsonl", files.String())
	write("metadata/findings.jsonl", sortLines(findings))
	write("metadata/content-profile.json", `{"catalog":{"title":"Coast"},"creator":{"name":"Jane Doe"},
		"redaction_checklist":{"policy":{"iban":"exclude"},"items":[]},
		"excluded":[{"path":"a/left-out.txt","reason":"iban finding x1: the redaction policy excludes the file"}],
		"provenance":{"created":"2023-11-14T22:13:20Z"},
		"licence_offer":{"uses":["training"],"commercial":false}}`)
	if signed {
		write("provenance/bag.intoto.jsonl", "{}\n")
	}
	return dir
}

// sortLines orders findings by path, as pack writes them.
func sortLines(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	type keyed struct{ path, line string }
	var ks []keyed
	for _, l := range lines {
		var f detectors.Finding
		_ = json.Unmarshal([]byte(l), &f)
		ks = append(ks, keyed{f.Path, l})
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].path < ks[j-1].path; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	var b strings.Builder
	for _, k := range ks {
		b.WriteString(k.line + "\n")
	}
	return b.String()
}

func TestReadBundle(t *testing.T) {
	for _, signed := range []bool{true, false} {
		name := map[bool]string{true: "signed", false: "unsigned"}[signed]
		t.Run(name, func(t *testing.T) {
			b, err := ReadBundle(writeBundle(t, signed), "bundle")
			if err != nil {
				t.Fatal(err)
			}
			m := b.Model(time.Time{})
			if m.Title != "Coast" || m.Files != 5 || !m.Source.Bundle || m.Source.Signed != signed {
				t.Fatalf("title %q files %d source %+v", m.Title, m.Files, m.Source)
			}
			if m.Date != "2023-11-14 22:13 UTC" {
				t.Errorf("date %q, want the bundle's creation time", m.Date)
			}
			status := map[string]int{}
			for _, c := range m.ByStatus {
				status[c.Name] = c.N
			}
			// The bundle's policy names no "keep": the person name stays
			// open; the creator's own detail is accepted.
			if status["applied"] != 2 || status["open"] != 3 || status["accepted"] != 1 || status["ignored"] != 1 {
				t.Errorf("by status %v", status)
			}
			if m.Excluded[0].Path != "a/left-out.txt" || !strings.HasPrefix(m.Excluded[0].Reason, "left out of the bundle") {
				t.Errorf("excluded %+v", m.Excluded)
			}
			proven := m.Score.Parts[4]
			if want := map[bool]int{true: 5, false: 1}[signed]; proven.Have != want {
				t.Errorf("provenance %d/%d, want %d", proven.Have, proven.Of, want)
			}
			// The gps finding was removed by pack: beach.jpg is clear of PII.
			if pii := m.Score.Parts[2]; pii.Have != 3 {
				t.Errorf("PII clear %d/%d, want 3", pii.Have, pii.Of)
			}
		})
	}
}

func TestReadBundleErrors(t *testing.T) {
	t.Run("a folder", func(t *testing.T) {
		if _, err := ReadBundle(t.TempDir(), "x"); !errors.Is(err, ErrNotBundle) {
			t.Errorf("err %v, want ErrNotBundle", err)
		}
	})
	t.Run("bad files.jsonl", func(t *testing.T) {
		dir := writeBundle(t, true)
		if err := os.WriteFile(filepath.Join(dir, "metadata", "files.jsonl"), []byte("{\"path\":\"a\"}\n{oops\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadBundle(dir, "x")
		if err == nil || !strings.Contains(err.Error(), filepath.FromSlash("metadata/files.jsonl")+" line 2") {
			t.Errorf("err %v, want the line named", err)
		}
	})
	t.Run("no content profile", func(t *testing.T) {
		dir := writeBundle(t, true)
		os.Remove(filepath.Join(dir, "metadata", "content-profile.json"))
		if _, err := ReadBundle(dir, "x"); err == nil {
			t.Error("no error without content-profile.json")
		}
	})
}
