package pipeline

import (
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/consignhq/consign/detectors"
)

// contentText returns what the text detectors read of a text file and
// where their offsets point. A UTF-8 (or single-byte) file is read as it
// is, with offsets into its own bytes. A file that starts with a UTF-16
// byte-order mark (Windows' "Unicode" text) is decoded to UTF-8 as it
// streams: read raw, every other byte is a zero and no address or number
// would match. Its findings are then in the extracted text, not the
// content, so pack does not mask its bytes at those offsets: they stay
// open for the creator to decide.
func contentText(head []byte, r io.Reader) (in string, text io.Reader) {
	if !bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return detectors.InContent, r
	}
	// BOMOverride reads the mark, picks the byte order and drops it.
	dec := unicode.BOMOverride(unicode.UTF8.NewDecoder())
	return detectors.InText, transform.NewReader(r, dec)
}
