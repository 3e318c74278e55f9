package extract

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// MXF reads when an MXF file (the Material Exchange Format of broadcast
// and cinema cameras) was made: the creation time of its packages (local
// tag 0x4405 of the material and source package sets of the header
// metadata, SMPTE ST 377-1), or else the last modification the file
// records (0x4404, the Identification set's 0x3C06, the Preface's
// 0x3B02). The timestamps carry no UTC offset, and writers differ on
// whether they give UTC or the local time, so the date has none.
type MXF struct{}

var _ Extractor = MXF{}

// NewMXF returns the MXF extractor.
func NewMXF() Extractor { return MXF{} }

// Name implements Extractor.
func (MXF) Name() string { return "mxf" }

// Applies implements Extractor.
func (MXF) Applies(src *Source) bool { return src.MediaType == mediaMXF }

// mxfScan bounds what is read: the header partition, where the
// metadata sets are, comes first.
const mxfScan = 1 << 20

// Extract implements Extractor.
func (MXF) Extract(_ context.Context, src *Source, res *Result) error {
	buf := make([]byte, min(src.Size, mxfScan))
	n, err := src.R.ReadAt(buf, 0)
	if err != nil && err != io.EOF {
		return fmt.Errorf("read mxf header: %w", err)
	}
	buf = buf[:n]
	var created, modified time.Time
	for b := buf; len(b) >= 17; {
		key := b[:16]
		n, hdr, ok := berLength(b[16:])
		if !ok || n > uint64(len(b)-16-hdr) {
			break // the header partition's end, or a cut-off packet
		}
		value := b[16+hdr : 16+hdr+int(n)]
		b = b[16+hdr+int(n):]
		if !isLocalSet(key) {
			continue
		}
		for v := value; len(v) >= 4; {
			tag, size := binary.BigEndian.Uint16(v), int(binary.BigEndian.Uint16(v[2:]))
			if size > len(v)-4 {
				break
			}
			if t, ok := mxfTimestamp(v[4 : 4+size]); ok {
				switch tag {
				case 0x4405:
					if created.IsZero() || t.Before(created) {
						created = t
					}
				case 0x4404, 0x3C06, 0x3B02:
					if t.After(modified) {
						modified = t
					}
				}
			}
			v = v[4+size:]
		}
	}
	for _, d := range []struct {
		t    time.Time
		name string
	}{{created, "mxf:CreateDate"}, {modified, "mxf:ModifyDate"}} {
		if d.t.IsZero() {
			continue
		}
		s := d.t.Format("2006-01-02T15:04:05")
		res.AddField(d.name, s)
		if date, ok := parseTagDate(s, d.name, RankEmbedded); ok {
			res.AddDate(date)
		}
	}
	return nil
}

// isLocalSet reports whether key is the universal label of a header
// metadata set coded as a local set (2-byte tags and lengths).
func isLocalSet(key []byte) bool {
	return key[0] == 0x06 && key[1] == 0x0E && key[2] == 0x2B && key[3] == 0x34 && key[4] == 0x02 && key[5] == 0x53 &&
		key[8] == 0x0D && key[9] == 0x01 && key[10] == 0x01 && key[11] == 0x01
}

// berLength reads a KLV length: one byte below 0x80, else 0x80 plus the
// count of big-endian bytes that follow (at most 8).
func berLength(b []byte) (n uint64, size int, ok bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return uint64(b[0]), 1, true
	}
	k := int(b[0] & 0x7F)
	if k == 0 || k > 8 || len(b) < 1+k {
		return 0, 0, false
	}
	for _, c := range b[1 : 1+k] {
		n = n<<8 | uint64(c)
	}
	return n, 1 + k, true
}

// mxfTimestamp reads an ST 377 timestamp: year (2 bytes), month, day,
// hour, minute, second and quarter milliseconds; all zero is unknown.
// The time is a wall clock (see MXF), kept in a UTC time.Time; a day the
// month does not have (the 31st of June) is no date.
func mxfTimestamp(v []byte) (time.Time, bool) {
	if len(v) != 8 {
		return time.Time{}, false
	}
	y, mo, d := int(binary.BigEndian.Uint16(v)), int(v[2]), int(v[3])
	h, mi, s := int(v[4]), int(v[5]), int(v[6])
	if y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
	return t, t.Day() == d
}
