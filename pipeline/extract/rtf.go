package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"
)

// RTF reads Rich Text Format documents: the \info group (author, operator,
// title, copyright, creation time...) and the visible text of the body.
type RTF struct{}

var _ Extractor = (*RTF)(nil)

// NewRTF returns the RTF extractor.
func NewRTF() Extractor { return &RTF{} }

// Name implements Extractor.
func (*RTF) Name() string { return "rtf" }

// Applies implements Extractor.
func (*RTF) Applies(src *Source) bool {
	return src.MediaType == "text/rtf" || src.MediaType == "application/rtf" ||
		bytes.HasPrefix(src.Head, []byte(`{\rtf`))
}

var rtfTags = map[string]string{
	"author":    "author",
	"operator":  "last_modified_by",
	"title":     "title",
	"subject":   "subject",
	"keywords":  "keywords",
	"doccomm":   "comment",
	"comment":   "comment",
	"copyright": "copyright",
}

// Extract implements Extractor.
func (*RTF) Extract(ctx context.Context, src *Source, res *Result) error {
	tr := newRTFTextReader(io.NewSectionReader(src.R, 0, src.Size))
	tr.onInfo = func(field, value string) {
		res.AddField("rtf:"+field, value)
		if tag, ok := rtfTags[field]; ok {
			res.SetTag(tag, value)
		}
	}
	tr.onDate = func(field string, d [6]int) {
		t, ok := rtfTime(d)
		if !ok {
			return
		}
		res.AddField("rtf:"+field, t.Format("2006-01-02T15:04:05"))
		if field == "creatim" {
			res.AddDate(Date{Time: t, Source: "rtf:creatim", Rank: RankEmbedded})
		}
	}
	if err := res.EmitText("body", tr); err != nil {
		return fmt.Errorf("text of rtf body: %w", err)
	}
	// The \info group must be read even when nobody takes the text.
	if _, err := io.Copy(io.Discard, tr); err != nil {
		return fmt.Errorf("read rtf: %w", err)
	}
	return nil
}

// rtfTime builds a wall-clock time from \yr \mo \dy \hr \min \sec; RTF
// carries no offset.
func rtfTime(d [6]int) (time.Time, bool) {
	yr, mo, dy, hr, mi, sec := d[0], d[1], d[2], d[3], d[4], d[5]
	if yr < 1000 || yr > 9999 || mo < 1 || mo > 12 || dy < 1 || dy > 31 ||
		hr < 0 || hr > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(yr, time.Month(mo), dy, hr, mi, sec, 0, time.UTC)
	if t.Day() != dy {
		return time.Time{}, false
	}
	return t, true
}
