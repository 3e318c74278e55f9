package redact

import (
	"bytes"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestCorpusText masks every third word of the text of every document
// of the shared corpus and samples whose text pack masks (Office,
// OpenDocument, EPUB, HTML, RTF): each copy must be made, read as the
// masks asked, and every range be masked or reported kept with a reason.
func TestCorpusText(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus run reads every document three times; skipped in -short mode")
	}
	var docs, masked, kept int
	walkShared(t, []string{"corpus", "testdata"}, func(f sharedFile) {
		mt := f.mediaType
		if !isZipDocument(mt) && !isTextDocument(mt) {
			return
		}
		t.Run(f.rel, func(t *testing.T) {
			before := mustTexts(textsAs(f.name, mt, f.kind, f.data))
			s := Strip{Text: map[string][]Range{}}
			n := 0
			for part, text := range before {
				if rs := everyThirdWord(text); len(rs) > 0 && TextSupported(mt, part) {
					s.Text[part] = rs
					n += len(rs)
				}
			}
			if n == 0 {
				return
			}
			docs++
			var out bytes.Buffer
			rep, err := Metadata(&out, bytes.NewReader(f.data), int64(len(f.data)), mt, s)
			if err != nil {
				t.Fatalf("%s: %v", mt, err)
			}
			checkMasked(t, s, rep, before, mustTexts(textsAs(f.name, mt, f.kind, out.Bytes())))
			for part, rs := range s.Text {
				for _, r := range rs {
					if rep.Masked(part, r) {
						masked++
					}
				}
			}
			kept += len(rep.Kept)
			if len(rep.Kept) > 0 {
				t.Logf("kept: %s", rep.Kept[0])
			}
		})
	})
	t.Logf("%d documents, %d ranges masked, %d kept", docs, masked, kept)
	if docs == 0 {
		t.Error("no document with text in the shared folder")
	}
}

// mustTexts is textsAs' text, whatever the errors.
func mustTexts(texts textSink, _ []error) textSink { return texts }

// everyThirdWord gives the ranges of every third word of text, at most
// 300 of them.
func everyThirdWord(text []byte) []Range {
	var rs []Range
	word, start := 0, -1
	for i := 0; i <= len(text) && len(rs) < 300; {
		r, size := utf8.DecodeRune(text[i:])
		if i == len(text) || unicode.IsSpace(r) {
			if start >= 0 {
				if word%3 == 0 {
					rs = append(rs, Range{int64(start), int64(i)})
				}
				word++
				start = -1
			}
			if i == len(text) {
				break
			}
		} else if start < 0 {
			start = i
		}
		i += max(size, 1)
	}
	return rs
}
