package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"gopkg.in/yaml.v3"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// ProfileFile is the creator's configuration file at the folder root.
const ProfileFile = "consign.yaml"

// ProfileVersion is the version of the consign.yaml layout this consign
// reads; a file may say so with "version: 1".
const ProfileVersion = 1

// Profile is the creator's content profile, read from consign.yaml and
// checked against manifest/schema/consign.schema.json: a key the schema
// does not know is an error, so that a misspelt term of the licence cannot
// pass silently.
type Profile struct {
	// Version is the layout version, ProfileVersion when set.
	Version int `yaml:"version,omitempty"`
	// Creator says who the creator is: their own names, handles and
	// contact details are reported as "self", and ownership statements
	// are compared with them.
	Creator Creator `yaml:"creator"`
	// Catalog describes the collection as a dataset.
	Catalog Catalog `yaml:"catalog"`
	// ExternalIdentifier is the catalog identifier written at the top
	// level, where pack records one it generates. ParseProfile makes it
	// and Catalog.ExternalIdentifier the same, and rejects a file where
	// the two disagree.
	ExternalIdentifier string `yaml:"external_identifier,omitempty"`
	// Licence is the offer a buyer accepts by licensing the bundle.
	Licence Licence `yaml:"licence"`
	// Consent records the releases of the people who appear in the content.
	Consent []ConsentRecord `yaml:"consent"`
	// Monetization is what the content earns today: the baseline a buyer's
	// offer is weighed against.
	Monetization Monetization `yaml:"monetization"`
	// Redaction maps a finding kind ("gps", "email", "person_name") to what
	// pack does with it; see RedactionAction.
	Redaction map[string]string `yaml:"redaction"`
	// Detectors chooses the detectors: names and presets, as --detectors.
	Detectors []string `yaml:"detectors"`
	// PhoneRegion is the ISO 3166-1 alpha-2 region assumed for phone
	// numbers written without a country code.
	PhoneRegion string `yaml:"phone_region"`
	// Exclude lists glob patterns (gitignore style) that scan and pack
	// leave out.
	Exclude []string `yaml:"exclude"`
	// Languages restricts language detection to these ISO 639-1 codes.
	Languages []string `yaml:"languages"`

	// file and root are where the profile was read from, so that a value
	// found wrong after parsing (an unknown detector name) is still told
	// at its line; see ProblemAt.
	file string
	root *yaml.Node
}

// Creator is the creator's identity.
type Creator struct {
	Name         string   `yaml:"name" json:"name,omitempty"`
	Aliases      []string `yaml:"aliases" json:"aliases,omitempty"`
	Handles      []string `yaml:"handles" json:"handles,omitempty"`
	Emails       []string `yaml:"emails" json:"emails,omitempty"`
	Phones       []string `yaml:"phones" json:"phones,omitempty"`
	Contact      Contact  `yaml:"contact" json:"contact,omitzero"`
	Organisation string   `yaml:"organisation" json:"organisation,omitempty"`
	Domains      []string `yaml:"domains" json:"domains,omitempty"`
}

// Contact is where a buyer writes about the licence. It may differ from the
// addresses in the content, which the scan reports as the creator's own.
type Contact struct {
	Email   string `yaml:"email" json:"email,omitempty"`
	URL     string `yaml:"url" json:"url,omitempty"`
	Address string `yaml:"address" json:"address,omitempty"`
}

// Catalog describes the collection as a dataset: the name, description and
// identifier that Croissant, the dataset card and bag-info.txt carry.
type Catalog struct {
	Title       string   `yaml:"title" json:"title,omitempty"`
	Description string   `yaml:"description" json:"description,omitempty"`
	Keywords    []string `yaml:"keywords" json:"keywords,omitempty"`
	// ExternalIdentifier is a urn:uuid that stays the same across every
	// bundle of this catalog, so buyers can tell a new edition from a new
	// catalog.
	ExternalIdentifier string `yaml:"external_identifier" json:"external_identifier,omitempty"`
	// URL is the catalog's public page, if it has one.
	URL string `yaml:"url" json:"url,omitempty"`
	// Version is the edition of the catalog, "1.0.0" when unset.
	Version string `yaml:"version" json:"version,omitempty"`
	// OriginGeography lists where the content was made: ISO 3166-1
	// alpha-2 codes (Data Provenance Standards: data origin geography).
	OriginGeography []string `yaml:"origin_geography" json:"origin_geography,omitempty"`
	// PreviousVersionDate is when the previous edition was issued,
	// YYYY-MM-DD, if there was one.
	PreviousVersionDate string `yaml:"previous_version_date" json:"previous_version_date,omitempty"`
}

// ConsentRecord is a release: who agreed to what, for which files, and
// where the signed document is.
type ConsentRecord struct {
	// Who is the person (or a pseudonym the creator can resolve).
	Who string `yaml:"who" json:"who,omitempty"`
	// What is the scope they agreed to ("model release incl. AI training").
	What string `yaml:"what" json:"what,omitempty"`
	// Files are globs of the files the release covers; empty means every
	// file the person appears in.
	Files []string `yaml:"files" json:"files,omitempty"`
	// Reference is a path inside the folder or an outside reference to the
	// signed release.
	Reference string `yaml:"reference" json:"reference,omitempty"`
	// Date is when it was signed, YYYY-MM-DD.
	Date string `yaml:"date" json:"date,omitempty"`
}

// Monetization is the creator's current income from the content and the
// audience it reaches.
type Monetization struct {
	AsOf          string     `yaml:"as_of" json:"as_of,omitempty"`
	Currency      string     `yaml:"currency" json:"currency,omitempty"`
	AnnualRevenue *float64   `yaml:"annual_revenue" json:"annual_revenue,omitempty"`
	Channels      []string   `yaml:"channels" json:"channels,omitempty"`
	Audience      []Audience `yaml:"audience" json:"audience,omitempty"`
}

// Audience is the reach on one platform.
type Audience struct {
	Platform     string `yaml:"platform" json:"platform,omitempty"`
	Followers    *int64 `yaml:"followers" json:"followers,omitempty"`
	MonthlyViews *int64 `yaml:"monthly_views" json:"monthly_views,omitempty"`
}

// Redaction actions a policy may name for a finding kind.
const (
	RedactMask    = "mask"    // replace the matched text, keep the file
	RedactRemove  = "remove"  // strip the metadata field, keep the file
	RedactExclude = "exclude" // leave the whole file out of the bundle
	RedactKeep    = "keep"    // ship as is: the creator accepts it
	RedactReview  = "review"  // the creator decides finding by finding
)

// policyKeyAliases are the short policy keys that name a finding kind
// spelt otherwise: consign init writes "gps" and the documentation
// lists it, while pii/gps reports the kind "gps_location". The kind's own
// name wins when the policy gives both.
var policyKeyAliases = map[string]string{"gps_location": "gps"}

// RedactionAction returns the policy's action for a finding kind, or the
// detector's own suggestion when the policy does not name the kind, or
// "review" when neither says. The creator's own details (kind "self")
// are kept unless the policy names "self" itself: "default" is for
// other people's data.
func (p *Profile) RedactionAction(kind, suggested string) string {
	action, _ := p.RedactionRule(kind, suggested)
	return action
}

// RedactionRule returns RedactionAction's action and the policy key it
// came from: the kind, its short key ("gps") or "default"; the key is ""
// when no policy key applies and the action is the detector's suggestion
// (or "review").
func (p *Profile) RedactionRule(kind, suggested string) (action, key string) {
	if a, ok := p.Redaction[kind]; ok {
		return a, kind
	}
	if kind == detectors.KindSelf {
		return RedactKeep, ""
	}
	if alias := policyKeyAliases[kind]; alias != "" {
		if a, ok := p.Redaction[alias]; ok {
			return a, alias
		}
	}
	if a, ok := p.Redaction["default"]; ok {
		return a, "default"
	}
	switch suggested {
	case RedactMask, RedactRemove, RedactExclude, RedactKeep, RedactReview:
		return suggested, ""
	}
	return RedactReview, ""
}

// CheckRedactionKinds refuses a redaction policy key that is neither
// "default", nor a short key such as "gps", nor one of kinds (every kind
// the detectors report): a misspelt kind ("emial") would otherwise apply
// to nothing, and pack would do something other than the creator wrote.
// The error is told at the key's line in consign.yaml.
func (p *Profile) CheckRedactionKinds(kinds []string) error {
	keys := make([]string, 0, len(p.Redaction))
	for k := range p.Redaction {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	known := slices.Clone(kinds)
	for _, alias := range policyKeyAliases {
		known = append(known, alias)
	}
	slices.Sort(known)
	for _, k := range keys {
		if k == "default" || slices.Contains(known, k) {
			continue
		}
		return p.ProblemAt("redaction."+k, fmt.Errorf("no detector reports the kind %q (known: default, %s)", k, strings.Join(known, ", ")))
	}
	return nil
}

// ErrBadProfile is returned (wrapped, with the line) when consign.yaml is
// not valid.
var ErrBadProfile = errors.New("invalid consign.yaml")

// LoadProfile reads dir/consign.yaml and checks it against its schema. A
// missing or empty file is an empty profile. Errors wrap ErrBadProfile and
// name the line and column: "consign.yaml:12:3: licence...: must be <= 100".
func LoadProfile(dir string) (*Profile, error) {
	path := filepath.Join(dir, ProfileFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		// A link to nothing is a profile that was meant, not an absent one.
		if target, lerr := os.Readlink(path); lerr == nil {
			return nil, fmt.Errorf("%w: %s is a symbolic link to %s, which does not exist", ErrBadProfile, path, target)
		}
		return &Profile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, withoutPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is a folder, not a file", ErrBadProfile, path)
	}
	// One byte past the limit is enough for ParseProfile to refuse it.
	b, err := io.ReadAll(io.LimitReader(f, maxProfileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, withoutPath(err))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return &Profile{}, nil
	}
	return ParseProfile(path, b)
}

// Identity is the creator's identity as the detectors match it: matches
// of these values are reported as the creator's own details. The contact
// address counts as one of the creator's emails.
func (p *Profile) Identity() detectors.Identity {
	c := p.Creator
	id := detectors.Identity{
		Aliases: c.Aliases, Handles: c.Handles, Phones: c.Phones, Domains: c.Domains,
		Emails: append([]string(nil), c.Emails...),
	}
	for _, n := range []string{c.Name, c.Organisation} {
		if n != "" {
			id.Names = append(id.Names, n)
		}
	}
	if c.Organisation != "" {
		id.Organisations = append(id.Organisations, c.Organisation)
	}
	if e := c.Contact.Email; e != "" && !slices.Contains(id.Emails, e) {
		id.Emails = append(id.Emails, e)
	}
	return id
}

// withoutPath drops the path an *fs.PathError carries where the message
// names the file already: "read DIR/consign.yaml: permission denied", not
// "read DIR/consign.yaml: open DIR/consign.yaml: permission denied".
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
