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
// properties ("xmp:dc:creator") s.Fields names from a PDF in place. An
// Info key and its value become spaces in every revision's Info
// dictionary written as a plain object, and a string object the key
// pointed at is blanked too; XMP properties are blanked in every packet
// written uncompressed in the file (the metadata stream, as most writers
// leave it for tools that do not read PDF) and in every metadata stream
// compressed with FlateDecode, deflated again to its length
// (redactPDFMetadataStreams). Nothing moves, so the
// cross-reference offsets stay valid. The edited file is then read as
// the extractors read it: a key or property they still find (in a
// compressed object stream) is reported kept, not removed.
func redactPDF(j *job) error {
	var info, xmp []string
	for _, f := range j.strip.Fields {
		switch {
		case strings.HasPrefix(f, "pdf:"):
			info = append(info, f)
		case strings.HasPrefix(f, "xmp:"):
			xmp = append(xmp, f)
		}
	}
	planned := map[string]bool{}
	if len(info) > 0 {
		entries, err := extract.LocatePDFInfo(j.r, j.size)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
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
	}
	if len(xmp) > 0 {
		if err := j.scanXMPAll(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		if err := j.redactPDFMetadataStreams(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
	}
	if len(planned) == 0 && len(xmp) == 0 {
		return nil
	}
	left, err := extract.ReadPDFMetadata(&editedReader{r: j.r, edits: sortedEdits(j.edits)}, j.size)
	if err != nil {
		return fmt.Errorf("pdf: read the redacted metadata: %w", err)
	}
	for _, f := range info {
		switch {
		case !planned[f]:
		case strings.TrimSpace(left.Info[f]) != "":
			j.rep.kept(f + " kept: in an info dictionary pack cannot edit in place")
		default:
			j.rep.applied(f + " removed")
		}
	}
	for _, f := range xmp {
		top, _, _ := strings.Cut(f, "/")
		for name := range left.XMP {
			if name == top || strings.HasPrefix(name, top+"/") {
				j.rep.kept(f + " kept: in a metadata stream pack cannot edit in place")
				break
			}
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
