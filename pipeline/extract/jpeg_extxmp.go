package extract

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// extendedXMP gathers the pieces of a JPEG's extended XMP packets, by
// GUID, in the order their first pieces come. Photoshop and Lightroom
// move what does not fit the main packet's segment there (the packet's
// xmpNote:HasExtendedXMP names the GUID), and with it often the
// properties that matter: the document history, the PDF author, the
// position.
type extendedXMP struct {
	packets map[string]*extPacket
	order   []string
}

type extPacket struct {
	size   uint32
	pieces []extPiece
	bad    bool // pieces disagree on the size, or one lies outside it
}

type extPiece struct {
	at  uint32 // offset in the packet
	src section
}

// add notes a segment whose bytes after the signature start with head;
// the segment's n bytes after the signature start at body.
func (e *extendedXMP) add(head []byte, body, n int64) {
	if len(head) < 40 || n < 40 {
		return
	}
	guid := string(head[:32])
	size, at := binary.BigEndian.Uint32(head[32:]), binary.BigEndian.Uint32(head[36:])
	if e.packets == nil {
		e.packets = map[string]*extPacket{}
	}
	p := e.packets[guid]
	if p == nil {
		if len(e.order) >= 8 { // a real file has one
			return
		}
		p = &extPacket{size: size}
		e.packets[guid] = p
		e.order = append(e.order, guid)
	}
	piece := extPiece{at: at, src: fileSection(body+40, n-40)}
	if size != p.size || uint64(at)+uint64(piece.src.n) > uint64(size) {
		p.bad = true
	}
	p.pieces = append(p.pieces, piece)
}

// assemble reads each complete packet into memory, within held bytes
// (what the image may still keep); a packet with pieces missing or out
// of place, or over the bound, is a problem, not read.
func (e *extendedXMP) assemble(src *Source, held int64) (packets [][]byte, problems []error) {
	for _, guid := range e.order {
		p := e.packets[guid]
		slices.SortFunc(p.pieces, func(x, y extPiece) int { return int(int64(x.at) - int64(y.at)) })
		var covered uint32
		for _, piece := range p.pieces {
			if !p.bad && piece.at == covered {
				covered += uint32(piece.src.n)
			}
		}
		switch {
		case p.bad || covered != p.size || p.size == 0:
			problems = append(problems, fmt.Errorf("jpeg extended xmp %q: pieces do not make up its %d bytes", guid, p.size))
			continue
		case int64(p.size) > maxXMPSize || int64(p.size) > held:
			problems = append(problems, fmt.Errorf("jpeg extended xmp %q of %d bytes: %w", guid, p.size, errHeldMeta))
			continue
		}
		buf := make([]byte, p.size)
		ok := true
		for _, piece := range p.pieces {
			if _, err := src.R.ReadAt(buf[piece.at:int64(piece.at)+piece.src.n], piece.src.off); err != nil {
				problems = append(problems, fmt.Errorf("read jpeg extended xmp at offset %d: %w", piece.src.off, err))
				ok = false
				break
			}
		}
		if ok {
			held -= int64(p.size)
			packets = append(packets, buf)
		}
	}
	return packets, problems
}

// shift moves the pieces by off, for a JPEG read inside another file.
func (e *extendedXMP) shift(off int64) {
	for _, p := range e.packets {
		for i := range p.pieces {
			p.pieces[i].src.off += off
		}
	}
}
