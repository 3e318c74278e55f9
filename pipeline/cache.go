package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"slices"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
)

// ExtractVersion names the output of the extractors: bump it whenever an
// extractor's fields, tags or dates change, so cached records made by the
// old code are read again.
const ExtractVersion = "2026.11.30.1"

// Versioned is implemented by detectors that say which version of their
// logic made a finding. A detector without it is version "1". Bumping one
// detector's version re-runs that detector alone on files whose cached
// record is otherwise still good, without reading them when it only looks
// at metadata.
type Versioned interface {
	Version() string
}

func detectorVersion(d detectors.Detector) string {
	if v, ok := d.(Versioned); ok {
		return v.Version()
	}
	return "1"
}

// Versions is what made a record: the extractors, the detection settings
// and each detector's version. The catalog keeps it beside cached records;
// a distributed run writes it into its summary.
type Versions struct {
	Extract string            `json:"extract"` // ExtractVersion and the options that change extraction
	Config  string            `json:"config"`  // detection settings that change findings
	Detect  map[string]string `json:"detect"`  // detector name -> version
}

// NewVersions describes how a scan with opts makes records;
// opts.CacheConfig is whatever else the caller knows changes records (the
// languages asked for).
func NewVersions(opts Options) Versions {
	v := Versions{Extract: ExtractVersion, Detect: map[string]string{}}
	h := sha256.New()
	for _, e := range opts.Extractors {
		h.Write([]byte(e.Name() + "\x00"))
	}
	h.Write([]byte(opts.CacheConfig))
	v.Extract += ":" + hex.EncodeToString(h.Sum(nil)[:8])
	if d := opts.Detection; d != nil {
		h.Reset()
		h.Write(d.Key)
		b, _ := json.Marshal(struct {
			ID   detectors.Identity
			Show bool
		}{d.Identity, d.ShowValues})
		h.Write(b)
		h.Write([]byte(detectors.ExcerptVersion))
		v.Config = hex.EncodeToString(h.Sum(nil)[:8])
		for _, det := range d.Detectors {
			v.Detect[det.Name()] = detectorVersion(det)
		}
	}
	return v
}

func (v Versions) String() string {
	b, _ := json.Marshal(v) // map keys marshal sorted
	return string(b)
}

// cachedRecord is a record as catalogs written before schema version 5
// keep it: one JSON object with the findings and the SHA-512 beside the
// record. Such entries are still read, so an upgrade reads no file again.
type cachedRecord struct {
	Record   *Record             `json:"record"`
	SHA512   string              `json:"sha512,omitempty"`
	Findings []detectors.Finding `json:"findings,omitempty"`
}

// decodeCached decodes a cached record in the older form. encoding/json
// wrote it; go-json reads it back into the same values several times
// faster.
func decodeCached(b []byte, cr *cachedRecord) error {
	return gojson.Unmarshal(b, cr)
}

// decodeEntry decodes the record a catalog entry keeps, with its SHA-512
// and findings, and returns the record's lines of the JSON Lines contract
// when the entry keeps it as those (see Record.Lines). A record that
// cannot be decoded is nil: the file is read again.
func decodeEntry(e catalog.Entry) (*Record, []byte) {
	if bytes.HasPrefix(e.Record, []byte(`{"record":`)) {
		var cr cachedRecord
		if decodeCached(e.Record, &cr) != nil || cr.Record == nil {
			return nil, nil
		}
		cr.Record.Findings, cr.Record.SHA512 = cr.Findings, cr.SHA512
		return cr.Record, nil
	}
	rec, err := decodeLines(e.Record)
	if err != nil {
		return nil, nil
	}
	rec.SHA512 = e.SHA512
	return rec, e.Record
}

// StatOf is the catalog's fingerprint of a file, from its Lstat.
func StatOf(info fs.FileInfo) catalog.Stat {
	st := catalog.Stat{Size: info.Size(), MtimeNS: info.ModTime().UnixNano()}
	statSys(info, &st)
	return st
}

// cache is the catalog as the walker, the workers and the emitter use it.
type cache struct {
	cat      *catalog.Catalog
	versions Versions
	key      string // versions as stored
	// linesOnly is Options.LinesOnly: records keep their encoded lines.
	linesOnly bool
	sha512    bool // Options.SHA512: the cursor reads the stored SHA-512s
	batch     catalog.Batch
	since     time.Time // when the first write now in batch was queued
	// cur reads the catalog alongside the walk, which visits files in the
	// catalog's path order; nil when it could not be opened or failed,
	// and files are then looked up one by one and nothing is forgotten.
	cur *catalog.Cursor
}

// catalogHint is what the walk found in the catalog for an entry.
type catalogHint struct {
	entry catalog.Entry
	hit   bool // the entry has the file's stat fingerprint
	// forget: the catalog held paths between from (exclusive; empty for
	// the first) and this one that the walk did not find.
	forget bool
	from   string
}

// open starts the read of the catalog in path order.
func (c *cache) open(ctx context.Context) {
	cur, err := c.cat.Entries(ctx, c.key, c.sha512)
	if err == nil {
		c.cur = cur
	} else if cur != nil {
		cur.Close()
	}
}

// seek reads e's entry from the catalog; the walk calls it for every
// entry, in order.
func (c *cache) seek(ctx context.Context, e *entry) {
	if c == nil || c.cur == nil || e.err != nil || !e.info.Mode().IsRegular() {
		return
	}
	prev, _ := c.cur.Last()
	got, hit, skipped, err := c.cur.Seek(ctx, e.rel, StatOf(e.info))
	if err != nil {
		c.cur.Close()
		c.cur = nil
		return
	}
	e.hint = &catalogHint{entry: got, hit: hit, forget: skipped, from: prev}
}

// lookup returns the cached record of e when it is still good for this
// run, re-running only metadata detectors whose version changed. restore
// says the catalog's entry should be written again: it is in the older
// form, or a detector ran again, or the ignore list changed a status.
func (c *cache) lookup(ctx context.Context, e entry, p *processor) (rec *Record, hit, restore bool) {
	if c == nil || e.err != nil || !e.info.Mode().IsRegular() {
		return nil, false, false
	}
	st := StatOf(e.info)
	var entry catalog.Entry
	if e.hint != nil {
		entry = e.hint.entry
		if !e.hint.hit {
			return nil, false, false
		}
	} else {
		got, hit, err := c.cat.LookupAny(ctx, e.rel, st)
		if err != nil || !hit {
			return nil, false, false
		}
		entry = got
	}
	was := c.versions // the common case: made by this very configuration
	if entry.Versions != c.key {
		was = Versions{} // decode into fresh maps, never into this run's
		if json.Unmarshal([]byte(entry.Versions), &was) != nil || was.Extract != c.versions.Extract || was.Config != c.versions.Config {
			return nil, false, false
		}
	}
	if p.linesOnly && entry.Versions == c.key {
		if rec := c.lookupLines(e, entry, st, p); rec != nil {
			return rec, true, false
		}
	}
	rec, lines := decodeEntry(entry)
	if rec == nil {
		return nil, false, false
	}
	if p.sha512 && rec.SHA512 == "" {
		return nil, false, false // made by a scan that did not need it: read again
	}
	rec.Stat = st
	if entry.Versions != c.key {
		switch reread, ran := c.rerunStale(ctx, e, rec, was, p); {
		case reread:
			return nil, false, false
		case ran:
			return rec, true, true
		}
	}
	if p.detect != nil && p.detect.refresh(rec) {
		return rec, true, true // the ignore list changed a status: the lines are out of date
	}
	c.keepLines(rec, lines)
	return rec, true, lines == nil || entry.Versions != c.key
}

// keepLines gives rec its lines for a caller that copies them
// (Options.LinesOnly): the report then does not encode the record a
// second time. Other callers, pack among them, may hold every record
// until the end, and do not need the bytes held too.
func (c *cache) keepLines(rec *Record, lines []byte) {
	if c.linesOnly {
		rec.lines = lines
	}
}

// lookupLines returns, for Options.LinesOnly, the cached record of e
// decoded only as far as that needs, with its lines; nil when the record
// must be decoded whole: it is in the older form, or the ignore list
// changed a status and the lines must be encoded again.
func (c *cache) lookupLines(e entry, entry catalog.Entry, st catalog.Stat, p *processor) *Record {
	if p.sha512 && entry.SHA512 == "" {
		return nil
	}
	rec, err := decodeLinesOnly(entry.Record)
	if err != nil {
		return nil
	}
	if p.detect != nil && p.detect.refresh(rec) {
		return nil
	}
	rec.Path, rec.SHA512, rec.Stat, rec.lines = e.rel, entry.SHA512, st, entry.Record
	return rec
}

// rerunStale brings a cached record made by other detector versions up
// to date: it runs again the metadata detectors whose version changed, on
// the stored metadata, and drops the findings of those that changed or
// are gone. reread says the file must be read instead, because a text
// detector changed; ran says the record changed.
func (c *cache) rerunStale(ctx context.Context, e entry, rec *Record, was Versions, p *processor) (reread, ran bool) {
	stale := map[string]bool{}
	for name, v := range was.Detect {
		if c.versions.Detect[name] != v {
			stale[name] = true
		}
	}
	var rerun []detectors.Detector
	for name, v := range c.versions.Detect {
		if was.Detect[name] != v {
			stale[name] = true
			det := p.detect.byName(name)
			if _, reads := det.(detectors.TextDetector); reads {
				return true, false // needs the text again: read the file
			}
			rerun = append(rerun, det)
		}
	}
	if len(stale) == 0 {
		return false, false
	}
	// The metadata is stored apart, and read only now that a metadata
	// detector must run on it again.
	fields, err := c.cat.Fields(ctx, e.rel)
	if err != nil || (len(fields) > 0 && json.Unmarshal(fields, &rec.Fields) != nil) {
		return true, false
	}
	rec.Findings = slices.DeleteFunc(rec.Findings, func(f detectors.Finding) bool { return stale[f.Detector] })
	p.detect.rerun(ctx, rec, rerun)
	return false, true
}

// store queues rec for the catalog, and forgets the files the walk passed
// over before it; records that could not be fully read are not kept, so
// the next run tries them again. A record reused from the catalog costs
// no write, unless lookup asked to restore it.
func (c *cache) store(ctx context.Context, e entry, rec *Record, fromCache, restore bool) error {
	if c == nil {
		return nil
	}
	queued := c.batch.Len()
	if e.hint != nil && e.hint.forget {
		c.batch.ForgetBetween(e.hint.from, e.rel)
	}
	switch {
	case fromCache && restore:
		// Same file, same metadata: a new record for it, in the current
		// form and with the current versions, so the next run neither
		// converts it nor runs a detector again.
		lines, err := encodeLines(rec)
		if err != nil {
			return err
		}
		c.keepLines(rec, lines)
		c.batch.Replace(catalog.Entry{Path: e.rel, SHA512: rec.SHA512, Versions: c.key, Record: lines})
	case fromCache:
	case rec.restat:
		// Same content under a new stat fingerprint: the new fingerprint,
		// and the record again only when its lines changed (a content
		// date from the modification time, an ignore-list status).
		lines := rec.lines
		rec.lines = nil
		var changed []byte
		if lines == nil {
			var err error
			if lines, err = encodeLines(rec); err != nil {
				return err
			}
			changed = lines
		}
		c.keepLines(rec, lines)
		c.batch.Restat(catalog.Entry{Path: e.rel, Stat: StatOf(e.info), SHA512: rec.SHA512, Versions: c.key, Record: changed})
	case rec.Error == "" && e.err == nil && e.info.Mode().IsRegular() && rec.RawPath == "":
		fields, err := json.Marshal(rec.Fields)
		if err != nil {
			return err
		}
		lines, err := encodeLines(rec)
		if err != nil {
			return err
		}
		c.keepLines(rec, lines)
		c.batch.Put(catalog.Entry{Path: e.rel, Stat: StatOf(e.info), SHA256: rec.SHA256, SHA512: rec.SHA512, Versions: c.key, Record: lines, Fields: fields})
	}
	switch n := c.batch.Len(); {
	case n == 0:
		return nil
	case queued == 0:
		c.since = time.Now()
	case n < 512 && time.Since(c.since) < applyAfter:
		return nil
	default:
		if err := c.cat.Apply(ctx, &c.batch); err != nil {
			return err
		}
		c.cat.Checkpoint()
	}
	return nil
}

// applyAfter is how long a write waits in the batch at most, unless the
// scan ends first: a rescan rewrites the entries of its few changed files
// as it goes, and the log they make is copied into the catalog while it
// scans (see catalog.Checkpoint), instead of all at its end. A first scan
// fills the batch of 512 writes in about that time.
const applyAfter = 50 * time.Millisecond

// finish writes what is queued and, after a complete walk, forgets the
// files past the last one walked.
func (c *cache) finish(ctx context.Context, complete bool) error {
	if c == nil {
		return nil
	}
	if c.cur != nil {
		c.cur.Close()
		if last, _ := c.cur.Last(); complete {
			c.batch.ForgetAfter(last)
		}
		c.cur = nil
	}
	return c.cat.Apply(ctx, &c.batch)
}
