package redact

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// redactPDF removes the Info dictionary keys ("pdf:Author") and the XMP
// properties ("xmp:dc:creator") s.Fields names from a PDF in place. Info
// keys: each key and its value become spaces, in every
// revision's Info dictionary written as a plain object, and a string
// object a key pointed at is blanked too. Nothing moves, so the
// cross-reference offsets stay valid. The edited file is then read as the
// PDF extractor reads it: a key it still finds (a dictionary in a
// compressed object stream) is reported kept, not removed.
func redactPDF(j *job) error {
	if err := redactPDFInfo(j); err != nil {
		return err
	}
	return redactPDFXMP(j)
}

// redactPDFXMP blanks the XMP properties s.Fields names in every packet
// written uncompressed in the PDF (the metadata stream, as most writers
// leave it for tools that do not read PDF), then reads the XMP as the
// extractors do through the edits: a property still found (in a
// compressed stream) is reported kept.
func redactPDFXMP(j *job) error {
	var want []string
	for _, f := range j.strip.Fields {
		if strings.HasPrefix(f, "xmp:") {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		return nil
	}
	if err := j.scanXMPAll(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	left, err := extract.PDFXMPFields(&editedReader{r: j.r, edits: sortedEdits(j.edits)}, j.size)
	if err != nil {
		return fmt.Errorf("pdf: read the redacted xmp: %w", err)
	}
	for _, f := range want {
		top, _, _ := strings.Cut(f, "/")
		for name := range left {
			if name == top || strings.HasPrefix(name, top+"/") {
				j.rep.kept(f + " kept: in a metadata stream pack cannot edit in place")
				break
			}
		}
	}
	return nil
}

// redactPDFInfo removes the Info dictionary keys s.Fields names.
func redactPDFInfo(j *job) error {
	var want []string
	for _, f := range j.strip.Fields {
		if strings.HasPrefix(f, "pdf:") {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		return nil
	}
	entries, err := extract.LocatePDFInfo(j.r, j.size)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	planned := map[string]bool{}
	for _, e := range entries {
		if !j.strip.field(e.Field) {
			continue
		}
		j.add(patch(e.Span.Off, bytes.Repeat([]byte{' '}, int(e.Span.N))))
		if e.Target.Off >= 0 && e.Target.N > 0 {
			j.add(patch(e.Target.Off, blankedPDFValue(j.r, e.Target)))
		}
		planned[e.Field] = true
	}
	if len(planned) == 0 {
		return nil
	}
	info, err := extract.PDFInfo(&editedReader{r: j.r, edits: sortedEdits(j.edits)}, j.size)
	if err != nil {
		return fmt.Errorf("pdf: read the redacted info dictionary: %w", err)
	}
	for _, f := range want {
		switch {
		case !planned[f]:
		case strings.TrimSpace(info[f]) != "":
			j.rep.kept(f + " kept: in an info dictionary pack cannot edit in place")
		default:
			j.rep.applied(f + " removed")
		}
	}
	return nil
}

// blankedPDFValue is the value at fr (a string object an Info key pointed
// at) emptied in place: a literal string keeps its parentheses, a hex
// string its angle brackets, with spaces between; another value becomes
// the empty string followed by spaces.
func blankedPDFValue(r io.ReaderAt, fr extract.FileRange) []byte {
	out := bytes.Repeat([]byte{' '}, int(fr.N))
	var first [1]byte
	if _, err := r.ReadAt(first[:], fr.Off); err == nil && fr.N >= 2 {
		switch first[0] {
		case '(':
			out[0], out[fr.N-1] = '(', ')'
		case '<':
			out[0], out[fr.N-1] = '<', '>'
		default:
			out[0], out[1] = '(', ')'
		}
	}
	return out
}

// sortedEdits returns edits sorted by offset, for editedReader.
func sortedEdits(edits []edit) []edit {
	out := append([]edit(nil), edits...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].off < out[b].off })
	return out
}

// editedReader reads r as it will be with in-place edits applied (the
// edits sorted by offset), so a redaction can be checked before anything
// is written.
type editedReader struct {
	r     io.ReaderAt
	edits []edit
}

func (e *editedReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := e.r.ReadAt(p, off)
	end := off + int64(n)
	i := sort.Search(len(e.edits), func(i int) bool { return e.edits[i].off+e.edits[i].n > off })
	for ; i < len(e.edits) && e.edits[i].off < end; i++ {
		ed := e.edits[i]
		for k := max(ed.off, off); k < min(ed.off+ed.n, end); k++ {
			var c byte
			if !ed.zero {
				c = ed.data[k-ed.off]
			}
			p[k-off] = c
		}
	}
	return n, err
}
