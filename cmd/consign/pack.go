package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/sign"
	"github.com/consignhq/consign/pipeline"
)

type packOptions struct {
	selection  selection
	out        string
	force      bool
	failOn     string
	acceptOpen bool
	key        string
	from       string // a distributed scan's shard directory
	config     string // consign.yaml for --from without DIR
}

func newPackCommand(g *globalOptions) *cobra.Command {
	opts := &packOptions{}
	cmd := &cobra.Command{
		Use:   "pack DIR -o OUT | pack --from SHARDS -o OUT [DIR]",
		Short: "Pack a content folder into a signed bundle a marketplace can verify",
		Long: `pack scans DIR as scan does, then writes the bundle OUT: a BagIt 1.0 bag
whose payload (data/) holds the files, hard-linked when OUT is on the same
file system or copied (the originals are never changed), with
metadata/files.jsonl and metadata/findings.jsonl, sha256 and sha512
manifests, and a signed provenance statement (see docs/bundle.md). A hard
link shares the file with the original: an original later changed in place
changes the bundle too, which verify then reports.

Findings are handled by the redaction policy of consign.yaml
(redaction:): GPS, serial numbers and owner names are removed from image
and video metadata without re-encoding, other values found in a metadata
field pack can take out (EXIF, XMP and IPTC text, Office and
OpenDocument properties and comment authors, a PDF's Info dictionary and
XMP, the XMP of EPS, SVG and other files that keep it as text, XMP
sidecars, a movie's metadata atoms, an audio file's tags (ID3, Vorbis
and Opus comments, APE), a Matroska or Windows Media file's title and
tags, an Office 97–2003 file's properties, a Mobipocket book's records,
a web page's meta tags, contact links and comments, an RTF's info) go
with their field, values in text files and in the text of web pages and
Office, OpenDocument, RTF and EPUB files are masked at their offsets,
the positions of GPS tracks (GPX, KML, TCX, NMEA, IGC, tables) are
masked and a FIT activity's positions and serials cleared, and files
whose findings call for it are left out; the payload then holds
redacted copies. pack refuses, changing nothing, while findings at or
above --fail-on remain that the policy does not handle: review them and
record each with consign ignore (in .consign/ignore, or --state's ignore
file), or pass --accept-open.
The bundle is built beside OUT and renamed into place; an existing OUT is
replaced only with --force, and an interrupted run leaves it whole. With
SOURCE_DATE_EPOCH set, the same folder packs to the same bytes.

With --from, pack reads no content: it assembles the bundle from the
output directory of a distributed scan (consign-beam: files-*.jsonl,
findings-*.jsonl, sha512-*.txt and summary.json; see docs/scale.md), with
consign.yaml from DIR or --config. When the scan's root is a local folder
the files are linked or copied as above, trusting the shards' checksums
(verify checks them). When it is object storage (gs://, s3://) or a web
server, the files stay there: the bundle lists them in fetch.txt, a
"holey" bag that consign verify --fetch completes. Files the policy would
redact cannot be redacted there: pack refuses them unless --accept-open.`,
		Example: `  consign keygen
  consign pack ~/my-content -o ~/bundles/my-content
  SOURCE_DATE_EPOCH=1700000000 consign pack ~/my-content -o out --force
  consign pack --from beam-out -o ~/bundles/catalog ~/my-content
  consign pack --from beam-out --config consign.yaml -o catalog-bundle`,
		Args: mostArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.from != "" {
				if err := fromFlagsUnused(cmd.Flags().Changed); err != nil {
					return err
				}
				dir := ""
				if len(args) == 1 {
					dir = args[0]
				}
				return runPackFrom(cmd.Context(), dir, opts, g)
			}
			switch {
			case len(args) != 1:
				return usagef("give the folder to pack (consign pack DIR -o OUT), or --from SHARDS")
			case opts.config != "":
				return usagef("--config is for --from: pack DIR reads DIR/%s", manifest.ProfileFile)
			}
			return runPack(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "output", "o", "", "the bundle directory to write (required)")
	f.BoolVar(&opts.force, "force", false, "replace an existing bundle at OUT")
	f.StringVar(&opts.failOn, "fail-on", detectors.SeverityHigh, "refuse while open findings of this severity or above remain: info, low, medium, high")
	f.BoolVar(&opts.acceptOpen, "accept-open", false, "pack even with open findings at or above --fail-on")
	f.StringVar(&opts.key, "key", "", "private key to sign with (default: the one consign keygen wrote)")
	f.StringVar(&opts.from, "from", "", "pack a distributed scan's output directory (files-*.jsonl, findings-*.jsonl, sha512-*.txt, summary.json) instead of scanning DIR")
	f.StringVar(&opts.config, "config", "", "with --from and no DIR: the consign.yaml to use")
	opts.selection.addFlags(f)
	cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(
		[]string{detectors.SeverityInfo, detectors.SeverityLow, detectors.SeverityMedium, detectors.SeverityHigh}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPack(ctx context.Context, dir string, opts *packOptions, g *globalOptions) error {
	started := time.Now()
	if err := checkFolder(dir); err != nil {
		return err
	}
	settings, err := packSettingsOf(opts)
	if err != nil {
		return err
	}
	if err := checkOutput(dir, opts.out, opts.force); err != nil {
		return err
	}
	b, err := scanForPack(ctx, dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer b.close()
	defer b.progress.finish()
	b.identify = func(profile *manifest.Profile) (string, error) { return catalogIdentifier(dir, profile, g) }
	return packBundle(ctx, b, opts, settings, started, g)
}

// packSettings are the flags and environment every pack checks before it
// reads anything.
type packSettings struct {
	failOn string
	epoch  time.Time
	priv   ed25519.PrivateKey
}

func packSettingsOf(opts *packOptions) (packSettings, error) {
	failOn, err := detectors.ParseSeverity(opts.failOn)
	if err != nil {
		return packSettings{}, usagef("--fail-on: %v", err)
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return packSettings{}, usagef("%v", err)
	}
	priv, err := loadSigningKey(opts.key)
	if err != nil {
		return packSettings{}, err
	}
	return packSettings{failOn: failOn, epoch: epoch, priv: priv}, nil
}

// packBundle turns what a scan found, in this process or in scan shards,
// into the bundle: it plans the redactions, refuses open findings, and
// writes, signs and moves the bag into place.
func packBundle(ctx context.Context, b *bundleInputs, opts *packOptions, s packSettings, started time.Time, g *globalOptions) error {
	profile := b.Profile
	// A bundle of nothing is most often the wrong folder, or an exclude
	// that leaves out everything: a buyer would get an empty dataset.
	if len(b.Records) == 0 {
		return usagef("nothing to pack: %s holds no file to put in a bundle (is it the right folder, or is every file excluded?); nothing was written", manifest.DisplayPath(b.Root))
	}
	// The bundle is built beside OUT and swapped into place, so OUT is
	// placed by its full path: "beside ." would be inside it. Relative
	// names would also lose their meaning once a pack run from inside the
	// old bundle has swapped it away.
	out, err := filepath.Abs(opts.out)
	if err != nil {
		return usagef("resolve %s: %v", opts.out, err)
	}
	b.Out = out
	b.readCopies(ctx)
	b.waitCopies()
	b.Plans = planRedactions(b)
	if err := b.keepRemoteUnredacted(opts.acceptOpen, g); err != nil {
		return err
	}
	warnMoved(ctx, b, g)
	if err := refuseOpen(b.Findings, b.Profile, s.failOn, opts.acceptOpen, b.Root, g); err != nil {
		return err
	}
	id, err := b.identify(profile)
	if err != nil {
		return err
	}
	b.Identifier, b.Version = id, consignVersion()
	profile.ExternalIdentifier, profile.Catalog.ExternalIdentifier = id, id
	b.Date = bagDate(s.epoch, b.Records)
	var size int64
	for _, r := range b.Records {
		size += r.Size
	}
	b.progress.restart("packing", int64(len(b.Records)), size)
	params := map[string]any{"external_identifier": id, "fail_on": s.failOn, "accept_open": opts.acceptOpen, "exclude": append([]string{}, profile.Exclude...)}
	scanned := slices.Clone(b.Records)
	b.noteCaseClashes()
	packedAt := started
	if !s.epoch.IsZero() {
		packedAt = s.epoch // a reproducible run records a reproducible time
	}
	b.record = newPackRecord(b, scanned, out, packedAt)
	if err := buildBundle(ctx, b, out, opts.force, s.priv, sign.Options{Version: b.Version, Parameters: params, Started: started}, s.epoch, g); err != nil {
		return err
	}
	defer b.oldGone()
	b.progress.finish()
	b.warnUnportable()
	if err := recordPack(ctx, b); err != nil && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: the bundle is written, but %v: consign status will not know about it\n", err)
	}
	if !g.quiet {
		for _, w := range b.warnings {
			fmt.Fprintf(g.stderr, "consign: %s\n", w)
		}
		noteLeftOut(g.stderr, b.Facts.Excluded)
		for _, p := range b.skipped {
			fmt.Fprintf(g.stderr, "consign: %s: symbolic link left out of the bundle\n", manifest.DisplayPath(p))
		}
		// The payload: without the files the policy left out, and with
		// the sizes of the redacted copies, as Payload-Oxum counts it.
		size = 0
		for _, r := range b.Records {
			size += r.Size
		}
		fetched := ""
		if n := b.listed; n > 0 {
			fetched = fmt.Sprintf(", %d of them listed in fetch.txt to be fetched from %s", n, b.RemoteBase)
		}
		fmt.Fprintf(g.stdout, "packed %s (%s)%s into %s, signed with key %s\n", manifest.Count(len(b.Records), "file"), manifest.Count(int(size), "byte"), fetched, opts.out, sign.KeyID(s.priv.Public().(ed25519.PublicKey)))
	}
	return b.partial(g)
}

// leftOutNamed is how many left-out files pack names on stderr; past it,
// the rest are counted. A policy that excludes a kind of finding can
// leave out hundreds of files of a large folder, and the bundle's content
// profile lists every one with its reason.
const leftOutNamed = 20

// noteLeftOut names the files the policy left out, with the reason, the
// first leftOutNamed of them when there are more, then how many more and
// where all of them are listed.
func noteLeftOut(w io.Writer, excluded []manifest.ExcludedFile) {
	for i, x := range excluded {
		if i == leftOutNamed && len(excluded) > leftOutNamed+1 {
			fmt.Fprintf(w, "consign: %d more files left out; the bundle's metadata/content-profile.json lists every file left out with the reason\n", len(excluded)-i)
			return
		}
		fmt.Fprintf(w, "consign: %s left out: %s\n", manifest.DisplayPath(x.Path), x.Reason)
	}
}

// partial names the files the scan could not fully read, which are in the
// bundle as they are, and returns pipeline.ErrPartial when there are any:
// exit code 3, as scan gives for them. Their metadata or text was not
// all checked, so what the detectors would have found there may be in
// the bundle unredacted.
func (b *bundleInputs) partial(g *globalOptions) error {
	n := 0
	for _, rec := range b.Records {
		if rec.Error == "" {
			continue
		}
		n++
		if !g.quiet {
			fmt.Fprintf(g.stderr, "consign: %s: %s (packed as it is, not fully checked)\n", manifest.DisplayPath(rec.Path), rec.Error)
		}
	}
	if n > 0 {
		return pipeline.ErrPartial
	}
	return nil
}

// scanForPack runs the scan pipeline as scan does and gathers what the
// bundle is made of.
func scanForPack(ctx context.Context, dir string, sel *selection, g *globalOptions) (*bundleInputs, error) {
	scanOpts, profile, done, err := newPipeline(ctx, dir, sel, g)
	if err != nil {
		return nil, err
	}
	scanOpts.SHA512 = true // the bundle's second manifest, from the scan's one read
	b := &bundleInputs{Root: dir, Profile: profile, Catalog: scanOpts.Catalog, done: done}
	b.readCopies(ctx)
	if scanOpts.Detection != nil {
		b.ignore = scanOpts.Detection.Ignore
	}
	b.progress = startProgress(ctx, g, scanOpts, "scanning", false)
	if b.progress != nil {
		scanOpts.Progress = b.progress.record
	}
	sum, err := pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		b.collect(rec)
		return nil
	})
	if err == nil || errors.Is(err, pipeline.ErrPartial) {
		err = b.collected()
	}
	if err != nil {
		b.progress.finish()
		b.close()
		return nil, err
	}
	b.Summary = sum
	return b, nil
}

// collect takes one scanned record into the bundle, or notes why it
// cannot be: a symbolic link is left out, a name that is not UTF-8 or
// holds a backslash stops the pack (collected).
func (b *bundleInputs) collect(rec *pipeline.Record) {
	rec.Fields = nil // raw metadata is for detectors only; the bundle does not keep it
	if len(rec.Findings) > 0 {
		b.found = append(b.found, rec)
	}
	switch {
	case rec.RawPath != "":
		b.badNames = append(b.badNames, rawPath(rec))
	case strings.ContainsRune(rec.Path, '\\'):
		b.slashed = append(b.slashed, rec.Path)
	case rec.LinkTarget != "":
		b.skipped = append(b.skipped, rec.Path)
	case rec.Error != "" && rec.SHA256 == "" && !canPack(filepath.Join(b.Root, filepath.FromSlash(rec.Path))):
		b.unread = append(b.unread, manifest.DisplayPath(rec.Path)+": "+rec.Error)
	default:
		b.Records = append(b.Records, rec)
	}
}

// canPack says whether the file at abs, which the scan could not read,
// can be put in the bundle all the same: it is a regular file that opens
// now. A folder that could not be listed, or a file this user may not
// read, cannot.
func canPack(abs string) bool {
	info, err := os.Lstat(abs)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.OpenFile(abs, pipeline.OpenReadOnly, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// collected ends the collecting: it puts the findings in one slice,
// allocated once rather than grown by doubling past tens of thousands of
// findings, and refuses names a bundle cannot hold. Each record's
// findings are then a window of that slice, not a copy of their own: a
// finding is some 300 bytes before its strings, and a folder of 20,000
// files held two of each of its 42,000 findings until the bundle was
// written. A change to b.Findings, such as the redaction planRedactions
// notes, is so seen in the record's findings too; the documents that
// read those do not print it.
func (b *bundleInputs) collected() error {
	n := 0
	for _, rec := range b.found {
		n += len(rec.Findings)
	}
	b.Findings = make([]detectors.Finding, 0, n)
	for _, rec := range b.found {
		at := len(b.Findings)
		b.Findings = append(b.Findings, rec.Findings...)
		rec.Findings = b.Findings[at:len(b.Findings):len(b.Findings)]
	}
	b.found = nil
	if len(b.unread) > 0 {
		return usagef("a bundle cannot hold what consign cannot read: make %s readable, or exclude %s in %s; nothing was written:\n  %s",
			manifest.Count(len(b.unread), "file"), manifest.Agree(len(b.unread), "it", "them"), manifest.ProfileFile, strings.Join(b.unread, "\n  "))
	}
	if len(b.badNames) > 0 {
		return usagef("a bundle cannot hold file names that are not valid UTF-8; rename %s: %s", manifest.Count(len(b.badNames), "file"), displayPaths(b.badNames))
	}
	if len(b.slashed) > 0 {
		return usagef("Windows tools take a backslash in a file name for a folder separator and cannot unpack it; rename %s: %s", manifest.Count(len(b.slashed), "file"), displayPaths(b.slashed))
	}
	if clashes := sameOnceNormalized(b.Records); len(clashes) > 0 {
		return usagef("files whose names differ only in their Unicode normalization, which a bundle cannot tell apart (it stores names in NFC); rename one of each: %s", strings.Join(clashes, "; "))
	}
	return nil
}
