package extract

import (
	"bytes"
	"encoding/xml"
	"io"
	"sync"

	"github.com/consignhq/consign/pipeline/extract/internal/fastxml"
	"golang.org/x/net/html/charset"
)

// xmlTokens is what the XML readers here take tokens from: fastxml's
// Reader for a document in its subset, encoding/xml's Decoder otherwise.
type xmlTokens interface {
	Token() (xml.Token, error)
	InputOffset() int64
}

// maxFastXML is the largest XML part read whole into memory to be handed
// to fastxml; a larger one streams through encoding/xml.
const maxFastXML = 1 << 20

// xmlTokensOf returns the tokens of data: fastxml's when data is in its
// subset, which gives the same tokens, else encoding/xml's (Strict off,
// with charset readers when charsets is set) over data and then rest.
func xmlTokensOf(data []byte, rest io.Reader, charsets bool) xmlTokens {
	if rest == nil {
		if r, ok := fastxml.New(data); ok {
			return r
		}
	}
	var r io.Reader = bytes.NewReader(data)
	if rest != nil {
		r = io.MultiReader(r, rest)
	}
	d := xml.NewDecoder(r)
	d.Strict = false
	if charsets {
		d.CharsetReader = charset.NewReaderLabel
	}
	return d
}

// xmlPartBuffers recycle the buffers XML parts are read into.
var xmlPartBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readXMLPart reads up to limit bytes of r into a recycled buffer: all of
// r (rest nil) when it is no longer, else the first limit+1 bytes and a
// reader of what follows them, which ends in the error r gave, if any.
// release hands the buffer back: the tokens of the part must not be used
// after it.
func readXMLPart(r io.Reader, limit int) (data []byte, rest io.Reader, release func()) {
	b := xmlPartBuffers.Get().(*bytes.Buffer)
	b.Reset()
	_, err := b.ReadFrom(io.LimitReader(r, int64(limit)+1))
	switch {
	case err != nil:
		rest = failingReader{err}
	case b.Len() > limit:
		rest = r
	}
	return b.Bytes(), rest, func() { xmlPartBuffers.Put(b) }
}

// failingReader gives err on every read.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }
