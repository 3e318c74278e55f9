package pipeline

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
)

// rehashMax is the largest file whose content is hashed first, when the
// catalog holds its record under another stat fingerprint but the same
// size, to find out whether it needs reading at all. A file touched,
// copied to another disk or restored from a backup keeps its content and
// loses its fingerprint; hashing it costs a fraction of running the
// extractors and detectors again. A file whose content did change is
// read twice, which matters only for large files, whose analysis is
// mostly hashing anyway.
const rehashMax = 32 << 20

// known returns the catalog's record of e for a file whose stat changed
// but whose size did not, or whose stat did not change but whose record
// lacks the SHA-512 this run needs (a scan made it, and pack needs one),
// when this very configuration made it; nil otherwise. The record is the
// caller's to change; it holds the stored lines when they are still its
// own.
func (c *cache) known(e entry, p *processor) *Record {
	if c == nil || e.hint == nil || e.err != nil || !e.info.Mode().IsRegular() {
		return nil
	}
	if e.hint.hit && (!p.sha512 || e.hint.entry.SHA512 != "") {
		return nil // lookup took it, or found it stale
	}
	ent := e.hint.entry
	if ent.Path != e.rel || ent.Versions != c.key || ent.Stat.Size != e.info.Size() || ent.Stat.Size > rehashMax {
		return nil
	}
	rec, lines := decodeEntry(ent)
	if rec == nil || rec.SHA256 == "" || rec.Path != e.rel || rec.RawPath != "" || rec.Error != "" {
		return nil
	}
	if p.detect != nil && p.detect.refresh(rec) {
		lines = nil
	}
	rec.lines = lines
	return rec
}

// sameContent reports whether the file of e still holds the content of
// prev, the catalog's record of it, hashing it whole; when it does, prev
// becomes the file's record for this run: its stat fingerprint, its
// content date when that came from the modification time (the stored
// lines then no longer serve), and the SHA-512 when the run needs one.
func (p *processor) sameContent(ctx context.Context, e entry, prev *Record) bool {
	f, err := os.OpenFile(e.abs, OpenReadOnly, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != prev.Size {
		return false
	}
	var file io.Reader = f
	if p.wrapFile != nil {
		file = p.wrapFile(f)
	}
	h256 := sha256.New()
	var h io.Writer = h256
	var h512 hash.Hash
	if p.sha512 {
		h512 = sha512.New()
		h = io.MultiWriter(h256, h512)
	}
	bp := copyBuffers.Get().(*[]byte)
	n, err := io.CopyBuffer(h, &io.LimitedReader{R: readerCtx{ctx, file}, N: prev.Size}, *bp)
	copyBuffers.Put(bp)
	if err != nil || n != prev.Size || hex.EncodeToString(h256.Sum(nil)) != prev.SHA256 {
		return false
	}
	var one [1]byte
	if k, _ := file.Read(one[:]); k > 0 {
		return false // it grew while it was read: the full read says so
	}
	if h512 != nil {
		prev.SHA512 = hex.EncodeToString(h512.Sum(nil))
	}
	if date := mtimeContentDate(prev.ContentDate, info.ModTime()); !sameDate(date, prev.ContentDate) {
		prev.ContentDate, prev.lines = date, nil
	}
	prev.Stat = StatOf(e.info)
	prev.read = n
	prev.restat = true
	return true
}

// sameDate says whether two content dates are the same.
func sameDate(a, b *ContentDate) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

// mtimeDate is a file's modification time as a content date candidate,
// the least trusted.
func mtimeDate(t time.Time) extract.Date {
	return extract.Date{Time: t.UTC(), HasZone: true, Source: "mtime", Rank: extract.RankMtime}
}

// mtimeContentDate gives the content date of a file whose content is
// unchanged and whose modification time is now mtime, given its record's
// content date: the same, unless that came from the modification time or
// there was none. The modification time is the least trusted candidate,
// so when it was chosen there was no other, and there is none now.
func mtimeContentDate(was *ContentDate, mtime time.Time) *ContentDate {
	if was != nil && was.Source != "mtime" {
		return was
	}
	var res extract.Result
	res.AddDate(mtimeDate(mtime))
	d, ok := res.ContentDate()
	if !ok {
		return nil
	}
	return &ContentDate{Value: d.String(), Source: d.Source}
}
