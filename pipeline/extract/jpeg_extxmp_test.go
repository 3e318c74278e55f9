package extract

import (
	"context"
	"encoding/binary"
	"strings"
	"testing"
)

// extXMPSegments cuts packet into APP1 extended XMP segments of at most
// piece bytes, under guid.
func extXMPSegments(guid, packet string, piece int) [][]byte {
	var segs [][]byte
	for at := 0; at < len(packet); at += piece {
		body := append([]byte{}, jpegExtXMPSig...)
		body = append(body, guid...)
		body = binary.BigEndian.AppendUint32(body, uint32(len(packet)))
		body = binary.BigEndian.AppendUint32(body, uint32(at))
		body = append(body, packet[at:min(len(packet), at+piece)]...)
		segs = append(segs, jpegSegment(0xE1, body))
	}
	return segs
}

func TestJPEGExtendedXMP(t *testing.T) {
	const guid = "04B9E48040A30A6308713BD1E4223B41"
	main := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="` + guid + `"/></rdf:RDF></x:xmpmeta>`
	segs := extXMPSegments(guid, xmpPacket, 700)
	build := func(segs ...[]byte) []byte {
		parts := [][]byte{jpegSegment(0xE1, append(append([]byte{}, jpegXMPSig...), main...))}
		parts = append(parts, segs...)
		return jpegFile(append(parts, jpegFrame, jpegEOI)...)
	}
	// Pieces in any order make up the packet.
	res := runImage(t, bytesSource("photo.jpg", build(segs[2], segs[0], segs[1])))
	if got, _ := res.Field("xmp:dc:creator"); got != "Jane Creator; Bob Second" || len(res.Errors) > 0 {
		t.Errorf("dc:creator %q, errors %v", got, res.Errors)
	}
	// A piece missing: the packet is not read, and the file says so.
	var r Result
	Run(context.Background(), []Extractor{NewEXIF(), NewXMP()}, bytesSource("photo.jpg", build(segs[0], segs[2])), &r)
	if _, ok := r.Field("xmp:dc:creator"); ok || len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Error(), "do not make up") {
		t.Errorf("piece missing: errors %v", r.Errors)
	}
}
