package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/extract"
)

// Detection configures the detect stage of a scan.
type Detection struct {
	Detectors  []detectors.Detector
	Key        []byte // the folder's fingerprint key (detectors.LoadOrCreateKey)
	Identity   detectors.Identity
	ShowValues bool
	Ignore     *detectors.IgnoreList // may be nil
	// Assess, when set, sums up a file's rights from its item and its
	// sealed findings (see detectors/rights).
	Assess func(item *detectors.Item, findings []detectors.Finding) *detectors.Rights
}

// detector is the prepared detect stage, shared by the workers.
type detector struct {
	text  []detectors.TextDetector
	meta  []detectors.Detector
	self  *detectors.SelfFilter
	d     *Detection
	index map[string]int // detector name -> position, for the finding order
	// fps recycles the files' fingerprinters: setting up their two HMACs
	// for every file cost more than most files' findings.
	fps sync.Pool
	// fields remembers what the text detectors found in metadata values
	// that file after file holds (a camera, a copyright notice).
	fields *detectors.FieldMemo
	// subsets are the lists of text detectors of files to which only
	// some apply, by the set of those that do.
	mu      sync.RWMutex
	subsets map[uint64][]detectors.TextDetector
}

func newDetector(d *Detection) *detector {
	if d == nil || len(d.Detectors) == 0 {
		return nil
	}
	dt := &detector{self: detectors.NewSelfFilter(d.Identity), d: d, index: map[string]int{}, fields: detectors.NewFieldMemo(),
		subsets: map[uint64][]detectors.TextDetector{}}
	dt.fps.New = func() any { return detectors.NewFingerprinter(d.Key) }
	for i, det := range d.Detectors {
		dt.index[det.Name()] = i
		if td, ok := det.(detectors.TextDetector); ok {
			dt.text = append(dt.text, td)
		}
		// Every detector's Detect runs over the metadata, a text
		// detector's too: some read what text cannot show, as
		// rights/stock the file name and rights/embedded the sources the
		// HTML extractor lists. Those that read text alone return nothing.
		dt.meta = append(dt.meta, det)
	}
	return dt
}

// fileDetection is the detect stage of one file: it receives the file's
// text while the file is read, then its metadata once extracted.
type fileDetection struct {
	dt      *detector
	item    *detectors.Item
	fp      *detectors.Fingerprinter
	scanner *detectors.TextScanner
}

func (dt *detector) start(rec *Record) *fileDetection {
	if dt == nil {
		return nil
	}
	item := &detectors.Item{Path: rec.Path, MediaType: rec.MediaType, Kind: rec.Kind, Size: rec.Size}
	fp := dt.fps.Get().(*detectors.Fingerprinter)
	texts := dt.applying(item)
	fd := &fileDetection{dt: dt, item: item, fp: fp}
	if len(texts) > 0 {
		fd.scanner = detectors.NewTextScanner(texts, item, detectors.ScanOptions{
			Fingerprinter: fp, Self: dt.self, ShowValues: dt.d.ShowValues, FieldMemo: dt.fields,
		})
	}
	return fd
}

// applying returns the text detectors that apply to item: dt.text
// itself when all do, else the list of those that do, made once for each
// such set. There are a few a scan: without TDM rules the robots.txt
// reader applies to robots.txt files alone, so most files have the same
// list without it.
func (dt *detector) applying(item *detectors.Item) []detectors.TextDetector {
	if len(dt.text) > 64 { // more than a set holds: a list for each file
		var texts []detectors.TextDetector
		for _, td := range dt.text {
			if td.Applies(item) {
				texts = append(texts, td)
			}
		}
		return texts
	}
	var set uint64
	for i, td := range dt.text {
		if td.Applies(item) {
			set |= 1 << i
		}
	}
	if set == 1<<len(dt.text)-1 {
		return dt.text
	}
	dt.mu.RLock()
	texts, ok := dt.subsets[set]
	dt.mu.RUnlock()
	if !ok {
		for i, td := range dt.text {
			if set&(1<<i) != 0 {
				texts = append(texts, td)
			}
		}
		dt.mu.Lock()
		dt.subsets[set] = texts
		dt.mu.Unlock()
	}
	return texts
}

// scanText runs the text detectors over r, whose bytes are the file
// itself (in = detectors.InContent) or text extracted from part of it.
func (fd *fileDetection) scanText(part, in string, r io.Reader) error {
	if fd == nil || fd.scanner == nil {
		_, err := io.Copy(io.Discard, r)
		return err
	}
	return fd.scanner.Scan(part, in, r)
}

// finish runs the metadata detectors and the text detectors over the
// metadata, then orders the findings and applies the ignore list.
func (fd *fileDetection) finish(ctx context.Context, rec *Record, res *extract.Result) error {
	if fd == nil {
		return nil
	}
	defer func() {
		if fd.scanner != nil {
			fd.scanner.Release()
		}
		fd.dt.fps.Put(fd.fp) // the findings hold strings, not the fingerprinter
	}()
	item := fd.item
	full := itemOf(rec)
	item.Fields, item.Language = full.Fields, full.Language
	var findings []detectors.Finding
	var problems []error
	if fd.scanner != nil {
		if err := fd.scanner.ScanFields(); err != nil {
			problems = append(problems, err)
		}
		findings = append(findings, fd.scanner.Findings()...)
		if n := fd.scanner.Dropped(); n > 0 {
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("%d more findings not listed: a file reports at most %d", n, detectors.DefaultMaxFindings))
		}
	}
	found, metaProblems := fd.dt.runMeta(ctx, item, fd.fp, fd.dt.meta)
	rec.Findings = append(findings, found...)
	fd.dt.complete(rec, item, append(problems, metaProblems...))
	return nil
}

// runMeta runs metadata detectors over item and seals their findings.
func (dt *detector) runMeta(ctx context.Context, item *detectors.Item, fp *detectors.Fingerprinter, dets []detectors.Detector) ([]detectors.Finding, []error) {
	var findings []detectors.Finding
	var problems []error
	sealer := &detectors.Sealer{Fingerprinter: fp, Self: dt.self, ShowValues: dt.d.ShowValues}
	for _, det := range dets {
		if !det.Applies(item) {
			continue
		}
		found, err := detectSafely(ctx, det, item)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		for i := range found {
			found[i].Path, found[i].Detector = item.Path, det.Name()
		}
		sealer.Seal(found)
		findings = append(findings, found...)
	}
	return findings, problems
}

// complete orders a record's findings, applies the ignore list, lists the
// ids and sums up the rights.
func (dt *detector) complete(rec *Record, item *detectors.Item, problems []error) {
	rec.Findings = detectors.DropRepeats(rec.Findings)
	for i := range rec.Findings {
		if rec.Findings[i].Kind == detectors.KindSelf {
			rec.Findings[i].Action = "" // the creator's own: nothing to do
		}
		setDefaultAction(&rec.Findings[i])
	}
	dt.sort(rec.Findings)
	dt.refresh(rec)
	if dt.d.Assess != nil {
		rec.Rights = dt.d.Assess(item, rec.Findings)
	}
	for _, p := range problems {
		rec.Warnings = append(rec.Warnings, "detect: "+p.Error())
	}
}

// refresh applies the current ignore list to a record's findings, which
// may come from the catalog, and lists their ids. It reports whether that
// changed the record: a cached record's encoded lines then no longer
// describe it.
func (dt *detector) refresh(rec *Record) (changed bool) {
	if dt.d.Ignore != nil && len(rec.Findings) > 0 {
		var small [8][2]string
		was := small[:0]
		for _, f := range rec.Findings {
			was = append(was, [2]string{f.Status, f.Reason})
		}
		dt.d.Ignore.Apply(rec.Findings)
		for i, f := range rec.Findings {
			changed = changed || was[i] != [2]string{f.Status, f.Reason}
		}
	}
	if len(rec.FindingIDs) == len(rec.Findings) {
		same := true
		for i := range rec.Findings {
			same = same && rec.FindingIDs[i] == rec.Findings[i].ID
		}
		if same {
			return changed // a cached record lists them already
		}
	}
	rec.FindingIDs = nil
	for _, f := range rec.Findings {
		rec.FindingIDs = append(rec.FindingIDs, f.ID)
	}
	return true
}

// rerun runs dets, metadata detectors whose version changed, over the
// cached record of a file, without reading it.
func (dt *detector) rerun(ctx context.Context, rec *Record, dets []detectors.Detector) {
	item := itemOf(rec)
	found, problems := dt.runMeta(ctx, item, detectors.NewFingerprinter(dt.d.Key), dets)
	rec.Findings = append(rec.Findings, found...)
	dt.complete(rec, item, problems)
}

// byName returns the run's detector called name.
func (dt *detector) byName(name string) detectors.Detector {
	return dt.d.Detectors[dt.index[name]]
}

// itemOf is what detectors see of a record.
func itemOf(rec *Record) *detectors.Item {
	item := &detectors.Item{Path: rec.Path, MediaType: rec.MediaType, Kind: rec.Kind, Size: rec.Size}
	item.Fields = make([]detectors.Field, len(rec.Fields))
	for i, f := range rec.Fields {
		item.Fields[i] = detectors.Field(f)
	}
	if len(rec.Languages) > 0 {
		item.Language = rec.Languages[0].Code
	}
	return item
}

// detectSafely runs one metadata detector; a panic becomes an error, as a
// parser's does, so one odd value cannot stop the scan.
func detectSafely(ctx context.Context, det detectors.Detector, item *detectors.Item) (found []detectors.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			found, err = nil, fmt.Errorf("%s: panic: %v", det.Name(), r)
		}
	}()
	found, err = det.Detect(ctx, item)
	if err != nil {
		err = fmt.Errorf("%s: %w", det.Name(), err)
	}
	return found, err
}

// setDefaultAction fills in what redaction a finding calls for when its
// detector did not say: values in text are masked, metadata fields removed,
// except a name in a copyright field, which is for the creator to review.
func setDefaultAction(f *detectors.Finding) {
	if f.Action != "" || f.Kind == detectors.KindSelf {
		return
	}
	switch f.Category {
	case detectors.CategoryPII, detectors.CategorySecret:
		switch {
		case f.Location.In == detectors.InMetadata && f.Kind == "person_name" && detectors.IsCopyrightField(f.Location.Field):
			// A name in a copyright notice is there to be published:
			// whether the notice stays is the creator's call, and
			// rights/copyright reports the notice itself.
			f.Action = detectors.ActionReview
		case f.Location.In == detectors.InMetadata:
			f.Action = detectors.ActionRemove
		default:
			f.Action = detectors.ActionMask
		}
	default:
		f.Action = detectors.ActionReview
	}
}

// locationOrder puts metadata first, then the file's own bytes, then text
// extracted from its parts.
var locationOrder = map[string]int{detectors.InMetadata: 0, detectors.InContent: 1, detectors.InText: 2}

// sort orders a file's findings for output: metadata by field, the file's
// own bytes by offset, extracted text in the order it was read; then by
// detector. The order never depends on scheduling.
func (dt *detector) sort(fs []detectors.Finding) {
	slices.SortStableFunc(fs, func(a, b detectors.Finding) int {
		if c := cmp.Compare(locationOrder[a.Location.In], locationOrder[b.Location.In]); c != 0 {
			return c
		}
		switch a.Location.In {
		case detectors.InMetadata:
			if c := cmp.Compare(a.Location.Field, b.Location.Field); c != 0 {
				return c
			}
		case detectors.InContent:
			if c := cmp.Or(cmp.Compare(a.Location.Start, b.Location.Start), cmp.Compare(a.Location.End, b.Location.End)); c != 0 {
				return c
			}
		default:
			return 0
		}
		return cmp.Compare(dt.index[a.Detector], dt.index[b.Detector])
	})
}

// textSink hands a file's text to the language sampler and the text
// detectors in one pass.
type textSink struct {
	// ctx stops the text at the file's deadline: text inflated from a few
	// bytes (a compressed stream) can go on long after the file was read.
	ctx     context.Context
	sampler *extract.LanguageSampler // nil when languages are not detected
	fd      *fileDetection           // nil when nothing is detected
}

func (t textSink) active() bool {
	return t.sampler != nil || (t.fd != nil && t.fd.scanner != nil)
}

// Text implements extract.TextSink for text extracted from a container.
func (t textSink) Text(part string, r io.Reader) error {
	return t.feed(part, detectors.InText, r)
}

// feed reads r to its end.
func (t textSink) feed(part, in string, r io.Reader) error {
	r = readerCtx{t.ctx, r}
	scan := t.fd != nil && t.fd.scanner != nil
	switch {
	case scan && t.sampler != nil:
		return t.fd.scanText(part, in, io.TeeReader(r, t.sampler.Writer(part)))
	case scan:
		return t.fd.scanText(part, in, r)
	case t.sampler != nil:
		return t.sampler.Text(part, r)
	}
	_, err := io.Copy(io.Discard, r)
	return err
}
