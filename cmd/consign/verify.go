package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/manifest/sign"
)

type verifyOptions struct {
	key    string
	format string
	fetch  bool
}

// errInvalid is returned when a bundle fails verification: exit code 1.
var errInvalid = errors.New("the bundle is not valid")

func newVerifyCommand(g *globalOptions) *cobra.Command {
	opts := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify OUT",
		Short: "Check that a bundle is complete, unchanged and signed",
		Long: `verify checks a bundle made by consign pack: that it is a valid BagIt bag,
that every payload and tag file is there and matches every checksum of
every manifest (files are read in parallel), that no path reaches outside
the bundle, and that the signature over the tag manifest verifies.

With --key, the signature must be by that public key: this proves who made
the bundle. Without it the key inside the bundle is used, which only proves
the bundle is unchanged since it was signed.

A bundle whose payload stays in object storage (consign pack --from over
a remote root) is a "holey" bag: its fetch.txt lists the files to fetch.
Without --fetch, verify checks everything the bag holds and reports it
incomplete, naming how many files were not fetched and so not checked.
With --fetch, it first downloads every file fetch.txt lists that is not
there yet (http, https and file URLs, several at once, each streamed to
disk and checked against the length fetch.txt gives and the manifests'
checksums before it is kept) into the bundle's data/ folder, which must be
writable, then checks every checksum.

Exit code 0 means valid, 1 means a problem was found (each is listed) or
the bag is incomplete, 2 means OUT is not a bundle at all (no bagit.txt,
manifest or data folder).`,
		Example: `  consign verify catalog-bundle --key creator.pub
  consign verify catalog-bundle --format json
  consign verify catalog-bundle --fetch --key creator.pub`,
		Args: wantArgs("the bundle to verify"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.key, "key", "", "public key (PEM) the bundle must be signed with")
	f.StringVarP(&opts.format, "format", "f", "text", "report format: text or json")
	f.BoolVar(&opts.fetch, "fetch", false, "first download the files fetch.txt lists into the bundle's data/ folder")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// checkMetadata checks the bundle's metadata files against the payload
// and against their published schemas (docs/schema/), all at once: the
// content profile and the JSON Lines files of a large bundle each take a
// while. It runs while the payload is hashed, once the bag's layout is
// valid (bagit.VerifyOptions.Alongside); its problems are reported only
// if every checksum is correct too (otherwise they would only repeat the
// checksum problems). They come in a fixed order: those of files.jsonl's
// and findings.jsonl's content, then each document's schema problem in
// the order of manifest.DocumentNames. The files are read through bag,
// which compares the checksums of those it reads first with the bytes it
// read (bagit.VerifyOptions.Alongside); the documents that grow with the
// number of files (the JSON Lines files, the content profile) as streams.
func checkMetadata(bundle string, bag manifest.BundleFiles) []string {
	var names []string
	for _, name := range manifest.DocumentNames() {
		if name != manifest.ProfileFile { // the creator's own file, not part of a bundle
			names = append(names, name)
		}
	}
	var (
		files, findings manifest.JSONLCheck
		schema          = make([]string, len(names))
		wg              sync.WaitGroup
	)
	// The JSON Lines files are read once for both their checks.
	wg.Go(func() { files = manifest.CheckFilesJSONL(bundle, bag) })
	wg.Go(func() { findings = manifest.CheckFindingsJSONL(bundle, bag) })
	for i, name := range names {
		if name != manifest.FilesJSONL && name != manifest.FindingsJSONL {
			wg.Go(func() { schema[i] = checkDocument(bag, name) })
		}
	}
	wg.Wait()
	problems := slices.Concat(files.Problems, findings.Problems)
	for i, name := range names {
		switch name {
		case manifest.FilesJSONL:
			schema[i] = errorText(files.Schema)
		case manifest.FindingsJSONL:
			schema[i] = errorText(findings.Schema)
		}
		if schema[i] != "" {
			problems = append(problems, schema[i])
		}
	}
	return problems
}

// checkDocument validates one metadata document against its schema and
// returns its problem, or "".
func checkDocument(bag manifest.BundleFiles, name string) string {
	return errorText(manifest.CheckDocument(bag, name))
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// verifyReport is the JSON form of a verification.
type verifyReport struct {
	Bundle    string             `json:"bundle"`
	Valid     bool               `json:"valid"`
	Bag       *bagit.Report      `json:"bag"`
	Fetch     *bagit.FetchReport `json:"fetch,omitempty"`
	Signature *sign.Result       `json:"signature"`
	Metadata  []string           `json:"metadata_problems,omitempty"`
	Warnings  []string           `json:"warnings,omitempty"`
	noFetch   bool               // --fetch was given and the bag has no fetch.txt
}

func runVerify(ctx context.Context, out string, opts *verifyOptions, g *globalOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("unknown format %q (choose text or json)", opts.format)
	}
	// Said as scan says it, not as the bag reader's "open bag: stat ...".
	if info, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return usagef("bundle %s does not exist", manifest.DisplayPath(out))
	} else if err == nil && !info.IsDir() {
		return usagef("%s is a file, not a bundle folder", manifest.DisplayPath(out))
	} else if err == nil && !looksLikeBag(out) {
		// Bad input, as consign diff says of it, not a bundle that failed
		// verification: a bag with a part removed still has the others.
		return usagef("%s is not a bundle: it has no bagit.txt, no manifest and no data folder", manifest.DisplayPath(out))
	}
	var pub ed25519.PublicKey
	if opts.key != "" {
		var err error
		if pub, err = sign.LoadPublicKey(opts.key); err != nil {
			return usagef("%v", err)
		}
	}
	var fetched *bagit.FetchReport
	if opts.fetch {
		var err error
		if fetched, err = bagit.Fetch(ctx, out, bagit.FetchOptions{Jobs: g.jobs}); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return usagef("%v", err)
		}
	}
	jobs := 0 // bagit's own default: more workers than CPUs (bagit.VerifyOptions.Jobs)
	if g.jobsGiven {
		jobs = g.jobs
	}
	var metadata []string
	bag, err := bagit.Verify(ctx, out, bagit.VerifyOptions{
		Jobs: jobs, StrictTags: true, Unlisted: []string{"provenance"},
		Alongside: func(files bagit.TagFiles) { metadata = checkMetadata(out, files) },
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return usagef("%v", err)
	}
	rep := verifyReport{Bundle: out, Bag: bag, Fetch: fetched, Signature: sign.VerifyProvenance(out, pub)}
	if fetched != nil {
		_, err := os.Lstat(filepath.Join(out, "fetch.txt"))
		rep.noFetch = errors.Is(err, fs.ErrNotExist)
	}
	// A holey bag's metadata is checked too: it is all there, and only
	// names the files still to fetch.
	if len(bag.Problems) == 0 {
		rep.Metadata = metadata
	}
	rep.Valid = bag.Valid() && rep.Signature.Valid() && len(rep.Metadata) == 0
	if rep.Signature.Embedded {
		rep.Warnings = append(rep.Warnings, "no --key given: the signature was checked with the key inside the bundle, which proves the bundle is unchanged since it was signed, not who signed it")
	}
	if opts.format == "json" {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else if err := writeVerifyText(g.stdout, rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if !rep.Valid {
		n := len(bag.Problems) + len(rep.Signature.Problems) + len(rep.Metadata)
		if fetched != nil {
			n += len(fetched.Problems)
		}
		problems := manifest.Count(n, "problem")
		if len(bag.Unfetched) > 0 && n == 0 {
			return fmt.Errorf("%s: %w: incomplete: %s listed in fetch.txt %s not fetched", manifest.DisplayPath(out), errInvalid, manifest.Count(len(bag.Unfetched), "file"), manifest.Agree(len(bag.Unfetched), "is", "are"))
		}
		if len(bag.Unfetched) > 0 {
			return fmt.Errorf("%s: %w (%s; incomplete: %s listed in fetch.txt %s not fetched)", manifest.DisplayPath(out), errInvalid, problems, manifest.Count(len(bag.Unfetched), "file"), manifest.Agree(len(bag.Unfetched), "is", "are"))
		}
		return fmt.Errorf("%s: %w (%s)", manifest.DisplayPath(out), errInvalid, problems)
	}
	return nil
}

// looksLikeBag says whether dir holds any of the files a BagIt bag is
// made of. A bag that lost some of them (bagit.txt deleted) still fails
// verification, with exit code 1; a folder with none of them is no bag.
func looksLikeBag(dir string) bool {
	for _, name := range []string{"bagit.txt", "bag-info.txt", "fetch.txt", "data"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	for _, pattern := range []string{"manifest-*.txt", "tagmanifest-*.txt"} {
		if m, err := filepath.Glob(filepath.Join(globEscape(dir), pattern)); err != nil || len(m) > 0 {
			return true
		}
	}
	return false
}

// globEscape quotes the pattern characters of a path for filepath.Glob.
func globEscape(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[\\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func writeVerifyText(w io.Writer, rep verifyReport) error {
	var b strings.Builder
	bag := rep.Bag
	version := "BagIt " + bag.Version
	if bag.Version == "" {
		version = "no BagIt declaration" // bagit.txt missing or unreadable: a problem below says which
	}
	fmt.Fprintf(&b, "bundle %s: %s, %s, %s, %s compared (manifests: %s; tag manifests: %s)\n",
		manifest.DisplayPath(rep.Bundle), version, manifest.Count(bag.Files, "payload file"), manifest.Count(int(bag.Bytes), "byte"), manifest.Count(bag.Checked, "checksum"), orNone(bag.PayloadAlgorithms), orNone(bag.TagAlgorithms))
	if f := rep.Fetch; f != nil {
		if rep.noFetch {
			fmt.Fprintf(&b, "nothing to fetch: %s has no fetch.txt\n", manifest.DisplayPath(rep.Bundle))
		} else {
			fmt.Fprintf(&b, "fetched %s (%s) that fetch.txt lists; %d %s already there\n", manifest.Count(f.Fetched, "file"), manifest.Count(int(f.Bytes), "byte"), f.Present, manifest.Agree(f.Present, "was", "were"))
		}
		for _, p := range f.Problems {
			fmt.Fprintf(&b, "problem: fetch: %s\n", shownProblem(p))
		}
	}
	for _, p := range bag.Problems {
		fmt.Fprintf(&b, "problem: %s\n", shownProblem(p))
	}
	if n := len(bag.Unfetched); n > 0 {
		hint := "run consign verify --fetch to fetch and check " + manifest.Agree(n, "it", "them")
		if rep.Fetch != nil {
			hint = manifest.Agree(n, "fetching it failed", "fetching them failed")
		}
		fmt.Fprintf(&b, "incomplete: %s %s listed in fetch.txt and not in the bundle, so %s not checked (%s)\n", manifest.Count(n, "payload file"), manifest.Agree(n, "is", "are"), manifest.Agree(n, "its checksums were", "their checksums were"), hint)
	}
	for _, p := range rep.Signature.Problems {
		fmt.Fprintf(&b, "problem: signature: %s\n", p)
	}
	for _, p := range rep.Metadata {
		fmt.Fprintf(&b, "problem: metadata: %s\n", p)
	}
	for _, p := range bag.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", shownProblem(p))
	}
	for _, s := range rep.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", s)
	}
	if rep.Signature.Valid() {
		fmt.Fprintf(&b, "signature: valid, key %s\n", rep.Signature.KeyID)
	}
	if rep.Valid {
		b.WriteString("valid\n")
	} else {
		b.WriteString("NOT VALID\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shownProblem is p as a line of text shows it: its path, which a bag's
// manifests can spell with any character, as DisplayPath shows names.
func shownProblem(p bagit.Problem) string {
	if p.Path == "" {
		return p.Message
	}
	return manifest.DisplayPath(p.Path) + ": " + p.Message
}

func orNone(algs []string) string {
	if len(algs) == 0 {
		return "none"
	}
	return strings.Join(algs, ", ")
}
