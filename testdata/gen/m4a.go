package main

import (
	"encoding/binary"
	"fmt"
	"time"
)

// m4aSpec is the iTunes-style metadata of a generated M4A file. Empty
// strings are left out of the ilst.
type m4aSpec struct {
	Created   time.Time // mvhd, tkhd and mdhd creation_time
	Duration  uint32    // milliseconds (timescale 1000)
	Title     string    // ©nam
	Artist    string    // ©ART
	Album     string    // ©alb
	Year      string    // ©day
	Comment   string    // ©cmt
	Genre     string    // ©gen
	Copyright string    // cprt
	Track     uint16    // trkn, 0 leaves it out
}

// mp4Epoch is the origin of MP4 timestamps (ISO/IEC 14496-12, 8.2.2).
var mp4Epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)

// box frames payload as an ISO BMFF box.
func box(typ string, payload ...[]byte) []byte {
	n := 8
	for _, p := range payload {
		n += len(p)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(n))
	out = append(out, typ...)
	for _, p := range payload {
		out = append(out, p...)
	}
	return out
}

// fullBox is a box whose payload starts with version and flags.
func fullBox(typ string, version byte, flags uint32, payload ...[]byte) []byte {
	vf := binary.BigEndian.AppendUint32(nil, uint32(version)<<24|flags&0xFFFFFF)
	return box(typ, append([][]byte{vf}, payload...)...)
}

// u32s packs big-endian 32-bit words.
func u32s(v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = binary.BigEndian.AppendUint32(b, x)
	}
	return b
}

// unityMatrix is the identity transformation matrix of mvhd and tkhd.
var unityMatrix = u32s(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)

// ilstItem is an iTunes metadata item holding one data box of the given
// class (1: UTF-8 text, 0: implicit binary such as trkn).
func ilstItem(name string, class uint32, value []byte) []byte {
	return box(name, box("data", u32s(class, 0), value))
}

// moov builds the movie box: mvhd, one sound track without samples, and
// the udta/meta/ilst tags.
func (s m4aSpec) moov() []byte {
	t := uint32(s.Created.Sub(mp4Epoch) / time.Second)
	mvhd := fullBox("mvhd", 0, 0,
		u32s(t, t, 1000, s.Duration, 0x00010000),
		[]byte{0x01, 0x00}, make([]byte, 10), // volume 1.0, reserved
		unityMatrix, make([]byte, 24), u32s(2)) // pre_defined, next_track_ID
	tkhd := fullBox("tkhd", 0, 7, // enabled, in movie, in preview
		u32s(t, t, 1, 0, s.Duration), make([]byte, 8),
		[]byte{0, 0, 0, 0, 0x01, 0x00, 0, 0}, // layer, group, volume 1.0, reserved
		unityMatrix, u32s(0, 0))
	mdhd := fullBox("mdhd", 0, 0, u32s(t, t, 1000, s.Duration), []byte{0x55, 0xC4, 0, 0}) // "und"
	hdlr := fullBox("hdlr", 0, 0, u32s(0), []byte("soun"), make([]byte, 12), []byte("SoundHandler\x00"))
	mp4a := box("mp4a", make([]byte, 6), []byte{0, 1}, make([]byte, 8),
		[]byte{0, 2, 0, 16, 0, 0, 0, 0}, u32s(44100<<16))
	stbl := box("stbl",
		fullBox("stsd", 0, 0, u32s(1), mp4a),
		fullBox("stts", 0, 0, u32s(0)),
		fullBox("stsc", 0, 0, u32s(0)),
		fullBox("stsz", 0, 0, u32s(0, 0)),
		fullBox("stco", 0, 0, u32s(0)))
	dinf := box("dinf", fullBox("dref", 0, 0, u32s(1), fullBox("url ", 0, 1)))
	minf := box("minf", fullBox("smhd", 0, 0, make([]byte, 4)), dinf, stbl)
	trak := box("trak", tkhd, box("mdia", mdhd, hdlr, minf))

	var items []byte
	text := []struct{ name, v string }{
		{"\xa9nam", s.Title}, {"\xa9ART", s.Artist}, {"\xa9alb", s.Album},
		{"\xa9day", s.Year}, {"\xa9cmt", s.Comment}, {"\xa9gen", s.Genre},
		{"cprt", s.Copyright},
	}
	for _, it := range text {
		if it.v != "" {
			items = append(items, ilstItem(it.name, 1, []byte(it.v))...)
		}
	}
	if s.Track > 0 {
		items = append(items, ilstItem("trkn", 0, []byte{0, 0, byte(s.Track >> 8), byte(s.Track), 0, 0, 0, 0})...)
	}
	metaHdlr := fullBox("hdlr", 0, 0, u32s(0), []byte("mdir"), []byte("appl"), make([]byte, 8), []byte{0})
	udta := box("udta", fullBox("meta", 0, 0, metaHdlr, box("ilst", items)))
	return box("moov", mvhd, trak, udta)
}

// m4aBytes builds the whole file: ftyp, moov, and an empty mdat.
func m4aBytes(s m4aSpec) ([]byte, error) {
	if s.Created.Before(mp4Epoch) || s.Created.Sub(mp4Epoch)/time.Second > 1<<32-1 {
		return nil, fmt.Errorf("m4a: creation time %s outside the 32-bit mp4 range", s.Created)
	}
	ftyp := box("ftyp", []byte("M4A "), u32s(0), []byte("M4A mp42isom"))
	out := append(ftyp, s.moov()...)
	return append(out, box("mdat")...), nil
}

// writeM4A writes the M4A file described by s to path.
func writeM4A(path string, s m4aSpec) error {
	b, err := m4aBytes(s)
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return writeFile(path, b)
}
