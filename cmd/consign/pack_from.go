package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/pipeline"
)

// runPackFrom packs the output of a distributed scan (consign-beam's shard
// directory) without reading any content again: records, findings and
// checksums come from the shards. consign.yaml comes from dir when given,
// or from --config.
func runPackFrom(ctx context.Context, dir string, opts *packOptions, g *globalOptions) error {
	started := time.Now()
	if err := checkFolder(opts.from); err != nil {
		return err
	}
	settings, err := packSettingsOf(opts)
	if err != nil {
		return err
	}
	profile, err := fromProfile(dir, opts.config)
	if err != nil {
		return err
	}
	shards, err := manifest.ReadShards(opts.from)
	if err != nil {
		return usagef("%s: %v", opts.from, err)
	}
	b := &bundleInputs{Root: shards.Root, Profile: profile, Summary: shards.Summary, Trusted: true}
	base, remote, err := manifest.RemoteBase(shards.Root)
	switch {
	case err != nil:
		return usagef("%s: %v", opts.from, err)
	case remote:
		b.RemoteBase = base
	case !filepath.IsAbs(shards.Root):
		return usagef("%s: the scan root %q is neither an absolute path nor a URL", opts.from, shards.Root)
	default:
		if err := checkFolder(shards.Root); err != nil {
			return err
		}
	}
	outside := opts.from
	if !remote {
		outside = shards.Root
	}
	// DIR first: a refusal names it as it was typed, not as the shards'
	// absolute root, which is most often the same folder.
	if dir != "" {
		if err := checkOutput(dir, opts.out, opts.force); err != nil {
			return err
		}
	}
	if outside != dir {
		if err := checkOutput(outside, opts.out, opts.force); err != nil {
			return err
		}
	}
	if err := b.collectShards(shards, profile); err != nil {
		return err
	}
	// The shards hold each finding once more, beside the records' own:
	// nothing past this point refers to them, the closure below
	// included, so they are freed before the bundle is written.
	root := shards.Root
	b.identify = func(p *manifest.Profile) (string, error) {
		if dir != "" {
			return catalogIdentifier(dir, p, g)
		}
		return rootIdentifier(p, root), nil
	}
	if dir != "" {
		// The pack is recorded in the folder's catalog, as pack DIR's is,
		// for consign status DIR to compare with.
		cat, err := openCatalog(ctx, dir, g)
		if err != nil {
			return err
		}
		if cat != nil {
			defer cat.Close()
			b.Catalog = cat
		}
	}
	return packBundle(ctx, b, opts, settings, started, g)
}

// collectShards takes the shards' records into the bundle as collect does
// for a scan's, after leaving out what consign.yaml excludes (the
// distributed scan may not have read it).
func (b *bundleInputs) collectShards(s *manifest.Shards, profile *manifest.Profile) error {
	exclude := pipeline.NewExcluder()
	if err := exclude.Add(manifest.ProfileFile, profile.Exclude...); err != nil {
		return fmt.Errorf("%w: %v", manifest.ErrBadProfile, err)
	}
	for _, rec := range s.Records {
		if !excluded(exclude, rec.Path) {
			b.collect(rec)
		}
	}
	return b.collected()
}

// excluded reports whether rel, or a folder above it, is excluded: the
// walk never enters an excluded folder.
func excluded(e *pipeline.Excluder, rel string) bool {
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if _, ok := e.Match(dir, true); ok {
			return true
		}
	}
	_, ok := e.Match(rel, false)
	return ok
}

// fromProfile reads consign.yaml from dir, or the file --config names;
// with neither, the bundle has an empty profile.
func fromProfile(dir, config string) (*manifest.Profile, error) {
	switch {
	case dir != "" && config != "":
		return nil, usagef("give consign.yaml either as DIR or as --config, not both")
	case dir != "":
		if err := checkFolder(dir); err != nil {
			return nil, err
		}
		return checkedProfile(manifest.LoadProfile(dir))
	case config != "":
		data, err := os.ReadFile(config)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("--config %s does not exist", config)
		}
		if err != nil {
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				err = pe.Err // the message names the file already
			}
			return nil, fmt.Errorf("read %s: %w", config, err)
		}
		return checkedProfile(manifest.ParseProfile(config, data))
	}
	return &manifest.Profile{}, nil
}

// checkedProfile refuses a profile whose redaction policy names a kind no
// detector reports, as a scan of the folder would.
func checkedProfile(p *manifest.Profile, err error) (*manifest.Profile, error) {
	if err != nil {
		return nil, err
	}
	if err := p.CheckRedactionKinds(scanconfig.Kinds()); err != nil {
		return nil, err
	}
	return p, nil
}

// listRemote is the payload writer for a remote root: the file stays where
// it is, and fetch.txt says where to fetch it from.
func listRemote(ctx context.Context, bag *bagit.Writer, b *bundleInputs, rec *pipeline.Record) (bool, error) {
	if b.RemoteBase == "" {
		return false, nil
	}
	sums := bagit.Sums{Size: rec.Size, SHA256: rec.SHA256, SHA512: rec.SHA512}
	if err := bag.AddRemote(rec.Path, manifest.FetchURL(b.RemoteBase, rec.Path), sums); err != nil {
		return true, err
	}
	b.mu.Lock()
	b.listed++
	b.mu.Unlock()
	return true, nil
}

// keepRemoteUnredacted deals with files under a remote root that the
// policy would redact: pack cannot make a redacted copy without their
// content, so it refuses, unless acceptOpen lists them unredacted with
// their findings open. Files the policy excludes are simply left out.
func (b *bundleInputs) keepRemoteUnredacted(acceptOpen bool, g *globalOptions) error {
	if b.RemoteBase == "" {
		return nil
	}
	var paths []string
	for p, plan := range b.Plans {
		if plan.exclude == "" {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	slices.Sort(paths)
	if !acceptOpen {
		for _, p := range paths {
			fmt.Fprintf(g.stderr, "needs redaction %s\n", manifest.DisplayPath(p))
		}
		n := len(paths)
		return gatef([]error{errFindings}, "pack refused, nothing written: %s under the remote root %s %s a redacted copy, which pack cannot make without reading %s (redact %s at the source, exclude %s in %s, or pass --accept-open to list %s unredacted)",
			manifest.Count(n, "file"), b.Root, manifest.Agree(n, "needs", "need"), manifest.Agree(n, "it", "them"),
			manifest.Agree(n, "it", "them"), manifest.Agree(n, "it", "them"), manifest.ProfileFile, manifest.Agree(n, "it", "them"))
	}
	for _, p := range paths {
		delete(b.Plans, p)
		b.warn("%s: listed unredacted (the remote root cannot be redacted by pack); its findings stay open", manifest.DisplayPath(p))
	}
	for i := range b.Findings {
		if _, ok := slices.BinarySearch(paths, b.Findings[i].Path); ok && b.Findings[i].Status == detectors.StatusOpen {
			b.Findings[i].Redaction = ""
		}
	}
	return nil
}

// fromFlagsUnused lists the scan flags given with --from: the shards are
// already scanned, so they would silently do nothing.
func fromFlagsUnused(changed func(string) bool) error {
	var bad []string
	for _, name := range []string{"exclude", "languages", "detectors", "no-cache", "file-timeout"} {
		if changed(name) {
			bad = append(bad, "--"+name)
		}
	}
	if len(bad) > 0 {
		return usagef("%s cannot be used with --from: the shards are scanned already", strings.Join(bad, ", "))
	}
	return nil
}
