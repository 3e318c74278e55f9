package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ledongthuc/pdf"
)

// maxPDFPageErrors is how many pages may fail before the rest is skipped:
// a file whose every page breaks the parser is not worth walking through.
const maxPDFPageErrors = 20

// errPDFTextFull stops a page's content interpreter once the page has
// yielded maxPDFPageText bytes.
var errPDFTextFull = errors.New("page text limit reached")

// emitPDFText streams the text of each page, in page order, as "page N".
func emitPDFText(ctx context.Context, rd *pdf.Reader, res *Result) error {
	var pages []pdf.Page
	if err := pdfSafely(func() error { pages = pdfPageList(rd, maxPDFTextPages); return nil }); err != nil {
		res.Errorf("walk pdf page tree: %w", err)
	}
	var errs []error
	var total int64
	for i, p := range pages {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if len(errs) >= maxPDFPageErrors {
			errs = append(errs, fmt.Errorf("text of pages %d to %d skipped after %d errors", i+1, len(pages), maxPDFPageErrors))
			break
		}
		text, err := pdfPageText(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("text of page %d: %w", i+1, err))
			if errors.Is(err, ErrPDFLimit) && !errors.Is(err, errPDFTextFull) {
				break
			}
		}
		if len(text) == 0 {
			continue
		}
		if total += int64(len(text)); total > maxPDFText {
			errs = append(errs, fmt.Errorf("text past %d bytes, stopped at page %d: %w", maxPDFText, i+1, ErrPDFLimit))
			break
		}
		if err := res.EmitText(fmt.Sprintf("page %d", i+1), bytes.NewReader(text)); err != nil {
			return errors.Join(append(errs, fmt.Errorf("text of page %d: %w", i+1, err))...)
		}
	}
	return errors.Join(errs...)
}

// pdfPageList walks the page tree once, in order. The library's own
// Page(n) walks from the root for every page (and loops on a tree whose
// kids point back up), so the walk is done here with bounded depth and
// visits.
func pdfPageList(rd *pdf.Reader, limit int) []pdf.Page {
	var out []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		visits++
		if len(out) >= limit || depth > 64 || visits > 4*limit+64 || v.Kind() != pdf.Dict {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			out = append(out, pdf.Page{V: v})
			return
		}
		for i := 0; i < kids.Len() && len(out) < limit && visits <= 4*limit+64; i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(rd.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// maxPDFContentStreams bounds the streams of a page's /Contents array:
// writers use one, or a few dozen for pages built from parts.
const maxPDFContentStreams = 4096

// pdfStreamSize checks that the decompressed streams of v (a stream or an
// array of streams) stay under limit before the interpreter buffers them.
func pdfStreamSize(v pdf.Value, limit int64) error {
	var total int64
	check := func(s pdf.Value) error {
		rc := s.Reader()
		defer rc.Close()
		n, _ := io.Copy(io.Discard, io.LimitReader(rc, limit-total+1))
		total += n
		if total > limit {
			return fmt.Errorf("content streams inflate past %d bytes: %w", limit, ErrPDFLimit)
		}
		return nil
	}
	if v.Kind() == pdf.Array {
		// The interpreter reads every stream of the array: one past the
		// ones checked here would be read unchecked.
		if v.Len() > maxPDFContentStreams {
			return fmt.Errorf("%d content streams, more than %d: %w", v.Len(), maxPDFContentStreams, ErrPDFLimit)
		}
		for i := 0; i < v.Len(); i++ {
			if err := check(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return check(v)
}

// pdfPageText interprets one page's content streams and returns the text
// shown, with line breaks where the text moves to a new line. On a parser
// panic it returns what was read so far with the error.
func pdfPageText(p pdf.Page) (text []byte, err error) {
	var out []byte
	err = pdfSafely(func() error {
		contents := p.V.Key("Contents")
		if contents.Kind() == pdf.Null {
			return nil
		}
		if err := pdfStreamSize(contents, maxPDFContent); err != nil {
			return err
		}
		fonts := map[string]*pdf.Font{}
		var enc pdf.TextEncoding
		add := func(s string) {
			if len(out)+len(s) > maxPDFPageText {
				panic(fmt.Errorf("%w: %d bytes: %w", errPDFTextFull, maxPDFPageText, ErrPDFLimit))
			}
			out = append(out, s...)
		}
		show := func(raw string) {
			if enc != nil {
				raw = enc.Decode(raw)
			}
			add(raw)
		}
		newline := func() {
			if n := len(out); n > 0 && out[n-1] != '\n' {
				out = append(out, '\n')
			}
		}
		pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
			args := make([]pdf.Value, stk.Len())
			for i := len(args) - 1; i >= 0; i-- {
				args[i] = stk.Pop()
			}
			switch op {
			case "Tf":
				if len(args) == 2 {
					enc = pdfFontEncoding(p, fonts, args[0].Name())
				}
			case "T*", "ET":
				newline()
			case "Td", "TD":
				if len(args) == 2 && args[1].Float64() != 0 {
					newline()
				}
			case "'", "\"":
				newline()
				if len(args) > 0 {
					show(args[len(args)-1].RawString())
				}
			case "Tj":
				if len(args) == 1 {
					show(args[0].RawString())
				}
			case "TJ":
				if len(args) == 1 {
					for i := 0; i < args[0].Len(); i++ {
						x := args[0].Index(i)
						switch x.Kind() {
						case pdf.String:
							show(x.RawString())
						case pdf.Integer, pdf.Real:
							// A wide negative kern is how most writers space words.
							if x.Float64() < -200 {
								add(" ")
							}
						}
					}
				}
			}
		})
		return nil
	})
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), err
}

// pdfFontEncoding returns the decoder of a page font, checking its
// ToUnicode map's size before the library parses it.
func pdfFontEncoding(p pdf.Page, fonts map[string]*pdf.Font, name string) pdf.TextEncoding {
	if f, ok := fonts[name]; ok {
		return f.Encoder()
	}
	if len(fonts) >= 1024 {
		return nil
	}
	f := p.Font(name)
	if tu := f.V.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if err := pdfStreamSize(tu, maxPDFContent); err != nil {
			panic(err)
		}
	}
	fonts[name] = &f
	return f.Encoder()
}
