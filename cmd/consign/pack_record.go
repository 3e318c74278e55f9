package main

import (
	"context"
	"path/filepath"
	"runtime"
	"time"

	gojson "github.com/goccy/go-json"
	"golang.org/x/sync/errgroup"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

// noFindings is how a file without findings is recorded: json.Marshal of
// a nil slice, spelled once rather than encoded for each such file.
var noFindings = []byte("null")

// packRecord is the catalog's record of a pack: what it held, prepared
// while the bundle's metadata is written (start), and recorded once the
// bundle is in place (recordPack).
type packRecord struct {
	scanned []*pipeline.Record // every scanned file, the ones the policy left out included
	out     string             // the bundle's full path
	at      time.Time          // when the pack ran
	done    chan struct{}      // closed once prepared; nil until started
	pp      *catalog.PreparedPack
	err     error
}

// newPackRecord is the record of a pack of scanned into out at at, or
// nil when there is no catalog to keep it. out is the bundle's full path:
// status runs from anywhere, where a relative one would name another
// folder. at is when the pack ran, which status shows: the bundle's
// Bagging-Date is the newest content date unless SOURCE_DATE_EPOCH is
// set, and says nothing of when the creator last packed.
func newPackRecord(b *bundleInputs, scanned []*pipeline.Record, out string, at time.Time) *packRecord {
	if b.Catalog == nil {
		return nil
	}
	return &packRecord{scanned: scanned, out: out, at: at}
}

// start prepares the record on a goroutine of its own. Once the payload
// is written, the files' digests and findings are settled; encoding the
// findings and comparing them with the last pack's then runs beside the
// metadata, where a repack of 20,000 files spent 60 ms on them after it.
func (r *packRecord) start(ctx context.Context, b *bundleInputs) {
	if r == nil || r.done != nil {
		return
	}
	r.done = make(chan struct{})
	go func() {
		defer close(r.done)
		r.pp, r.err = r.prepare(ctx, b)
	}()
}

// wait returns once the record is prepared, or at once if it was never
// started.
func (r *packRecord) wait() {
	if r != nil && r.done != nil {
		<-r.done
	}
}

// prepare encodes every scanned file's findings, with its original digest,
// and has the catalog compare them with the last pack's.
func (r *packRecord) prepare(ctx context.Context, b *bundleInputs) (*catalog.PreparedPack, error) {
	findingsByFile := findingsOf(r.scanned, b.Findings)
	p := catalog.Pack{BundleID: b.Identifier, Created: r.at.UTC().Format(time.RFC3339), Output: r.out,
		Files: make([]catalog.PackFile, len(r.scanned))}
	err := alongStretches(ctx, len(r.scanned), runtime.GOMAXPROCS(0), recordChunk, func(_ context.Context, lo, hi int) error {
		for i := lo; i < hi; i++ {
			rec := r.scanned[i]
			sum := rec.SHA256
			if rec.Redaction != nil {
				sum = rec.Redaction.OriginalSHA256
			}
			findings := noFindings
			if fs := findingsByFile[i]; fs != nil {
				// goccy/go-json encodes the findings as encoding/json
				// does (TestPackFindingsJSONAsEncodingJSON) in under
				// half the time: a repack of 20,000 generated files
				// spent 0.13 s of CPU here, then 0.06 s.
				var err error
				if findings, err = gojson.Marshal(fs); err != nil {
					return err
				}
			}
			p.Files[i] = catalog.PackFile{Path: rec.Path, SHA256: sum, Findings: findings}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.Catalog.PreparePack(ctx, p)
}

// recordPack notes in the catalog what the pack of b held, for consign
// status: every scanned file with its original digest and findings.
func recordPack(ctx context.Context, b *bundleInputs) error {
	r := b.record
	if r == nil {
		return nil
	}
	r.start(ctx, b) // a no-op once the bundle was built
	r.wait()
	if r.err != nil {
		return r.err
	}
	if err := b.Catalog.RecordPack(ctx, r.pp); err != nil {
		return err
	}
	// The record of the pack is copied into the database file while the
	// copies and change times are looked at, not all at the close: that
	// took 37 ms of a repack's last 40 ms, then 22 ms.
	b.Catalog.Checkpoint()
	// The copies' and originals' change times move until the old
	// bundle's links are gone.
	b.oldGone()
	if b.Trusted {
		// The records of scan shards carry no stat fingerprint to compare.
		return recordCopies(ctx, b, r.out)
	}
	// The originals are looked at while the catalog records the copies.
	relinked := make(chan []catalog.Relinked, 1)
	go func() { relinked <- relinkedFiles(b.Root, r.scanned, b.kept) }()
	err := recordCopies(ctx, b, r.out)
	files := <-relinked
	if err != nil {
		return err
	}
	return b.Catalog.RefreshCtimes(ctx, files)
}

// recordChunk is how many files a worker encoding the findings for the
// record of the pack takes at a time.
const recordChunk = 512

// findingsOf gives each scanned file's findings, in the order of scanned,
// as findingIndexes finds them: a window of all where they are side by
// side, as a scan gives them, else a copy.
func findingsOf(scanned []*pipeline.Record, all []detectors.Finding) [][]detectors.Finding {
	at := findingIndexes(scanned, all)
	out := make([][]detectors.Finding, len(scanned))
	for i := range scanned {
		idx := at(i)
		switch n := len(idx); {
		case n == 0:
		case idx[n-1]-idx[0] == n-1:
			out[i] = all[idx[0] : idx[n-1]+1 : idx[n-1]+1]
		default:
			for _, k := range idx {
				out[i] = append(out[i], all[k])
			}
		}
	}
	return out
}

// relinkedFiles gives every scanned file whose size, mtime and inode are
// still the scan's, moved or not (left out, or in the bundle as a
// redacted copy), with its change time now: linking the originals into
// the bundle, and removing the bundle it replaced, changed their inodes'
// change times but not their content, and the moves recorded by the packs
// before stay for them. The files are looked at on every core: this runs
// once the old bundle is gone, when nothing else is left to do. A file
// kept says was left in place in the folder the last pack kept
// (pack_next.go), so no link to its original was made or removed: its
// change time is still the one the scan saw, and it is not looked at.
func relinkedFiles(root string, scanned []*pipeline.Record, kept func(string) bool) []catalog.Relinked {
	found := make([]catalog.Relinked, len(scanned))
	var eg errgroup.Group
	parts := max(runtime.GOMAXPROCS(0), 1)
	for k := range parts {
		eg.Go(func() error {
			var d dirLstat
			defer d.close()
			for i := k * len(scanned) / parts; i < (k+1)*len(scanned)/parts; i++ {
				rec := scanned[i]
				if rec.RawPath != "" {
					continue
				}
				if kept != nil && kept(rec.Path) {
					found[i] = catalog.Relinked{Path: rec.Path, Was: rec.Stat, CtimeNS: rec.Stat.CtimeNS}
					continue
				}
				info, err := d.lstat(filepath.Join(root, filepath.FromSlash(rec.Path)))
				if err != nil || !info.Mode().IsRegular() {
					continue
				}
				st := pipeline.StatOf(info)
				if st.Size == rec.Stat.Size && st.MtimeNS == rec.Stat.MtimeNS && st.Inode == rec.Stat.Inode {
					found[i] = catalog.Relinked{Path: rec.Path, Was: rec.Stat, CtimeNS: st.CtimeNS}
				}
			}
			return nil
		})
	}
	eg.Wait()
	relinked := found[:0]
	for _, r := range found {
		if r.Path != "" {
			relinked = append(relinked, r)
		}
	}
	return relinked
}
