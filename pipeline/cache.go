package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"slices"
	"syscall"

	gojson "github.com/goccy/go-json"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
)

// ExtractVersion names the output of the extractors: bump it whenever an
// extractor's fields, tags or dates change, so cached records made by the
// old code are read again.
const ExtractVersion = "2026.11.4"

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

// cachedRecord is a record as the catalog keeps it: with the metadata
// fields and the findings that reports do not print.
type cachedRecord struct {
	Record   *Record             `json:"record"`
	SHA512   string              `json:"sha512,omitempty"`
	Findings []detectors.Finding `json:"findings,omitempty"`
}

// decodeCached decodes a cached record. encoding/json wrote it; go-json
// reads it back into the same values several times faster, and a rerun
// decodes one record for every unchanged file.
func decodeCached(b []byte, cr *cachedRecord) error {
	return gojson.Unmarshal(b, cr)
}

// StatOf is the catalog's fingerprint of a file, from its Lstat.
func StatOf(info fs.FileInfo) catalog.Stat {
	st := catalog.Stat{Size: info.Size(), MtimeNS: info.ModTime().UnixNano()}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.Inode = sys.Ino
		st.CtimeNS = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
	}
	return st
}

// cache is the catalog as the walker, the workers and the emitter use it.
type cache struct {
	cat      *catalog.Catalog
	versions Versions
	key      string // versions as stored
	batch    catalog.Batch
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
	cur, err := c.cat.Entries(ctx)
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
// run, re-running only metadata detectors whose version changed.
func (c *cache) lookup(ctx context.Context, e entry, p *processor) (*Record, bool) {
	if c == nil || e.err != nil || !e.info.Mode().IsRegular() {
		return nil, false
	}
	st := StatOf(e.info)
	var entry catalog.Entry
	if e.hint != nil {
		entry = e.hint.entry
		if !e.hint.hit {
			return nil, false
		}
	} else {
		got, hit, err := c.cat.LookupAny(ctx, e.rel, st)
		if err != nil || !hit {
			return nil, false
		}
		entry = got
	}
	was := c.versions // the common case: made by this very configuration
	if entry.Versions != c.key {
		was = Versions{} // decode into fresh maps, never into this run's
		if json.Unmarshal([]byte(entry.Versions), &was) != nil || was.Extract != c.versions.Extract || was.Config != c.versions.Config {
			return nil, false
		}
	}
	var cr cachedRecord
	if decodeCached(entry.Record, &cr) != nil || cr.Record == nil {
		return nil, false
	}
	if p.sha512 && cr.SHA512 == "" {
		return nil, false // made by a scan that did not need it: read again
	}
	rec := cr.Record
	rec.Findings, rec.SHA512, rec.Stat = cr.Findings, cr.SHA512, st
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
				return nil, false // needs the text again: read the file
			}
			rerun = append(rerun, det)
		}
	}
	if len(stale) > 0 {
		// The metadata is stored apart, and read only now that a
		// metadata detector must run on it again.
		fields, err := c.cat.Fields(ctx, e.rel)
		if err != nil || (len(fields) > 0 && json.Unmarshal(fields, &rec.Fields) != nil) {
			return nil, false
		}
		rec.Findings = slices.DeleteFunc(rec.Findings, func(f detectors.Finding) bool { return stale[f.Detector] })
		p.detect.rerun(ctx, rec, rerun)
	} else if p.detect != nil {
		p.detect.refresh(rec)
	}
	return rec, true
}

// store queues rec for the catalog, and forgets the files the walk passed
// over before it; records that could not be fully read are not kept, so
// the next run tries them again. A record reused from the catalog costs
// no write.
func (c *cache) store(ctx context.Context, e entry, rec *Record, fromCache bool) error {
	if c == nil {
		return nil
	}
	if e.hint != nil && e.hint.forget {
		c.batch.ForgetBetween(e.hint.from, e.rel)
	}
	switch {
	case fromCache:
	case rec.Error == "" && e.err == nil && e.info.Mode().IsRegular() && rec.RawPath == "":
		fields, err := json.Marshal(rec.Fields)
		if err != nil {
			return err
		}
		b, err := json.Marshal(cachedRecord{Record: rec, SHA512: rec.SHA512, Findings: rec.Findings})
		if err != nil {
			return err
		}
		c.batch.Put(catalog.Entry{Path: e.rel, Stat: StatOf(e.info), SHA256: rec.SHA256, Versions: c.key, Record: b, Fields: fields})
	}
	if c.batch.Len() >= 512 {
		return c.cat.Apply(ctx, &c.batch)
	}
	return nil
}

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
