package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/consignhq/consign/pipeline"
)

// cardFront is the dataset card's YAML front matter, in the keys dataset
// hubs read.
type cardFront struct {
	License        string   `yaml:"license"`
	LicenseName    string   `yaml:"license_name,omitempty"`
	LicenseLink    string   `yaml:"license_link,omitempty"`
	Language       []string `yaml:"language,omitempty"`
	PrettyName     string   `yaml:"pretty_name"`
	SizeCategories []string `yaml:"size_categories"`
	TaskCategories []string `yaml:"task_categories,omitempty"`
	Tags           []string `yaml:"tags,omitempty"`
}

// hubLicences are the licence ids dataset hubs accept in front matter;
// any other licence is "other" with its name and link.
var hubLicences = map[string]bool{
	"apache-2.0": true, "mit": true, "cc0-1.0": true, "cc-by-4.0": true, "cc-by-sa-4.0": true,
	"cc-by-nc-4.0": true, "cc-by-nc-sa-4.0": true, "cc-by-nd-4.0": true, "cc-by-nc-nd-4.0": true,
	"odc-by": true, "pddl": true, "odbl": true,
}

// DatasetCard returns README.md: YAML front matter (license, language,
// pretty_name, size_categories, task_categories) and a summary for people,
// with a "Personal and sensitive information" section.
func DatasetCard(p *Profile, recs []*pipeline.Record, facts *BundleFacts) ([]byte, error) {
	if err := checkComplete(p); err != nil {
		return nil, err
	}
	s := gather(p, recs, facts)
	front := cardFront{
		PrettyName:     title(p),
		Language:       s.primaryLanguages(),
		SizeCategories: []string{sizeCategory(s.files)},
		TaskCategories: taskCategories(s.byKind),
		Tags:           append([]string{"consign"}, p.Catalog.Keywords...),
	}
	if id := strings.ToLower(p.Licence.ID); hubLicences[id] {
		front.License = id
	} else {
		front.License = "other"
		front.LicenseName = strings.ToLower(p.Licence.Identifier())
		front.LicenseLink = licenceURL(p)
		if p.Licence.URL == "" {
			front.LicenseLink = "croissant.json"
		}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(front); err != nil {
		return nil, fmt.Errorf("encode dataset card front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode dataset card front matter: %w", err)
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "# %s\n\n", title(p))
	fmt.Fprintf(&b, "%s\n\n", catalogDescription(p, s))
	fmt.Fprintf(&b, "- **Creator:** %s\n", issuer(p))
	if p.Creator.Organisation != "" && p.Creator.Name != "" {
		fmt.Fprintf(&b, "- **Organisation:** %s\n", p.Creator.Organisation)
	}
	if p.Creator.Contact.Email != "" {
		fmt.Fprintf(&b, "- **Contact:** %s\n", p.Creator.Contact.Email)
	}
	fmt.Fprintf(&b, "- **Identifier:** %s (version %s)\n", p.Catalog.ExternalIdentifier, catalogVersion(p))
	if s.files == 0 {
		fmt.Fprintf(&b, "- **Files:** 0\n")
	} else {
		fmt.Fprintf(&b, "- **Files:** %d (%s): %s\n", s.files, HumanBytes(s.bytes), strings.Join(sortedCounts(s.byKind), ", "))
	}
	if s.first != "" {
		fmt.Fprintf(&b, "- **Made between:** %s and %s\n", s.first, s.last)
	}
	if langs := s.primaryLanguages(); len(langs) > 0 {
		fmt.Fprintf(&b, "- **Languages:** %s\n", strings.Join(langs, ", "))
	}
	fmt.Fprintf(&b, "- **Packed:** %s by consign %s\n\n", facts.created(), facts.ConsignVersion)

	b.WriteString("## Licence offer\n\n")
	b.WriteString(useCaseSummary(p) + "\n\n")
	b.WriteString("The terms (compensation, reporting, attribution, privacy and deletion duties) are in " +
		"`metadata/content-profile.json` under `licence_offer`, and as an ODRL Offer in `croissant.json`.\n\n")

	b.WriteString("## Personal and sensitive information\n\n")
	for _, line := range sensitiveSummary(p, s) {
		fmt.Fprintf(&b, "- %s\n", line)
	}
	b.WriteString("\n" + manipulationSummary(s, facts) + "\n\n")
	if open := s.byStatus[StatusOpen]; open > 0 {
		fmt.Fprintf(&b, "**%s %s still open**: the creator accepted the bundle with %s; see the redaction checklist.\n\n", Count(open, "finding"), Agree(open, "is", "are"), Agree(open, "it", "them"))
	}
	b.WriteString("## Files in this bundle\n\n")
	b.WriteString("- `data/`: the payload\n")
	b.WriteString("- `metadata/files.jsonl`: one record per file (path, sha256, media type, kind, content date, languages, tags, rights)\n")
	b.WriteString("- `metadata/findings.jsonl`: every finding, with status and redaction\n")
	b.WriteString("- `metadata/content-profile.json`: metadata sheet, redaction checklist, provenance, monetization baseline, licence offer\n")
	b.WriteString("- `metadata/dps.json`: Data Provenance Standards 1.0 record\n")
	b.WriteString("- `croissant.json`: Croissant 1.1 + RAI 1.0 metadata\n")
	return b.Bytes(), nil
}

// sizeCategory is the hubs' size bucket for n files.
func sizeCategory(n int) string {
	switch {
	case n < 1000:
		return "n<1K"
	case n < 10000:
		return "1K<n<10K"
	case n < 100000:
		return "10K<n<100K"
	case n < 1000000:
		return "100K<n<1M"
	case n < 10000000:
		return "1M<n<10M"
	}
	return "10M<n<100M"
}

// taskCategories guesses the hub task categories the media kinds serve.
func taskCategories(byKind map[string]int) []string {
	tasks := map[string][]string{
		"text": {"text-generation"}, "document": {"text-generation"},
		"image": {"text-to-image", "image-to-text"}, "audio": {"text-to-audio", "automatic-speech-recognition"},
		"video": {"text-to-video"},
	}
	seen := map[string]bool{}
	for kind := range byKind {
		for _, t := range tasks[kind] {
			seen[t] = true
		}
	}
	return sortedKeys(seen)
}

// frontMatter returns the YAML front matter of a Markdown document as the
// value the card's schema checks.
func frontMatter(data []byte) (any, error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, errors.New("no YAML front matter")
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil, errors.New("front matter does not end with ---")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(rest[:end+1], &doc); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, errors.New("empty front matter")
	}
	budget := maxProfileNodes
	return nodeValue("README.md", doc.Content[0], &budget)
}
