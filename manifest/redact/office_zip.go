package redact

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// cleanPartName normalises an entry name as the extractors look parts up.
func cleanPartName(name string) string {
	return strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(name, "\\", "/")), "/")
}

// readPart inflates one entry, refusing an encrypted one and one past
// maxOfficePart.
func readPart(f *zip.File) ([]byte, error) {
	if f.Flags&0x1 != 0 {
		return nil, fmt.Errorf("zip entry %s is encrypted", f.Name)
	}
	if f.UncompressedSize64 > maxOfficePart {
		return nil, fmt.Errorf("zip entry %s declares %d bytes, over the %d byte limit", f.Name, f.UncompressedSize64, maxOfficePart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open zip entry %s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxOfficePart+1))
	if err != nil {
		return nil, fmt.Errorf("read zip entry %s: %w", f.Name, err)
	}
	if len(data) > maxOfficePart {
		return nil, fmt.Errorf("zip entry %s inflates past the %d byte limit", f.Name, maxOfficePart)
	}
	return data, nil
}

// writeZip writes the archive zr with the entries in edited replaced by
// their new contents, deflated, and every other entry copied raw, in the
// archive's order.
func writeZip(dst io.Writer, zr *zip.Reader, edited map[*zip.File][]byte) error {
	zw := zip.NewWriter(dst)
	for _, f := range zr.File {
		data, ok := edited[f]
		if !ok {
			if err := copyEntry(zw, f); err != nil {
				return fmt.Errorf("copy zip entry %s: %w", f.Name, err)
			}
			continue
		}
		// The new entry keeps the name, the MS-DOS time and the flags;
		// sizes, checksum and extra fields (ZIP64 sizes of the old data)
		// are the writer's to make. A zero Modified keeps the writer
		// from adding a timestamp of its own.
		fh := f.FileHeader
		fh.Method = zip.Deflate
		fh.Flags &^= 0x8
		fh.Modified = time.Time{}
		fh.Extra = nil
		fh.CRC32, fh.CompressedSize64, fh.UncompressedSize64 = 0, 0, 0
		w, err := zw.CreateHeader(&fh)
		if err != nil {
			return fmt.Errorf("write zip entry %s: %w", f.Name, err)
		}
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("write zip entry %s: %w", f.Name, err)
		}
	}
	if err := zw.SetComment(zr.Comment); err != nil {
		return err
	}
	return zw.Close()
}

// copyEntry copies f as it is stored. The writer puts the central
// directory's extra fields in the local header too; an OpenDocument
// file's leading mimetype entry gets none, so that its type is still
// found at offset 38, where readers look for it.
func copyEntry(zw *zip.Writer, f *zip.File) error {
	if f.Name != "mimetype" || len(f.Extra) == 0 {
		return zw.Copy(f)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return err
	}
	fh := f.FileHeader
	fh.Extra = nil
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, raw)
	return err
}
