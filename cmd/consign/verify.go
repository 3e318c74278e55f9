package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

Exit code 0 means valid, 1 means a problem was found (each is listed).`,
		Example: `  consign verify catalog-bundle --key creator.pub
  consign verify catalog-bundle --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), args[0], opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.key, "key", "", "public key (PEM) the bundle must be signed with")
	f.StringVarP(&opts.format, "format", "f", "text", "report format: text or json")
	return cmd
}

// metadataCheck checks one of the bundle's metadata files against the
// payload or against its schema, and returns one message per problem.
type metadataCheck func(bundle string) []string

// metadataChecks run while the payload is hashed, once the bag's layout
// is valid (bagit.VerifyOptions.Alongside); their problems are reported
// only if every checksum is correct too (otherwise they would only repeat
// the checksum problems). Checks for further metadata files are appended
// here.
var metadataChecks = []metadataCheck{
	manifest.CheckFilesJSONL,
	manifest.CheckFindingsJSONL,
	checkDocuments,
}

// checkMetadata runs every metadata check at once and returns their
// problems in the order of metadataChecks.
func checkMetadata(bundle string) []string {
	found := make([][]string, len(metadataChecks))
	var wg sync.WaitGroup
	for i, check := range metadataChecks {
		wg.Go(func() { found[i] = check(bundle) })
	}
	wg.Wait()
	return slices.Concat(found...)
}

// checkDocuments validates the bundle's metadata documents against their
// published schemas (docs/schema/), all at once: the content profile and
// the JSON Lines files of a large bundle each take a while.
func checkDocuments(bundle string) []string {
	var names []string
	for _, name := range manifest.DocumentNames() {
		if name != manifest.ProfileFile { // the creator's own file, not part of a bundle
			names = append(names, name)
		}
	}
	found := make([]string, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			data, err := os.ReadFile(filepath.Join(bundle, filepath.FromSlash(name)))
			if err != nil {
				found[i] = fmt.Sprintf("%s: %v", name, err)
				return
			}
			if err := manifest.ValidateDocument(name, data); err != nil {
				found[i] = err.Error()
			}
		})
	}
	wg.Wait()
	var problems []string
	for _, p := range found {
		if p != "" {
			problems = append(problems, p)
		}
	}
	return problems
}

// verifyReport is the JSON form of a verification.
type verifyReport struct {
	Bundle    string        `json:"bundle"`
	Valid     bool          `json:"valid"`
	Bag       *bagit.Report `json:"bag"`
	Signature *sign.Result  `json:"signature"`
	Metadata  []string      `json:"metadata_problems,omitempty"`
	Warnings  []string      `json:"warnings,omitempty"`
}

func runVerify(ctx context.Context, out string, opts *verifyOptions, g *globalOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("unknown format %q (choose text or json)", opts.format)
	}
	var pub ed25519.PublicKey
	if opts.key != "" {
		var err error
		if pub, err = sign.LoadPublicKey(opts.key); err != nil {
			return usagef("%v", err)
		}
	}
	var metadata []string
	bag, err := bagit.Verify(ctx, out, bagit.VerifyOptions{
		Jobs: g.jobs, StrictTags: true, Unlisted: []string{"provenance"},
		Alongside: func() { metadata = checkMetadata(out) },
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return usagef("%v", err)
	}
	rep := verifyReport{Bundle: out, Bag: bag, Signature: sign.VerifyProvenance(out, pub)}
	if bag.Valid() {
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
		return fmt.Errorf("%s: %w (%d problems)", out, errInvalid, len(bag.Problems)+len(rep.Signature.Problems)+len(rep.Metadata))
	}
	return nil
}

func writeVerifyText(w io.Writer, rep verifyReport) error {
	var b strings.Builder
	bag := rep.Bag
	fmt.Fprintf(&b, "bundle %s: BagIt %s, %d payload files, %d bytes, %d checksums compared (manifests: %s; tag manifests: %s)\n",
		rep.Bundle, bag.Version, bag.Files, bag.Bytes, bag.Checked, orNone(bag.PayloadAlgorithms), orNone(bag.TagAlgorithms))
	for _, p := range bag.Problems {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	for _, p := range rep.Signature.Problems {
		fmt.Fprintf(&b, "problem: signature: %s\n", p)
	}
	for _, p := range rep.Metadata {
		fmt.Fprintf(&b, "problem: metadata: %s\n", p)
	}
	for _, p := range bag.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", p)
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

func orNone(algs []string) string {
	if len(algs) == 0 {
		return "none"
	}
	return strings.Join(algs, ", ")
}
