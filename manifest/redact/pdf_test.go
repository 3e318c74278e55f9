package redact

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// pdfRevision is one revision of a PDF: the objects it writes (number ->
// body), the Info object its trailer names, and glue, which writes each
// object header straight after the previous "endobj" (as some writers
// do, and as a scan for headers at line starts does not find).
type pdfRevision struct {
	objects map[int]string
	info    int
	glue    bool
}

// pdfDoc writes a one-page PDF and its incremental updates, each with its
// own cross-reference table and trailer.
func pdfDoc(revs ...pdfRevision) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	prev, size := -1, 0
	for ri, rev := range revs {
		objs := rev.objects
		if ri == 0 {
			objs = map[int]string{1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"}
			for n, body := range rev.objects {
				objs[n] = body
			}
		}
		nums := make([]int, 0, len(objs))
		for n := range objs {
			nums = append(nums, n)
			size = max(size, n+1)
		}
		slices.Sort(nums)
		offs := map[int]int{}
		for _, n := range nums {
			if rev.glue {
				b.WriteString("endobj")
			}
			offs[n] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
		}
		xref := b.Len()
		b.WriteString("xref\n0 1\n0000000000 65535 f \n")
		for _, n := range nums {
			fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offs[n])
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R", size, rev.info)
		if prev >= 0 {
			fmt.Fprintf(&b, " /Prev %d", prev)
		}
		fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
		prev = xref
	}
	return b.Bytes()
}

func TestPDFInfo(t *testing.T) {
	const info = "<< /Title (Harbour) /Author (Jane Doe \\(editor\\)) /Producer (LibreOffice) >>"
	for name, c := range map[string]struct {
		file    []byte
		removed bool
	}{
		"one revision": {pdfDoc(pdfRevision{objects: map[int]string{5: info}, info: 5}), true},
		"an update that writes the dictionary again": {pdfDoc(pdfRevision{objects: map[int]string{5: info}, info: 5},
			pdfRevision{objects: map[int]string{6: strings.Replace(info, "Harbour", "Harbour, second edition", 1)}, info: 6}), true},
		"the author in an object of its own": {pdfDoc(pdfRevision{objects: map[int]string{
			5: "<< /Title (Harbour) /Author 7 0 R /Producer (LibreOffice) >>", 7: "<FEFF004A0061006E006500200044006F0065>"}, info: 5}), true},
		"the current dictionary where a scan does not find it": {pdfDoc(pdfRevision{objects: map[int]string{5: info}, info: 5},
			pdfRevision{objects: map[int]string{6: info}, info: 6, glue: true}), false},
	} {
		t.Run(name, func(t *testing.T) {
			s := Strip{Fields: []string{"pdf:Author"}}
			out, rep := redactBytes(t, c.file, "application/pdf", s)
			if len(out) != len(c.file) {
				t.Fatalf("copy of %d bytes, input %d", len(out), len(c.file))
			}
			before, after := fieldValues(t, "a.pdf", c.file), fieldValues(t, "a.pdf", out)
			if !c.removed {
				if rep.Removed("pdf:Author") || after["pdf:Author"] == "" {
					t.Fatalf("report %+v, copy's author %q: a dictionary left in place must be reported kept", rep, after["pdf:Author"])
				}
				return
			}
			checkFields(t, before, after, rep, s.Fields, []string{"pdf:Title", "pdf:Producer"})
			if bytes.Contains(out, []byte("Jane Doe")) || bytes.Contains(out, []byte("004A0061006E0065")) {
				t.Errorf("the copy still holds the author:\n%s", out)
			}
			if m, _ := extract.ReadPDFMetadata(bytes.NewReader(out), int64(len(out))); m == nil || m.Info["pdf:Title"] == "" {
				t.Errorf("the copy's info dictionary lost its title: %v", m)
			}
		})
	}
}

// pdfWithXMP is a PDF whose catalog's metadata stream holds packet,
// deflated when compress is set.
func pdfWithXMP(t testing.TB, packet string, compress bool) []byte {
	t.Helper()
	data, filter := []byte(packet), ""
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	stream := fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d%s >>\nstream\n%s\nendstream", len(data), filter, data)
	return pdfDoc(pdfRevision{objects: map[int]string{1: "<< /Type /Catalog /Pages 2 0 R /Metadata 8 0 R >>",
		5: "<< /Title (Harbour) >>", 8: stream}, info: 5})
}

func TestPDFXMP(t *testing.T) {
	packet := strings.Replace(xmpPacket, "<dc:creator>", `<pdf:Author xmlns:pdf="http://ns.adobe.com/pdf/1.3/">Jane Doe</pdf:Author><dc:creator>`, 1)
	s := Strip{Fields: []string{"xmp:dc:creator", "xmp:pdf:Author"}}
	file := pdfWithXMP(t, packet, false)
	out, rep := redactBytes(t, file, "application/pdf", s)
	if len(out) != len(file) {
		t.Fatalf("copy of %d bytes, input %d", len(out), len(file))
	}
	md, err := extract.ReadPDFMetadata(bytes.NewReader(out), int64(len(out)))
	if err != nil || md.XMP["xmp:dc:creator"] || md.XMP["xmp:pdf:Author"] || !md.XMP["xmp:exif:GPSAltitude"] {
		t.Errorf("the copy's XMP has %v (%v)", md, err)
	}
	for _, f := range s.Fields {
		if !rep.Removed(f) {
			t.Errorf("report %+v: %s not removed", rep, f)
		}
	}

	// Deflated, the stream is inflated, blanked and deflated again to its
	// length: /Length and the cross-reference offsets stay.
	file = pdfWithXMP(t, packet, true)
	if md, err := extract.ReadPDFMetadata(bytes.NewReader(file), int64(len(file))); err != nil || !md.XMP["xmp:dc:creator"] {
		t.Fatalf("the fixture's compressed XMP does not read: %v %v", md, err)
	}
	out, rep = redactBytes(t, file, "application/pdf", s)
	if len(out) != len(file) {
		t.Fatalf("copy of %d bytes, input %d", len(out), len(file))
	}
	md, err = extract.ReadPDFMetadata(bytes.NewReader(out), int64(len(out)))
	if err != nil || md.XMP["xmp:dc:creator"] || md.XMP["xmp:pdf:Author"] || !md.XMP["xmp:exif:GPSAltitude"] || md.Info["pdf:Title"] != "Harbour" {
		t.Errorf("the copy's compressed XMP has %v (%v)", md, err)
	}
	for _, f := range s.Fields {
		if !rep.Removed(f) {
			t.Errorf("report %+v: %s not removed from the compressed stream", rep, f)
		}
	}
}

// TestDeflateTo: a packet blanked in a compressed stream is deflated again
// to exactly the stream's old length, and inflates to the blanked packet.
func TestDeflateTo(t *testing.T) {
	packet := []byte(xmpPacket + strings.Repeat(" ", 2000) + `<?xpacket end="w"?>`)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write(packet)
	zw.Close()
	blanked := bytes.Replace(packet, []byte("Jane Doe"), []byte("        "), 1)
	for _, n := range []int{z.Len(), z.Len() + 1, z.Len() + 37, len(packet)} {
		out, ok := deflateTo(blanked, n)
		if !ok || len(out) != n || !inflatesTo(out, blanked) {
			t.Errorf("deflateTo(%d): %d bytes, ok %v", n, len(out), ok)
		}
	}
	if _, ok := deflateTo(blanked, 10); ok {
		t.Error("deflateTo fitted a packet into 10 bytes")
	}
}
