package extract

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fuzzExtractor runs ex over data as the pipeline would (name and media
// type given) and checks the fuzz properties: no parser panic, memory
// bounded by limit, and field values and dates within range.
func fuzzExtractor(t *testing.T, ex Extractor, name, mediaType string, data []byte, limit uint64) {
	t.Helper()
	var res *Result
	n := allocDuring(func() { res = runExtractor(t, ex, name, mediaType, data) })
	for _, err := range res.Errors {
		if strings.Contains(err.Error(), "parser panic") {
			t.Fatalf("%d bytes: %v", len(data), err)
		}
	}
	if n > limit {
		t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
	}
	checkValues(t, res)
}

// FuzzRIFF feeds arbitrary chunk lists to the WAV / AVI extractor.
func FuzzRIFF(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "samples", "tone.wav")); err == nil && len(b) > 12 {
		f.Add(false, fuzzSeed(b[12:]))
	}
	avih := make([]byte, 56)
	binary.LittleEndian.PutUint32(avih[0:], 40000)
	binary.LittleEndian.PutUint32(avih[16:], 75)
	binary.LittleEndian.PutUint32(avih[32:], 640)
	binary.LittleEndian.PutUint32(avih[36:], 480)
	f.Add(false, append(chunk("fmt ", wavFmt(8000, 16000)), info("INAM", "Song", "IART", "Ana", "ICRD", "2021-05-04", "ICMT", "caf\xe9")...))
	f.Add(true, chunk("LIST", append([]byte("hdrl"), chunk("avih", avih)...)))
	f.Add(false, []byte("data\xff\xff\xff\xffLIST\x04\x00\x00\x00INFO"))
	f.Fuzz(func(t *testing.T, avi bool, body []byte) {
		form, name, mt := "WAVE", "f.wav", "audio/wav"
		if avi {
			form, name, mt = "AVI ", "f.avi", "video/x-msvideo"
		}
		data := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body)+4))
		data = append(append(data, form...), body...)
		fuzzExtractor(t, NewRIFF(), name, mt, data, 16<<20)
	})
}

// FuzzStructured feeds arbitrary bytes to the CSV, TSV, JSON and YAML
// labeller, and to the sniffer that picks it.
func FuzzStructured(f *testing.F) {
	f.Add(uint8(0), []byte("name,email,city\nAnn,ann@example.com,Paris\nBob,\"b@example.com\",\"Lyon,\nFrance\"\n"))
	f.Add(uint8(0), []byte("\xef\xbb\xbfa;b;c\r\n1;2;3\r\n\"x\"\"y"))
	f.Add(uint8(1), []byte("id\tname\n1\tx\n"))
	f.Add(uint8(2), []byte(`{"title":"x","nested":{"deep":[1,2,{"k":"v"}]},"list":[],"n":3}`))
	f.Add(uint8(2), []byte(`{"a":1,"b":[`))
	f.Add(uint8(3), []byte("_id: 3f2a\nname: Ann Example\nemail: ann@example.com\ndate: 2021-06-03T14:22:10Z\nmessage: |\n  Lovely post!\n"))
	f.Add(uint8(3), []byte("a: &x [1, 2]\nb: *x\nc: {d: *x}\ndate: !!timestamp 2001-12-14\n"))
	types := []struct{ name, mediaType string }{
		{"f.csv", "text/csv"},
		{"f.tsv", "text/tab-separated-values"},
		{"f.json", "application/json"},
		{"f.yaml", "application/yaml"},
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		typ := types[int(which)%len(types)]
		Sniff(typ.name, data[:min(len(data), HeadSize)])
		// A YAML node tree costs many times its input (maxYAMLParse).
		fuzzExtractor(t, NewStructured(), typ.name, typ.mediaType, data, 64<<20)
	})
}

// fuzzNames are the file names FuzzSniff and FuzzDefault give their
// input: an extension for each format the sniffer refines by name or an
// extractor reads, and none.
var fuzzNames = []string{"f", "f.jpg", "f.tif", "f.heic", "f.mp3", "f.flac", "f.m4a", "f.mov", "f.wav", "f.avi",
	"f.pdf", "f.docx", "f.xlsx", "f.odt", "f.epub", "f.rtf", "f.md", "f.html", "f.srt", "f.vtt", "f.csv", "f.json",
	"f.yaml", "f.gpx", "f.kml", "f.xmp", "f.txt", "f.fit"}

// addFileSeeds seeds f with the sample files and crashers, cut to limit
// bytes, each with the index of a name in fuzzNames.
func addFileSeeds(f *testing.F, limit int) {
	for _, pat := range []string{"testdata/samples/*", "testdata/crashers/*.bin"} {
		files, _ := filepath.Glob(pat)
		for i, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(i), b[:min(len(b), limit)])
		}
	}
	for i, s := range []string{
		"---\ntitle: x\nauthor: Ann\ndate: 2021-06-03\n---\n# Hi\nmail ann@example.com\n",
		"<html><head><meta name=author content=Ann><title>t</title></head><body><p>x</p></body></html>",
		"1\n00:00:01,000 --> 00:00:02,000\nHello\n",
		`<gpx><wpt lat="48.8" lon="2.3"><time>2021-06-03T14:22:10Z</time></wpt></gpx>`,
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>`,
	} {
		f.Add(uint8(i), []byte(s))
	}
}

// FuzzSniff: any head and name get a media type and one of the kinds.
func FuzzSniff(f *testing.F) {
	addFileSeeds(f, HeadSize)
	kinds := []string{KindText, KindDocument, KindImage, KindAudio, KindVideo, KindOther}
	f.Fuzz(func(t *testing.T, name uint8, head []byte) {
		head = head[:min(len(head), HeadSize)]
		mt, kind := Sniff(fuzzNames[int(name)%len(fuzzNames)], head)
		if mt == "" || !slices.Contains(kinds, kind) {
			t.Fatalf("media type %q, kind %q", mt, kind)
		}
	})
}

// FuzzDefault runs every extractor a scan runs over any file, named so
// that each applies: no parser panic, memory bounded, values in range.
func FuzzDefault(f *testing.F) {
	addFileSeeds(f, 16<<10)
	f.Fuzz(func(t *testing.T, name uint8, data []byte) {
		src := bytesSource(fuzzNames[int(name)%len(fuzzNames)], data)
		res := &Result{Sink: &collectSink{}}
		n := allocDuring(func() { Run(context.Background(), Default(), src, res) })
		for _, err := range res.Errors {
			if strings.Contains(err.Error(), "parser panic") {
				t.Fatalf("%s, %d bytes: %v", src.Path, len(data), err)
			}
		}
		if n > 128<<20 {
			t.Errorf("allocated %d bytes for the %d bytes of %s", n, len(data), src.Path)
		}
		checkValues(t, res)
	})
}
