package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/htmlreport"
)

type initOptions struct {
	force        bool
	interactive  bool
	noInput      bool
	asked        bool // the questions were asked: the answers fill values too
	values       manifest.TemplateValues
	fee          float64
	revenueShare float64
}

func newInitCommand(g *globalOptions) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented consign.yaml: who you are, the catalog and the licence offer",
		Long: `init writes DIR/consign.yaml (DIR defaults to the current folder): the
content profile that scan and pack read. Every section is commented: your
identity, the catalog, the licence offer with the terms to get in writing,
consent records, the monetization baseline, the redaction policy and
excludes. On a terminal init asks for the essentials (who you are, the
catalog, the licence offer), starting from what the flags say; elsewhere,
or with --no-input, it takes the flags alone. Edit the rest by hand.

The catalog gets a new random urn:uuid identifier: keep it across editions.
An existing consign.yaml is left alone unless --force is given; --force
keeps the catalog identifier of the file it replaces.`,
		Example: `  consign init ~/my-content
  consign init ~/my-content --no-input --name "Ada Lovelace" --email ada@example.com --title "Notes"
  consign init --license-uses training,fine_tuning --license-commercial --license-fee 5000 --license-currency EUR`,
		Args: mostArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			v := &opts.values
			if cmd.Flags().Changed("license-fee") {
				v.Fee = &opts.fee
			}
			if cmd.Flags().Changed("license-revenue-share") {
				v.RevenueSharePercent = &opts.revenueShare
			}
			if opts.interactive && opts.noInput {
				return usagef("--interactive and --no-input contradict each other")
			}
			if opts.interactive || (!opts.noInput && !g.quiet && stdinIsTerminal()) {
				if err := checkInitFolder(dir); err != nil {
					return err
				}
				askProfile(cmd.InOrStdin(), g.stderr, v)
				opts.asked = true
			}
			return runInit(dir, opts, g)
		},
	}
	f := cmd.Flags()
	v := &opts.values
	f.BoolVar(&opts.force, "force", false, "overwrite an existing consign.yaml")
	f.BoolVar(&opts.interactive, "interactive", false, "ask the questions even when standard input is not a terminal (answers one per line)")
	f.BoolVar(&opts.noInput, "no-input", false, "never ask: take the flags alone, even on a terminal")
	f.StringVar(&v.Name, "name", "", "your name as the creator")
	f.StringVar(&v.Email, "email", "", "your email: matched as your own in the content, and where buyers write")
	f.StringVar(&v.Organisation, "organisation", "", "your company or studio")
	f.StringVar(&v.Title, "title", "", "the catalog's title")
	f.StringVar(&v.Description, "description", "", "what the catalog is")
	f.StringArrayVar(&v.Keywords, "keyword", nil, "a catalog keyword (repeatable)")
	f.StringVar(&v.LicenseURL, "license-url", "", "where the licence agreement's full text is")
	f.StringSliceVar(&v.Uses, "license-uses", nil, "permitted uses: training, fine_tuning, embeddings, retrieval, inference, evaluation")
	f.BoolVar(&v.Commercial, "license-commercial", false, "allow commercial use (default: research and non-commercial only)")
	f.BoolVar(&v.Exclusive, "license-exclusive", false, "offer an exclusive licence")
	f.StringSliceVar(&v.Territory, "license-territory", nil, "ISO 3166-1 codes where the licence applies (default: worldwide)")
	f.IntVar(&v.TermMonths, "license-term-months", 24, "how long the licence runs")
	f.StringVar(&v.Currency, "license-currency", "USD", "ISO 4217 currency of the compensation")
	f.Float64Var(&opts.fee, "license-fee", 0, "one-time fee")
	f.Float64Var(&opts.revenueShare, "license-revenue-share", 0, "share of the buyer's revenue, in percent")
	f.StringVar(&v.Attribution, "license-attribution", "", "credit line the buyer must show (default: none required)")
	return cmd
}

func runInit(dir string, opts *initOptions, g *globalOptions) error {
	if err := checkInitFolder(dir); err != nil {
		return err
	}
	path := filepath.Join(dir, manifest.ProfileFile)
	if _, err := os.Lstat(path); err == nil && !opts.force {
		return usagef("%s already exists (use --force to overwrite it)", path)
	}
	// The template takes a term of 0 for "not chosen" and writes the
	// default; here 0 can only be what the creator typed, which no
	// licence can run for.
	if n := opts.values.TermMonths; n < 1 {
		return usagef("%s not written: --license-term-months %d: a licence runs for at least 1 month", path, n)
	}
	source := "the flags make it invalid"
	if opts.asked {
		source = "the answers and flags make it invalid"
	}
	// The file replaced names the catalog its bundles were packed as: a
	// new identifier would make the next bundle another catalog's.
	if old, err := os.ReadFile(path); err == nil && opts.values.ExternalIdentifier == "" {
		opts.values.ExternalIdentifier = manifest.ReadIdentifier(old)
	}
	normaliseLicence(&opts.values)
	b, err := manifest.ProfileTemplate(opts.values)
	if err != nil {
		return err
	}
	if _, err := manifest.ParseProfile(path, b); err != nil {
		return usagef("%s not written, %s:\n%s", path, source, initProblems(err))
	}
	if err := writeProfile(dir, path, b, opts.force); err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(g.stdout, "wrote %s\nedit it, then run: consign scan %s\n", manifest.DisplayPath(path), shellPath(dir))
	}
	// A consign.yml beside it, which consign does not read, may hold what
	// the creator meant the profile to say; scan names it only while
	// there is no consign.yaml, so from now on nothing would.
	misnamed := filepath.Join(dir, "consign.yml")
	if info, err := os.Stat(misnamed); err == nil && info.Mode().IsRegular() {
		fmt.Fprintf(g.stderr, "consign: %s is not read, and what it sets is not in %s: copy it over, then remove %s\n",
			manifest.DisplayPath(misnamed), manifest.DisplayPath(path), manifest.DisplayPath(misnamed))
	}
	return nil
}

// checkInitFolder refuses what init must not write in: a missing folder,
// and a bundle, whose checksums a consign.yaml added to it would break
// and which is not the content folder the profile belongs to.
func checkInitFolder(dir string) error {
	if err := checkFolder(dir); err != nil {
		return err
	}
	if htmlreport.IsBundle(dir) {
		return usagef("%s is a bundle (it holds bagit.txt): run consign init in the content folder it was packed from", dir)
	}
	return nil
}

// writeProfile writes the file whole or not at all: a temporary file in
// the same folder, then a link (which fails if the file appeared in the
// meantime) or, with --force, a rename over it.
func writeProfile(dir, path string, b []byte, force bool) error {
	tmp, err := os.CreateTemp(dir, ".consign.yaml.*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if force {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	err = os.Link(tmp.Name(), path)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s already exists (use --force to overwrite it)", path)
	}
	if err != nil {
		// Some file systems (FAT, exFAT) have no hard links: create the
		// file exclusively instead.
		return writeExclusive(path, b)
	}
	return nil
}

func writeExclusive(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s already exists (use --force to overwrite it)", path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// normaliseLicence puts codes given in either case ("us", "eur",
// "Training") in the case consign.yaml wants, as the questions do; what
// is still wrong is left for the schema to report.
func normaliseLicence(v *manifest.TemplateValues) {
	for i, u := range v.Uses {
		if w, ok := useItem(u); ok {
			v.Uses[i] = w
		}
	}
	for i, t := range v.Territory {
		if w, ok := territoryItem(t); ok {
			v.Territory[i] = w
		}
	}
	if w, hint := checkCurrency(v.Currency); hint == "" {
		v.Currency = w
	}
}

// initFlags names the flag that fills each key of the file init writes,
// by the key's dotted prefix.
var initFlags = []struct{ key, flag string }{
	{"creator.name", "--name"},
	{"creator.emails", "--email"},
	{"creator.contact.email", "--email"},
	{"creator.organisation", "--organisation"},
	{"catalog.title", "--title"},
	{"catalog.description", "--description"},
	{"catalog.keywords", "--keyword"},
	{"licence.url", "--license-url"},
	{"licence.uses", "--license-uses"},
	{"licence.territory", "--license-territory"},
	{"licence.term.months", "--license-term-months"},
	{"licence.compensation.currency", "--license-currency"},
	{"monetization.currency", "--license-currency"},
	{"licence.compensation.one_time_fee", "--license-fee"},
	{"licence.compensation.revenue_share_percent", "--license-revenue-share"},
	{"licence.attribution.text", "--license-attribution"},
}

// initProblems says what is wrong with the file init would have written
// by the flag that put each value there: the file was not written, so
// its lines and columns would point at nothing the creator can open. A
// flag's value that two keys take (--email) is named once.
func initProblems(err error) string {
	var pe *manifest.ProfileError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	var lines []string
	seen := map[string]bool{}
	for _, p := range pe.Problems {
		line := p.Message
		if p.Key != "" {
			line = p.Key + ": " + p.Message
		}
		for _, f := range initFlags {
			if p.Key == f.key || strings.HasPrefix(p.Key, f.key+".") || strings.HasPrefix(p.Key, f.key+"[") {
				line = f.flag + ": " + p.Message
				break
			}
		}
		if !seen[line] {
			seen[line] = true
			lines = append(lines, "  "+line)
		}
	}
	return strings.Join(lines, "\n")
}
