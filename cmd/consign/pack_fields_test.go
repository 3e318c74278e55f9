package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/manifest/sign"
)

// TestPackRemovesDocumentFields packs a Word document whose properties
// name its author and an editor and hold a client's phone number, under
// a policy that removes names and masks phone numbers: the bundle's copy
// has neither, the personal-data findings say "remove", the record drops the author
// tag, and the original is unchanged.
func TestPackRemovesDocumentFields(t *testing.T) {
	dir := t.TempDir()
	doc := zipOf(t, [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>The harbour at dawn was quiet and grey.</w:t></w:r></w:p></w:body></w:document>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Harbour</dc:title><dc:creator>Margaret Thornbury</dc:creator><cp:lastModifiedBy>Oliver Pennington</cp:lastModifiedBy></cp:coreProperties>`},
		{"docProps/custom.xml", `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Telephone number"><vt:lpwstr>+44 20 7946 0018</vt:lpwstr></property></Properties>`},
	})
	docPath := filepath.Join(dir, "harbour.docx")
	if err := os.WriteFile(docPath, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out := packWithPolicy(t, dir, "creator:\n  name: Ada Quill\nredaction:\n  person_name: remove\n  phone: mask\n")
	all := unzipAll(t, filepath.Join(out, "data", "harbour.docx"))
	for _, gone := range []string{"Margaret Thornbury", "Oliver Pennington", "7946"} {
		if bytes.Contains(all, []byte(gone)) {
			t.Errorf("bundled copy still holds %q", gone)
		}
	}
	for _, kept := range []string{"<dc:title>Harbour</dc:title>", "The harbour at dawn"} {
		if !bytes.Contains(all, []byte(kept)) {
			t.Errorf("bundled copy lost %q", kept)
		}
	}

	findings, _ := os.ReadFile(filepath.Join(out, "metadata", "findings.jsonl"))
	for _, field := range []string{"docx:dc:creator", "docx:cp:lastModifiedBy", "docx:custom:Telephone number"} {
		found := false
		for _, line := range strings.Split(string(findings), "\n") {
			// A rights finding in the same field (someone else's
			// work?) is about the file, not the field's value: the
			// policy for its kind decides, and it stays to review.
			if strings.Contains(line, `"field":"`+field+`"`) && strings.Contains(line, `"category":"pii"`) {
				found = true
				if !strings.Contains(line, `"redaction":"remove"`) {
					t.Errorf("finding in %s not removed: %s", field, line)
				}
			}
		}
		if !found {
			t.Errorf("no open finding in %s:\n%s", field, findings)
		}
	}
	files, _ := os.ReadFile(filepath.Join(out, "metadata", "files.jsonl"))
	if bytes.Contains(files, []byte(`"author"`)) || bytes.Contains(files, []byte(`"last_modified_by"`)) {
		t.Errorf("the copy's record keeps the removed author tags: %s", files)
	}
	if orig, _ := os.ReadFile(docPath); !bytes.Equal(orig, doc) {
		t.Error("pack changed the original")
	}
	if code := run([]string{"verify", out}, io.Discard, io.Discard); code != 0 {
		t.Errorf("verify exited %d", code)
	}
}

// zipOf is a zip file of parts, deflated.
func zipOf(t *testing.T, parts [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// packWithPolicy writes yaml as dir's consign.yaml and packs dir, signed
// with a new key, at a fixed SOURCE_DATE_EPOCH; it gives the bundle.
func packWithPolicy(t *testing.T, dir, yaml string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "consign.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	privPath, _, err := sign.GenerateKeyPair(filepath.Join(t.TempDir(), "keys"), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	out := filepath.Join(t.TempDir(), "out")
	var stderr strings.Builder
	if code := run([]string{"pack", dir, "-o", out, "--key", privPath, "--no-cache", "-q"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("pack exited %d: %s", code, stderr.String())
	}
	return out
}

// unzipAll is every entry of the zip file at path, inflated, end to end.
func unzipAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s is not a zip file: %v", path, err)
	}
	var all []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		all = append(all, b...)
	}
	return all
}
