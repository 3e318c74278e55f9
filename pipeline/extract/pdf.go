package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ledongthuc/pdf"
)

// PDF reads PDF documents through github.com/ledongthuc/pdf, a pure-Go
// reader that parses lazily through an io.ReaderAt (it never loads the
// whole file). Its weak spots, allocation from declared object numbers and
// endless re-reads on cyclic object graphs, are closed off by
// checkPDFXref and pdfBudget; its panics are recovered here, so what was
// read before a panic is kept.
type PDF struct {
	// Timeout bounds the wall-clock time spent on one file.
	Timeout time.Duration
}

var _ Extractor = (*PDF)(nil)

// NewPDF returns the PDF extractor.
func NewPDF() Extractor { return &PDF{Timeout: time.Minute} }

// Name implements Extractor.
func (*PDF) Name() string { return "pdf" }

// Applies implements Extractor.
func (*PDF) Applies(src *Source) bool { return src.MediaType == "application/pdf" }

// Limits on what one PDF may cost.
const (
	maxPDFTextFile  = 256 << 20 // larger files get metadata only
	maxPDFMetaRead  = 64 << 20  // bytes the library may read for metadata
	maxPDFTextPages = 10000
	maxPDFPageText  = 4 << 20
	maxPDFText      = 64 << 20
	maxPDFContent   = 32 << 20 // decompressed content streams of one page
)

// Extract implements Extractor.
func (p *PDF) Extract(ctx context.Context, src *Source, res *Result) error {
	if err := checkPDFXref(src.R, src.Size); err != nil {
		return fmt.Errorf("check pdf cross-reference: %w", err)
	}
	budget := &pdfBudget{r: src.R, left: maxPDFMetaRead}
	if p.Timeout > 0 {
		budget.deadline = time.Now().Add(p.Timeout)
	}
	var rd *pdf.Reader
	err := pdfSafely(func() error {
		var err error
		rd, err = pdf.NewReader(budget, src.Size)
		return err
	})
	if err != nil {
		return fmt.Errorf("open pdf: %w", err)
	}
	if err := pdfSafely(func() error { readPDFInfo(rd, res); return nil }); err != nil {
		res.Errorf("read pdf info dictionary: %w", err)
	}
	if err := pdfSafely(func() error { return readPDFXMP(rd, res) }); err != nil {
		res.Errorf("read pdf xmp metadata: %w", err)
	}
	var pages int
	if err := pdfSafely(func() error { pages = rd.NumPage(); return nil }); err == nil && pages > 0 {
		res.SetTag("pages", strconv.Itoa(pages))
	}
	if res.Sink == nil {
		return nil
	}
	if src.Size > maxPDFTextFile {
		return fmt.Errorf("pdf of %d bytes is over %d, text not extracted: %w", src.Size, maxPDFTextFile, ErrPDFLimit)
	}
	// Text reads every page's content; the budget grows with the file.
	budget.left = maxPDFMetaRead + 32*src.Size
	return emitPDFText(ctx, rd, res)
}

// pdfSafely runs fn and turns a panic of the PDF library into an error.
func pdfSafely(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); ok {
				err = fmt.Errorf("pdf parser: %w", e)
				return
			}
			err = fmt.Errorf("pdf parser: %v", p)
		}
	}()
	return fn()
}

// pdfInfoTags maps Info dictionary keys to curated tags. Creator is the
// authoring application, Producer the converter that wrote the PDF: the
// first is the better answer to "made with".
var pdfInfoTags = map[string]string{
	"Author":   "author",
	"Title":    "title",
	"Subject":  "subject",
	"Keywords": "keywords",
	"Creator":  "software",
	"Producer": "software",
}

// maxPDFInfoKeys bounds the custom keys read from the Info dictionary.
const maxPDFInfoKeys = 256

func readPDFInfo(rd *pdf.Reader, res *Result) {
	info := rd.Trailer().Key("Info")
	if info.Kind() != pdf.Dict {
		return
	}
	keys := info.Keys()
	if len(keys) > maxPDFInfoKeys {
		res.Errorf("pdf info dictionary has %d keys, read the first %d", len(keys), maxPDFInfoKeys)
		keys = keys[:maxPDFInfoKeys]
	}
	values := map[string]string{}
	for _, k := range keys {
		v := info.Key(k)
		var s string
		switch v.Kind() {
		case pdf.String:
			s = v.Text()
		case pdf.Name:
			s = v.Name()
		case pdf.Integer, pdf.Real, pdf.Bool:
			s = v.String()
		}
		values[k] = s
		res.AddField("pdf:"+k, s)
	}
	for _, k := range []string{"Author", "Title", "Subject", "Keywords", "Creator", "Producer"} {
		res.SetTag(pdfInfoTags[k], values[k])
	}
	if d, ok := parsePDFDate(values["CreationDate"]); ok {
		d.Source, d.Rank = "pdf:CreationDate", RankEmbedded
		res.AddDate(d)
	}
}

// readPDFXMP hands the catalog's /Metadata stream to the XMP extractor.
func readPDFXMP(rd *pdf.Reader, res *Result) error {
	md := rd.Trailer().Key("Root").Key("Metadata")
	if md.Kind() != pdf.Stream {
		return nil
	}
	rc := md.Reader()
	defer rc.Close()
	packet, err := io.ReadAll(io.LimitReader(rc, maxXMPSize+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read metadata stream: %w", err)
	}
	res.AddXMP(packet)
	return nil
}
