package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract"
)

// processor turns one walked entry into its record.
type processor struct {
	root        string
	extractors  []extract.Extractor
	languages   *extract.LanguageDetector
	detect      *detector     // nil when no detectors run
	sha512      bool          // also compute SHA-512 in the one read
	linesOnly   bool          // Options.LinesOnly
	fileTimeout time.Duration // per-file deadline; 0 or less means none
	runners     fileRunners   // the goroutines files are read in under a deadline
	// known, when set, gives the catalog's record of a file whose stat
	// fingerprint changed but whose size did not (cache.known): if the
	// content is the same, the record is kept instead of read again.
	known func(entry) *Record
	// wrapFile, when set, wraps the file before it is read: tests use it
	// to stand in for a device that stalls or a file that changes.
	wrapFile func(io.Reader) io.Reader
}

// heads are the buffers a file's first bytes are read into. A scan reads
// one head a file and used to allocate each: before its first garbage
// collection (cmd/internal/lategc) every head was fresh memory, which
// costs more to fault in than to read. Nothing of a head outlives the
// read of its file: extractors and detectors copy what they keep.
var heads = sync.Pool{New: func() any { b := make([]byte, extract.HeadSize); return &b }}

var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// newRecord starts e's record with its name.
func newRecord(e entry) *Record {
	rec := &Record{Path: strings.ToValidUTF8(e.rel, "\uFFFD")}
	if !utf8.ValidString(e.rel) {
		rec.RawPath = base64.StdEncoding.EncodeToString([]byte(e.rel))
		rec.Warnings = append(rec.Warnings, "file name is not valid UTF-8: path shows it with U+FFFD, raw_path holds its bytes in base64")
	}
	return rec
}

func (p *processor) process(ctx context.Context, e entry) *Record {
	rec := newRecord(e)
	if e.err != nil {
		rec.Kind = extract.KindOther
		rec.Error = e.err.Error()
		return rec
	}
	if e.info.Mode()&fs.ModeSymlink != 0 {
		rec.MediaType = "inode/symlink"
		rec.Kind = extract.KindOther
		target, err := os.Readlink(e.abs)
		if err != nil {
			rec.Error = fmt.Sprintf("read symbolic link: %v", unwrapPath(err))
		}
		rec.LinkTarget = strings.ToValidUTF8(target, "\uFFFD")
		return rec
	}
	rec.Size = e.info.Size()
	rec.Stat = StatOf(e.info)
	if p.known != nil {
		if prev := p.known(e); prev != nil && p.sameContent(ctx, e, prev) {
			return prev
		}
	}
	if err := p.read(ctx, e, rec); err != nil {
		rec.Error = err.Error()
	}
	return rec
}

// read does the one sequential read of the file, which feeds the hash, the
// sniffer and (for text formats) the text sink, then runs the extractors,
// whose random-access reads hit the pages that read just brought in.
func (p *processor) read(ctx context.Context, e entry, rec *Record) error {
	// O_NONBLOCK: a file swapped for a FIFO after the walk must not hang us.
	f, err := os.OpenFile(e.abs, OpenReadOnly, 0)
	if err != nil {
		rec.Kind = extract.KindOther
		return fmt.Errorf("open: %w", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		rec.Kind = extract.KindOther
		return fmt.Errorf("stat: %w", unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		rec.Kind = extract.KindOther
		return fmt.Errorf("changed into a %s while the folder was walked", info.Mode().Type())
	}
	rec.Size = info.Size()

	// Read no more than stat said: a file that keeps growing (a log being
	// written, a download in progress) would otherwise be read forever.
	var file io.Reader = f
	if p.wrapFile != nil {
		file = p.wrapFile(f)
	}
	limited := &io.LimitedReader{R: readerCtx{ctx, file}, N: rec.Size}
	h256 := sha256.New()
	var h io.Writer = h256
	var h512 interface {
		io.Writer
		Sum([]byte) []byte
	}
	switch {
	case p.sha512 && rec.Size >= sideHashMin:
		side := newSideHash(sha512.New())
		defer side.stop()
		h512, h = side, io.MultiWriter(h256, side)
	case p.sha512:
		h512 = sha512.New()
		h = io.MultiWriter(h256, h512)
	}
	hp := heads.Get().(*[]byte)
	defer heads.Put(hp)
	head := (*hp)[:min(extract.HeadSize, max(rec.Size, 0))]
	n, err := io.ReadFull(limited, head)
	head = head[:n]
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		rec.Kind = extract.KindOther
		return fmt.Errorf("read: %w", readError(ctx, err))
	}
	err = nil
	h.Write(head)
	rec.MediaType, rec.Kind = extract.Sniff(path.Base(e.rel), head)

	res := &extract.Result{}
	sink := textSink{ctx: ctx, fd: p.detect.start(rec)}
	if p.languages != nil {
		sink.sampler = p.languages.NewSampler()
	}
	total := int64(len(head))
	rest := &countingReader{r: io.TeeReader(limited, h)}
	if extract.ContentIsText(rec.MediaType) {
		if sink.active() {
			in, text := contentText(head, io.MultiReader(bytes.NewReader(head), rest))
			err = sink.feed("", in, text)
		}
	} else if sink.active() {
		res.Sink = sink
	}
	if err == nil {
		bp := copyBuffers.Get().(*[]byte)
		_, err = io.CopyBuffer(io.Discard, rest, *bp)
		copyBuffers.Put(bp)
	}
	total += rest.n
	rec.read = total
	if err != nil {
		return fmt.Errorf("read: %w", readError(ctx, err))
	}
	if total == rec.Size {
		var one [1]byte
		if n, _ := file.Read(one[:]); n > 0 {
			return fmt.Errorf("file grew while it was read (stat said %d bytes): scan it again once it is complete", rec.Size)
		}
	}
	rec.SHA256 = hex.EncodeToString(h256.Sum(nil))
	if h512 != nil {
		rec.SHA512 = hex.EncodeToString(h512.Sum(nil))
	}
	if total != rec.Size {
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("file changed while it was read: stat said %d bytes, read %d", rec.Size, total))
		rec.Size = total
	}

	// A file the head holds whole is parsed from memory: the extractors'
	// reads would otherwise each be a system call for bytes already read.
	var at io.ReaderAt = f
	if total == int64(len(head)) {
		at = bytes.NewReader(head)
	}
	src := &extract.Source{Path: e.rel, Size: rec.Size, Head: head, R: readerAtCtx{ctx, at}, MediaType: rec.MediaType, Kind: rec.Kind}
	extract.Run(ctx, p.extractors, src, res)
	res.AddDate(mtimeDate(info.ModTime()))

	if d, ok := res.ContentDate(); ok {
		rec.ContentDate = &ContentDate{Value: d.String(), Source: d.Source}
	}
	rec.Tags = res.Tags
	rec.Fields = res.Fields
	if sink.sampler != nil {
		rec.Languages = sink.sampler.Result()
		sink.sampler.Release()
	}
	if err := sink.fd.finish(ctx, rec, res); err != nil {
		res.Errors = append(res.Errors, err)
	}
	if len(res.Errors) > 0 {
		msgs := make([]string, len(res.Errors))
		for i, err := range res.Errors {
			msgs[i] = err.Error()
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return nil
}

// unwrapPath drops the absolute path an *fs.PathError carries: records name
// files by their path relative to the folder.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// readerCtx stops a long read when the scan is cancelled or the file's
// deadline passes.
type readerCtx struct {
	ctx context.Context
	r   io.Reader
}

func (r readerCtx) Read(b []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(b)
}

// readerAtCtx is readerCtx for the extractors' random-access reads: a
// parser sent round a cycle of offsets by a hostile file stops at the
// file's deadline instead of reading the same bytes for ever.
type readerAtCtx struct {
	ctx context.Context
	r   io.ReaderAt
}

func (r readerAtCtx) ReadAt(b []byte, off int64) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.ReadAt(b, off)
}
