package main

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"
	"golang.org/x/text/unicode/norm"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/manifest/sign"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

// bundleInputs is everything a bundle is made from: the scan's records and
// findings, the creator's profile, and the values every generator shares.
type bundleInputs struct {
	Root       string                // the content folder
	Profile    *manifest.Profile     // consign.yaml
	Records    []*pipeline.Record    // the payload files, sorted by path
	Findings   []detectors.Finding   // every finding, in report order
	Summary    pipeline.Summary      // the scan's totals
	Identifier string                // External-Identifier, a urn:uuid
	Version    string                // consign's version
	Date       time.Time             // Bagging-Date: SOURCE_DATE_EPOCH or the newest content date
	Plans      map[string]*filePlan  // redactions and exclusions, by path
	Facts      *manifest.BundleFacts // what the metadata documents are told about the bundle

	Catalog *catalog.Catalog        // the folder's catalog, nil with --no-cache
	ignore  *detectors.IgnoreList   // the folder's ignore list, nil without detectors
	Out     string                  // where the bundle goes, and where the one it replaces is
	copies  map[string]catalog.Copy // the redacted copies the bundle at Out holds, by path
	// copiesRead is closed once copies is read (readCopies); nil until
	// started.
	copiesRead chan struct{}
	made       []madeCopy // the redacted copies this pack made or took

	// RemoteBase is the URL prefix of a remote root (pack --from shards
	// of object storage): the payload stays there and fetch.txt lists it.
	RemoteBase string
	// Trusted says the records' digests come from scan shards, not from
	// this process's read: a local original whose size matches is linked
	// without reading it, and verify checks its content.
	Trusted bool

	identify func(*manifest.Profile) (string, error) // the catalog's External-Identifier
	done     func()                                  // releases the catalog
	mu       sync.Mutex
	warnings []string
	found    []*pipeline.Record // the collected records with findings, until collected
	skipped  []string           // symbolic links, left out
	badNames []string           // names that are not UTF-8, which stop the pack
	slashed  []string           // names with a backslash, which stop the pack
	unread   []string           // "path: why" of files pack cannot open, which stop the pack
	listed   int                // payload files left at RemoteBase, in fetch.txt
	progress *progress          // the terminal display, nil when there is none
	removing chan struct{}      // closed once the bundle replaced is removed or kept (see oldGone)
	record   *packRecord        // the catalog's record of the pack, nil without one
	kept     func(string) bool  // whether a payload file was kept in place (pack_next.go), once built

	caseGroups [][]string        // the paths (NFC) that differ only in letter case, by group (pack_portable.go)
	caseTwin   map[string]string // each of those paths to another of its group
}

// close releases what the scan held open, once the record of the pack
// is no longer being prepared from it and the copies are read.
func (b *bundleInputs) close() {
	b.record.wait()
	b.waitCopies()
	if b.done != nil {
		b.done()
		b.done = nil
	}
}

// warn notes something the creator should know about the bundle; pack
// prints the notes when it is done.
func (b *bundleInputs) warn(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.warnings = append(b.warnings, fmt.Sprintf(format, args...))
}

// tagWriter makes one tag file of the bundle: its path (such as
// "metadata/files.jsonl" or "croissant.json") and a write of its bytes,
// which must depend only on b, so that the same input gives the same
// bundle.
type tagWriter struct {
	name  string
	write func(b *bundleInputs, w io.Writer) error
	// large says the file has a part for every file or finding of the
	// bundle, where the others summarise: writeTags starts it first.
	large bool
}

// tagWriters make the bundle's tag files, in this order; each file they
// write is listed in tagmanifest-sha256.txt and so covered by the signature.
// The first two are the JSON Lines the others describe.
var tagWriters = []tagWriter{
	{"metadata/files.jsonl", writeFilesJSONL, true},
	{"metadata/findings.jsonl", writeFindingsJSONL, true},
	generated("croissant.json", manifest.Croissant),
	generated("README.md", manifest.DatasetCard),
	streamed("metadata/content-profile.json", manifest.WriteContentProfile).startFirst(),
	generated("metadata/dps.json", manifest.DPS),
}

// payloadWriter puts one scanned file into the bag's payload (data/), or
// declines with handled false so the next one in payloadWriters tries. A
// writer that handles a file must add it under its record's path, or leave
// it out on purpose. Writers run concurrently for different records.
type payloadWriter func(ctx context.Context, bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record) (handled bool, err error)

// payloadWriters are tried in order for each record; linkOriginal, last,
// takes every file.
var payloadWriters = []payloadWriter{
	redactCopy,
	listRemote,
	linkOriginal,
}

// linkOriginal puts the original file in the payload unchanged: a hard
// link when the bundle is on the same file system, a copy otherwise.
func linkOriginal(ctx context.Context, bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record) (bool, error) {
	src := filepath.Join(b.Root, filepath.FromSlash(rec.Path))
	// The inode the scan saw: the folder the last pack kept holds links
	// to the originals, kept without a stat when still to that inode.
	sums := bagit.Sums{Size: rec.Size, SHA256: rec.SHA256, SHA512: rec.SHA512, Inode: rec.Stat.Inode}
	unchanged := func(info fs.FileInfo) bool {
		if b.Trusted {
			return true // LinkHashed compared the size; shards carry no stat
		}
		st := pipeline.StatOf(info)
		return st.Size == rec.Stat.Size && st.MtimeNS == rec.Stat.MtimeNS && st.Inode == rec.Stat.Inode
	}
	if err := bag.LinkHashed(rec.Path, src, sums, unchanged); err != nil {
		if rec.Error != "" {
			return true, fmt.Errorf("%w (the scan could not read it either: fix it, or exclude it in %s)", err, manifest.ProfileFile)
		}
		return true, err
	}
	if sum, ok := bag.SHA256(rec.Path); ok && rec.SHA256 != "" && sum != rec.SHA256 {
		if b.Trusted {
			return true, fmt.Errorf("%s is not the file the scan shards describe: scan again", manifest.DisplayPath(rec.Path))
		}
		return true, fmt.Errorf("%s changed while it was packed: pack again", manifest.DisplayPath(rec.Path))
	}
	return true, nil
}

// writeFilesJSONL writes one record per payload file, as scan's JSON Lines
// "file" lines without "type", named as the payload names them (NFC).
func writeFilesJSONL(b *bundleInputs, w io.Writer) error {
	enc := gojson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var r pipeline.Record // one copy for all: the encoder takes its address
	for _, rec := range b.Records {
		r = *rec
		r.Path = norm.NFC.String(r.Path)
		if err := enc.Encode(&r); err != nil {
			return fmt.Errorf("encode record of %s: %w", rec.Path, err)
		}
	}
	return nil
}

// writeFindingsJSONL writes every finding with its status, as scan reports
// it.
func writeFindingsJSONL(b *bundleInputs, w io.Writer) error {
	enc := gojson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var f detectors.Finding // one copy for all: the encoder takes its address
	for i := range b.Findings {
		f = b.Findings[i]
		f.Path = norm.NFC.String(f.Path)
		if err := enc.Encode(&f); err != nil {
			return fmt.Errorf("encode finding %s: %w", f.ID, err)
		}
	}
	return nil
}

// bagInfo is bag-info.txt: who made the bag and how to reach them, from
// consign.yaml's creator, then the bag's identity.
func bagInfo(b *bundleInputs) []bagit.Field {
	var info []bagit.Field
	add := func(label, value string) {
		if v := strings.Join(strings.Fields(value), " "); v != "" {
			info = append(info, bagit.Field{Label: label, Value: v})
		}
	}
	c := b.Profile.Creator
	org := c.Organisation
	if org == "" {
		org = c.Name
	}
	add("Source-Organization", org)
	add("Contact-Name", c.Name)
	// The contact is the address buyers write to; creator.emails and
	// creator.phones only tell scan the creator's own details apart and
	// are not published.
	add("Contact-Email", c.Contact.Email)
	add("External-Identifier", b.Identifier)
	add("Bag-Software-Agent", "consign "+b.Version)
	add("Bagging-Date", b.Date.UTC().Format(time.DateOnly))
	return info
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// time to stamp on output instead of the clock. Zero when unset. A time
// past the year 9999 is refused: a Bagging-Date and the RFC 3339 times of
// the bundle's metadata have four digits for the year.
func sourceDateEpoch() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", s)
	}
	if n > lastEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is after the year 9999, which a Bagging-Date cannot hold", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// lastEpoch is the last second of the year 9999, 9999-12-31T23:59:59Z.
const lastEpoch = 253402300799

// bagDate is the Bagging-Date: SOURCE_DATE_EPOCH when set, else the newest
// content date, so that packing the same files twice gives the same bag.
func bagDate(epoch time.Time, recs []*pipeline.Record) time.Time {
	if !epoch.IsZero() {
		return epoch
	}
	var newest time.Time
	for _, r := range recs {
		if r.ContentDate == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339, r.ContentDate.Value)
		if err != nil {
			t, err = time.Parse(time.DateOnly, r.ContentDate.Value)
		}
		if err == nil && t.After(newest) {
			newest = t
		}
	}
	if newest.IsZero() {
		return time.Now().UTC()
	}
	return newest
}

// buildBundle writes the bag in a temp dir beside out, signs it and moves
// it into place. The temp dir is the folder the last pack kept, when
// there is one (pack_next.go). When it fails, the temp dir is gone when it
// returns; when it succeeds, the bundle it replaced, moved to the temp
// dir, is being kept for the next pack or removed, and b.oldGone waits
// for that. Without force it replaces
// nothing, not even a bundle made at out while it ran.
func buildBundle(ctx context.Context, b *bundleInputs, out string, force bool, priv ed25519.PrivateKey, so sign.Options, epoch time.Time, g *globalOptions) error {
	keep := b.keepsNext(out)
	tmp, claimed, err := claimNext(out, keep)
	if err != nil {
		return fmt.Errorf("create the bundle beside %s: %w", out, err)
	}
	built := false
	defer func() {
		if !built {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("create the bundle: %w", err)
	}
	create := bagit.Create
	if claimed {
		create = bagit.Reuse
	}
	bag, err := create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if !built {
			bag.Release()
		}
	}()
	if err := writePayload(ctx, bag, b, g.jobs); err != nil {
		return err
	}
	// The payload settles every file's digest and findings: the bag's
	// payload manifests and the catalog's record of the pack are made
	// beside the metadata.
	bag.SealPayload()
	b.record.start(ctx, b)
	if err := writeMetadata(bag, b); err != nil {
		return err
	}
	if err := bag.Close(bagInfo(b)); err != nil {
		return err
	}
	// The run's times come from SOURCE_DATE_EPOCH when it is set, so the
	// signed statement is as reproducible as the rest of the bag.
	if !epoch.IsZero() {
		so.Started, so.Finished = epoch, epoch
	} else {
		so.Finished = time.Now()
	}
	if err := sign.WriteProvenance(tmp, priv, so); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := replaceDir(tmp, out, force); err != nil {
		return err
	}
	built = true
	b.kept = bag.Kept
	if keep {
		b.removing = keepForNext(tmp, out, bag, g.jobs)
	} else {
		// A folder kept beside out may hold files the bundle now there
		// does not: it goes with the bundle replaced (tmp is gone when
		// none was, and made again to take it).
		os.Mkdir(tmp, 0o700)
		os.Rename(nextFolder(out), filepath.Join(tmp, ".next"))
		b.removing = removeOld(tmp, g.jobs)
	}
	return nil
}

// writePayload runs the payload writers over every record on g.jobs
// workers. Long-lived workers, not a goroutine per file: each file's
// goroutine grew its stack again for the JSON and redaction calls. Each
// worker works along a stretch of the records of its own (stretches).
func writePayload(ctx context.Context, bag *bagit.Writer, b *bundleInputs, jobs int) error {
	return alongStretches(ctx, len(b.Records), jobs, payloadChunk, func(ctx context.Context, lo, hi int) error {
		for _, rec := range b.Records[lo:hi] {
			if err := writeOne(ctx, bag, b, rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// payloadChunk is how many records a payload worker takes at a time.
const payloadChunk = 16

// writeOne puts rec into the payload with the first payload writer that
// takes it.
func writeOne(ctx context.Context, bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record) error {
	for _, pw := range payloadWriters {
		handled, err := pw(ctx, bag, b, rec)
		if err != nil {
			return fmt.Errorf("add %s to the bundle: %w", manifest.DisplayPath(rec.Path), b.caseHint(rec, err))
		}
		if handled {
			b.progress.record(rec)
			return nil
		}
	}
	return fmt.Errorf("add %s to the bundle: no payload writer took it", manifest.DisplayPath(rec.Path))
}
