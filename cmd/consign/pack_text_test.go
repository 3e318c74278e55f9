package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackMasksDocumentText packs a Word document whose body gives a
// person's name, email address and phone number, the name split across
// two runs as Word writes a word it has checked, and a web page that
// gives them too, in its text, its author meta and a mailto: link,
// under a policy that removes names and masks the rest: the findings in
// the text say "mask", the bundle's copies hold none of the values, a
// scan of the bundle finds none of them, and the originals are
// unchanged.
func TestPackMasksDocumentText(t *testing.T) {
	dir := t.TempDir()
	doc := zipOf(t, [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>The harbour at dawn was quiet and grey.</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">For the rights, write to Margaret Thorn</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>bury at margaret.thornbury@example.org or call +44 20 7946 0018.</w:t></w:r></w:p>` +
			`</w:body></w:document>`},
	})
	docPath := filepath.Join(dir, "harbour.docx")
	if err := os.WriteFile(docPath, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	page := "<!DOCTYPE html><html><head><title>Harbour</title><meta name=\"author\" content=\"Margaret Thornbury\"></head><body><p>The harbour at dawn.</p>\n" +
		"<p>Rights: Margaret <em>Thornbury</em>,\n   margaret.thornbury&#64;example.org, +44&nbsp;20 7946 0018.</p>" +
		"<p><a href=\"mailto:rights@thornbury.example.org\">Write</a></p></body></html>"
	if err := os.WriteFile(filepath.Join(dir, "harbour.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	out := packWithPolicy(t, dir, "creator:\n  name: Ada Quill\nredaction:\n  person_name: remove\n  email: mask\n  phone: mask\n")

	findings, _ := os.ReadFile(filepath.Join(out, "metadata", "findings.jsonl"))
	kinds := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(findings)), "\n") {
		var f struct {
			Kind, Category, Redaction string
			Location                  struct{ In, Part string }
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		if f.Category != "pii" || f.Location.In != "text" {
			continue
		}
		kinds[f.Kind+" "+f.Location.Part] = true
		if f.Redaction != "mask" {
			t.Errorf("finding in the text not masked: %s", line)
		}
	}
	for _, k := range []string{"person_name", "email", "phone"} {
		for _, part := range []string{"word/document.xml", ""} {
			if !kinds[k+" "+part] {
				t.Errorf("no %s finding in the text of %q:\n%s", k, part, findings)
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "data", "harbour.html")); bytes.Contains(b, []byte("Thornbury")) || bytes.Contains(b, []byte("thornbury")) || !bytes.Contains(b, []byte("<p>The harbour at dawn.</p>")) {
		t.Errorf("bundled page:\n%s", b)
	}

	all := unzipAll(t, filepath.Join(out, "data", "harbour.docx"))
	for _, gone := range []string{"Margaret", "Thorn", "bury at", "example.org", "7946"} {
		if bytes.Contains(all, []byte(gone)) {
			t.Errorf("bundled copy still holds %q", gone)
		}
	}
	for _, kept := range []string{"The harbour at dawn", "For the rights, write to ", "<w:rPr><w:i/></w:rPr>"} {
		if !bytes.Contains(all, []byte(kept)) {
			t.Errorf("bundled copy lost %q", kept)
		}
	}
	var rescan bytes.Buffer
	if code := run([]string{"scan", filepath.Join(out, "data"), "--format", "jsonl", "--no-cache", "-q"}, &rescan, io.Discard); code != 0 {
		t.Fatalf("scan of the bundle exited %d", code)
	}
	for _, line := range strings.Split(rescan.String(), "\n") {
		if strings.Contains(line, `"category":"pii"`) {
			t.Errorf("the bundle's copy still gives %s", line)
		}
	}
	if orig, _ := os.ReadFile(docPath); !bytes.Equal(orig, doc) {
		t.Error("pack changed the original")
	}
	if code := run([]string{"verify", out}, io.Discard, io.Discard); code != 0 {
		t.Errorf("verify exited %d", code)
	}
}
