package filetest

import (
	"encoding/binary"
	"time"
)

// MOBIBook builds a Mobipocket file: the Palm database header (created at
// created), one record holding the PalmDOC and MOBI headers (UTF-8), the
// EXTH records given (types 100, 101, 106, 108, 109 and 503, in that
// order) and the full name.
func MOBIBook(created time.Time, name string, exth map[uint32]string) []byte {
	be := binary.BigEndian
	db := make([]byte, 78)
	copy(db, "My_Book")
	be.PutUint32(db[36:], uint32(created.Unix()))
	copy(db[60:], "BOOKMOBI")
	be.PutUint16(db[76:], 1)
	db = be.AppendUint32(db, 88)      // record 0's offset
	db = append(db, 0, 0, 0, 0, 0, 0) // its attributes and id, then the gap
	rec := make([]byte, 16+0xE8)      // PalmDOC header, then a MOBI header of 0xE8 bytes
	copy(rec[16:], "MOBI")
	be.PutUint32(rec[20:], 0xE8)
	be.PutUint32(rec[28:], 65001)
	be.PutUint32(rec[0x80:], 0x40) // EXTH present
	var recs []byte
	for _, typ := range []uint32{100, 101, 106, 108, 109, 503} {
		if v, ok := exth[typ]; ok {
			recs = be.AppendUint32(recs, typ)
			recs = be.AppendUint32(recs, uint32(8+len(v)))
			recs = append(recs, v...)
		}
	}
	x := append([]byte("EXTH"), be.AppendUint32(nil, uint32(12+len(recs)))...)
	x = be.AppendUint32(x, uint32(len(exth)))
	rec = append(append(rec, x...), recs...)
	be.PutUint32(rec[84:], uint32(len(rec)))
	be.PutUint32(rec[88:], uint32(len(name)))
	rec = append(rec, name...)
	return append(append(db, rec...), make([]byte, 64)...)
}
