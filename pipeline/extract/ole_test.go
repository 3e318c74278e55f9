package extract

import (
	"bytes"
	"context"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func wordDoc() []byte { return filetest.WordDoc() }

func TestOLEProperties(t *testing.T) {
	src := bytesSource("novel.doc", wordDoc())
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	for field, want := range map[string]string{
		"doc:dc:creator": "Ann Writer", "doc:cp:lastModifiedBy": "Bob Editor", "doc:dc:title": "Chapter One",
		"doc:app:Company": "Small Press Ltd", "doc:app:Manager": "Carol Boss", "doc:app:Application": "Microsoft Word 10.0",
		"doc:dcterms:created": "2003-04-05T06:07:08Z",
	} {
		if got, _ := res.Field(field); got != want {
			t.Errorf("%s = %q, want %q (media type %s)", field, got, want, src.MediaType)
		}
	}
	if res.Tags["author"] != "Ann Writer" || res.Tags["last_modified_by"] != "Bob Editor" {
		t.Errorf("tags %v", res.Tags)
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2003-04-05T06:07:08Z" {
		t.Errorf("content date %v", d)
	}
}

func TestOLEDamaged(t *testing.T) {
	doc := wordDoc()
	bad := bytes.Clone(doc)
	copy(bad[512*3+44:], []byte{0xFF, 0xFF, 0xFF, 0x7F}) // the property set's offset, past the stream
	var res Result
	Run(context.Background(), []Extractor{NewOLE()}, bytesSource("bad.doc", bad), &res)
	if len(res.Errors) == 0 || bytes.Contains([]byte(res.Errors[0].Error()), []byte("panic")) {
		t.Errorf("a property set pointing past its stream: errors %v", res.Errors)
	}
	res = Result{}
	Run(context.Background(), []Extractor{NewOLE()}, bytesSource("cut.doc", doc[:600]), &res)
	if len(res.Errors) == 0 {
		t.Error("a compound file cut short: no error")
	}
}

func TestOLECorpus(t *testing.T) {
	_, res := corpusSample(t, "FlashPix.ppt")
	// exiftool: Author "author", LastModifiedBy "user name", Company "company", CreateDate 2007:02:09 16:23:23.
	for field, want := range map[string]string{"ppt:dc:creator": "author", "ppt:cp:lastModifiedBy": "user name", "ppt:app:Company": "company"} {
		if got, _ := res.Field(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2007-02-09T16:23:23Z" || len(res.Errors) > 0 {
		t.Errorf("date %v, errors %v", d, res.Errors)
	}
}

// FuzzOLE feeds compound files to the property set reader: a panic in
// the libraries is recovered by Run, and is a failure here.
func FuzzOLE(f *testing.F) {
	f.Add(wordDoc())
	f.Fuzz(func(t *testing.T, data []byte) {
		src := bytesSource("f.doc", data)
		src.Head = append(append([]byte{}, oleSignature...), data[min(len(data), 8):min(len(data), HeadSize)]...)
		var res Result
		n := allocDuring(func() { Run(context.Background(), []Extractor{NewOLE()}, src, &res) })
		for _, err := range res.Errors {
			if bytes.Contains([]byte(err.Error()), []byte("parser panic")) {
				t.Fatal(err)
			}
		}
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
		}
		checkValues(t, &res)
	})
}
