package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// XMP parses the XMP packets of a file: those container extractors handed
// over in Result.XMP, those it finds itself in JPEG, TIFF, PNG, WebP and
// HEIF images, and, when neither gave any, packets found by scanning the
// head and tail of the file (or the whole of an .xmp sidecar), or the RDF
// of an SVG's metadata element (see extractSVGMetadata). Every
// property becomes a field "xmp:<prefix>:<Name>" under the namespace's
// conventional prefix, so rights detectors can read plus:DataMining,
// Iptc4xmpExt:DigitalSourceType or xmpRights:UsageTerms directly.
type XMP struct{}

var _ Extractor = XMP{}

// NewXMP returns the XMP extractor. It must run after the container
// extractors that fill Result.XMP.
func NewXMP() Extractor { return XMP{} }

// Name implements Extractor.
func (XMP) Name() string { return "xmp" }

// Markers that open an XMP packet; "xapmeta" is what writers before 2002
// emitted.
var xmpOpenMarkers = [][]byte{[]byte("<x:xmpmeta"), []byte("<x:xapmeta")}

// Applies implements Extractor. Applies sees only the source, not the
// packets other extractors found, so it takes every kind of file that can
// carry XMP, and text whose head shows a packet.
func (XMP) Applies(src *Source) bool {
	switch src.Kind {
	case KindImage, KindDocument, KindAudio, KindVideo:
		return true
	}
	return src.MediaType == "application/rdf+xml" || containsXMPMarker(src.Head)
}

// containsXMPMarker says whether b holds one of xmpOpenMarkers. The two
// start alike, and one pass looks for what they share: every file that
// is not media has its head searched.
func containsXMPMarker(b []byte) bool {
	const shared = len("<x:x")
	for {
		i := bytes.Index(b, xmpOpenMarkers[0][:shared])
		if i < 0 {
			return false
		}
		b = b[i:]
		for _, m := range xmpOpenMarkers {
			if bytes.HasPrefix(b, m) {
				return true
			}
		}
		b = b[shared:]
	}
}

// xmpTailScan is how much of the end of a file the fallback scan reads:
// some writers append the packet after the media data.
const xmpTailScan = 64 << 10

// Extract implements Extractor.
func (XMP) Extract(ctx context.Context, src *Source, res *Result) error {
	packets := append([][]byte(nil), res.XMP...)
	if imageFormat(src.Head) != "" {
		blocks, _ := locateImageBlocks(src) // structural errors are the exif extractor's to report
		for _, s := range blocks.xmp {
			b, err := s.bytes(src, maxXMPSize)
			if err != nil {
				res.Errorf("xmp: %w", err)
				continue
			}
			packets = append(packets, b)
		}
		ext, problems := blocks.ext.assemble(src, blocks.heldLeft())
		for _, p := range problems {
			res.Errorf("xmp: %w", p)
		}
		packets = append(packets, ext...)
	}
	if len(packets) == 0 && src.MediaType == "image/svg+xml" {
		return extractSVGMetadata(src, res)
	}
	if len(packets) == 0 {
		found, err := scanForXMP(src)
		if err != nil {
			return err
		}
		packets = found
	}
	var firstErr error
	for i, pkt := range dedupePackets(packets) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		props, err := parseXMP(pkt)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("packet %d: %w", i+1, err)
		}
		recordXMP(src, props, res)
	}
	return firstErr
}

// scanForXMP finds packets by their markers in the head and the tail of
// the file, or takes a whole sidecar file.
func scanForXMP(src *Source) ([][]byte, error) {
	if src.MediaType == "application/rdf+xml" && src.Size <= maxXMPSize {
		b, err := fileSection(0, src.Size).bytes(src, maxXMPSize)
		if err != nil {
			return nil, fmt.Errorf("read xmp sidecar: %w", err)
		}
		return [][]byte{b}, nil
	}
	packets := findXMPPackets(src.Head)
	if src.Size > int64(len(src.Head)) {
		off := max(int64(len(src.Head)), src.Size-xmpTailScan)
		tail, err := fileSection(off, src.Size-off).bytes(src, xmpTailScan)
		if err != nil {
			return packets, fmt.Errorf("read file tail: %w", err)
		}
		packets = append(packets, findXMPPackets(tail)...)
	}
	return packets, nil
}

// findXMPPackets returns every complete <x:xmpmeta>...</x:xmpmeta> in b.
func findXMPPackets(b []byte) [][]byte {
	var out [][]byte
	for _, open := range xmpOpenMarkers {
		closing := []byte("</" + string(open[1:]) + ">")
		for rest := b; len(out) < maxXMPPackets; {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			j := bytes.Index(rest[i:], closing)
			if j < 0 {
				break
			}
			out = append(out, rest[i:i+j+len(closing)])
			rest = rest[i+j+len(closing):]
		}
	}
	return out
}

// dedupePackets drops packets seen before: a container extractor and
// this one's own walk may both find the same APP1 segment.
func dedupePackets(packets [][]byte) [][]byte {
	var out [][]byte
	for _, p := range packets {
		p = bytes.TrimSpace(p)
		dup := len(p) == 0
		for _, q := range out {
			dup = dup || bytes.Equal(p, q)
		}
		if !dup && len(out) < maxXMPPackets {
			out = append(out, p)
		}
	}
	return out
}

// recordXMP adds the packet's properties as fields (repeated values of
// one property joined with "; "), then the tags and dates they give.
func recordXMP(src *Source, props []xmpProp, res *Result) {
	joined := map[string]*joinedValues{}
	var order []string
	for _, p := range props {
		j := joined[p.path]
		switch {
		case j == nil:
			order = append(order, p.path)
			joined[p.path] = &joinedValues{vals: []string{p.value}, n: len(p.value)}
		case j.n < maxValueLen && !j.contains(p.value):
			j.vals = append(j.vals, p.value)
			j.n += len("; ") + len(p.value)
		}
	}
	values := make(map[string]string, len(order))
	for _, path := range order {
		v := strings.Join(joined[path].vals, "; ")
		values[path] = v
		res.AddField("xmp:"+path, v)
	}
	recordXMPFaces(props, res)
	recordXMPTags(src, values, res)
	recordXMPDates(values, res)
}

// joinedValues are the values of one property kept so far, which the
// field joins with "; ", and n the length of that join. A property with
// many values (an edit history of hundreds of steps) is joined once, not
// again for every value.
type joinedValues struct {
	vals []string
	n    int
}

// contains says whether v is one of the parts the join of j's values
// splits into at "; ": a value holding "; " is two parts of the join.
func (j *joinedValues) contains(v string) bool {
	for _, s := range j.vals {
		for {
			part, rest, more := strings.Cut(s, "; ")
			if part == v {
				return true
			}
			if !more {
				break
			}
			s = rest
		}
	}
	return false
}

// svgRDFEnd closes the RDF of an SVG's metadata element.
var svgRDFEnd = []byte("</rdf:RDF>")

// extractSVGMetadata reads the RDF an SVG keeps in its metadata element,
// as the SVG specification shows and Inkscape writes it
// (<metadata><rdf:RDF><cc:Work rdf:about="">...): the same Dublin Core
// and Creative Commons properties as an XMP packet, but with no
// x:xmpmeta around them, and with their namespaces often declared on
// the svg element. The document is read from its start to the end of
// its first rdf:RDF, at most maxXMPSize bytes.
func extractSVGMetadata(src *Source, res *Result) error {
	doc := src.Head
	end := bytes.Index(doc, svgRDFEnd)
	if end < 0 && src.Size > int64(len(doc)) {
		b, err := fileSection(0, min(src.Size, maxXMPSize)).bytes(src, maxXMPSize)
		if err != nil {
			return fmt.Errorf("read svg metadata: %w", err)
		}
		doc, end = b, bytes.Index(b, svgRDFEnd)
	}
	if end < 0 {
		return nil
	}
	props, err := parseRDF(doc[:end+len(svgRDFEnd)], true)
	recordXMP(src, props, res)
	if err != nil {
		return fmt.Errorf("svg metadata: %w", err)
	}
	return nil
}
