package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// archive/zip loads the whole central directory into memory, one File per
// entry, before anyone can look at it. A small file can declare a huge
// directory, so its end record is checked first.
const (
	maxZipDirEntries = 200000
	maxZipDirSize    = 32 << 20
)

var (
	eocdSig      = []byte("PK\x05\x06")
	eocd64LocSig = []byte("PK\x06\x07")
	eocd64Sig    = []byte("PK\x06\x06")
)

// checkZipDirectory reads the end-of-central-directory record (and its
// ZIP64 variant) and refuses directories past maxZipDirEntries entries or
// maxZipDirSize bytes. A missing record is left for archive/zip to report.
func checkZipDirectory(r io.ReaderAt, size int64) error {
	const maxTail = 22 + 65535 + 20
	n := min(size, maxTail)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && err != io.EOF {
		return fmt.Errorf("read zip end record: %w", err)
	}
	i := bytes.LastIndex(tail, eocdSig)
	if i < 0 || len(tail)-i < 22 {
		return nil
	}
	count := uint64(binary.LittleEndian.Uint16(tail[i+10:]))
	dirSize := uint64(binary.LittleEndian.Uint32(tail[i+12:]))
	if (count == 0xFFFF || dirSize == 0xFFFFFFFF) && i >= 20 && bytes.Equal(tail[i-20:i-16], eocd64LocSig) {
		off := int64(binary.LittleEndian.Uint64(tail[i-20+8:]))
		rec := make([]byte, 56)
		if off >= 0 && off < size {
			if _, err := r.ReadAt(rec, off); err == nil && bytes.Equal(rec[:4], eocd64Sig) {
				count = binary.LittleEndian.Uint64(rec[32:])
				dirSize = binary.LittleEndian.Uint64(rec[40:])
			}
		}
	}
	if count > maxZipDirEntries {
		return fmt.Errorf("zip directory declares %d entries, over %d: %w", count, maxZipDirEntries, ErrZipLimit)
	}
	if dirSize > maxZipDirSize {
		return fmt.Errorf("zip directory declares %d bytes, over %d: %w", dirSize, maxZipDirSize, ErrZipLimit)
	}
	return nil
}
