package manifest

import (
	"bytes"
	"fmt"
	"io"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// contentProfileDoc is metadata/content-profile.json.
type contentProfileDoc struct {
	Schema        string           `json:"$schema"`
	Catalog       Catalog          `json:"catalog"`
	Creator       publicCreator    `json:"creator"`
	MetadataSheet metadataSheet    `json:"metadata_sheet"`
	Checklist     redactionList    `json:"redaction_checklist"`
	Excluded      []ExcludedFile   `json:"excluded"`
	Provenance    provenanceRecord `json:"provenance"`
	Monetization  Monetization     `json:"monetization_baseline"`
	LicenceOffer  Licence          `json:"licence_offer"`
}

// publicCreator is the creator as a buyer sees them. The emails and phone
// numbers of consign.yaml's creator section serve to recognise the
// creator's own details in the content; they are not published.
type publicCreator struct {
	Name         string   `json:"name,omitempty"`
	Aliases      []string `json:"aliases,omitempty"`
	Handles      []string `json:"handles,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	Domains      []string `json:"domains,omitempty"`
	Contact      Contact  `json:"contact,omitzero"`
}

type metadataSheet struct {
	Files       int                       `json:"files"`
	Bytes       int64                     `json:"bytes"`
	ByKind      map[string]int            `json:"by_kind"`
	MediaTypes  map[string]map[string]int `json:"media_types"`
	DateRange   *dateRange                `json:"date_range,omitempty"`
	DateSources map[string]int            `json:"date_sources"`
	Languages   map[string]int            `json:"languages"`
	Unreadable  int                       `json:"unreadable"`
}

type dateRange struct {
	First string `json:"first"`
	Last  string `json:"last"`
}

type redactionList struct {
	Policy   map[string]string `json:"policy"`
	ByStatus map[string]int    `json:"by_status"`
	Items    checklistHole     `json:"items"`
}

type checklistItem struct {
	ID       string             `json:"id"`
	Path     string             `json:"path"`
	Detector string             `json:"detector"`
	Category string             `json:"category"`
	Kind     string             `json:"kind"`
	Severity string             `json:"severity"`
	Location detectors.Location `json:"location"`
	Action   string             `json:"action"`
	Status   string             `json:"status"`
	Reason   string             `json:"reason,omitempty"`
}

type provenanceRecord struct {
	Origin             string          `json:"origin"`
	Tool               string          `json:"tool"`
	ToolVersion        string          `json:"tool_version"`
	Created            string          `json:"created"`
	ExternalIdentifier string          `json:"external_identifier"`
	FilesJSONLSHA256   string          `json:"files_jsonl_sha256,omitempty"`
	RedactedCopies     []redactedCopy  `json:"redacted_copies"`
	Consent            []ConsentRecord `json:"consent"`
}

// redactedCopy is a payload file whose bytes differ from the original
// because a redaction applied: the original's digest proves which file it
// came from without shipping it.
type redactedCopy struct {
	Path           string `json:"path"`
	OriginalSHA256 string `json:"original_sha256"`
	SHA256         string `json:"sha256"`
}

// ContentProfile returns metadata/content-profile.json: the metadata sheet
// (counts by kind, date range, languages), the redaction checklist (every
// finding with the action the policy gives it and its status), the files
// left out, the provenance record with the consent records, the
// monetization baseline and the licence offer.
func ContentProfile(p *Profile, recs []*pipeline.Record, facts *BundleFacts) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteContentProfile(&buf, p, recs, facts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteContentProfile writes to w the bytes ContentProfile returns. The
// checklist, one item per finding, is most of the document: it is
// written item by item (see writeChecklist), so that the document is
// never whole in memory, nor a copy of every finding.
func WriteContentProfile(w io.Writer, p *Profile, recs []*pipeline.Record, facts *BundleFacts) error {
	if err := checkComplete(p); err != nil {
		return err
	}
	s := gather(p, recs, facts)
	doc := contentProfileDoc{
		Schema:  schemaBase + ContentProfileSchema,
		Catalog: p.Catalog,
		Creator: publicCreator{
			Name: p.Creator.Name, Aliases: p.Creator.Aliases, Handles: p.Creator.Handles,
			Organisation: p.Creator.Organisation, Domains: p.Creator.Domains, Contact: p.Creator.Contact,
		},
		MetadataSheet: metadataSheet{
			Files: s.files, Bytes: s.bytes, ByKind: s.byKind, MediaTypes: s.mediaTypes,
			DateSources: s.dateSources, Languages: s.languages, Unreadable: s.errors,
		},
		Checklist: redactionList{Policy: p.Redaction, ByStatus: s.byStatus},
		Excluded:  facts.Excluded,
		Provenance: provenanceRecord{
			Origin:             "original works by " + issuer(p) + ", from the creator's own content folder",
			Tool:               "consign",
			ToolVersion:        facts.ConsignVersion,
			Created:            facts.created(),
			ExternalIdentifier: p.Catalog.ExternalIdentifier,
			Consent:            p.Consent,
		},
		Monetization: p.Monetization,
		LicenceOffer: p.Licence,
	}
	if doc.Checklist.Policy == nil {
		doc.Checklist.Policy = map[string]string{}
	}
	if doc.Excluded == nil {
		doc.Excluded = []ExcludedFile{}
	}
	if doc.Provenance.Consent == nil {
		doc.Provenance.Consent = []ConsentRecord{}
	}
	doc.Provenance.RedactedCopies = redactedCopies(recs)
	if f, ok := facts.file(FilesJSONL); ok {
		doc.Provenance.FilesJSONLSHA256 = f.SHA256
	}
	if s.first != "" {
		doc.MetadataSheet.DateRange = &dateRange{First: s.first, Last: s.last}
	}
	rest, err := marshalDoc(doc)
	if err != nil {
		return err
	}
	at := bytes.Index(rest, []byte(checklistAt))
	if at < 0 {
		return fmt.Errorf("encode the redaction checklist: no place for its items")
	}
	hole := at + len(checklistAt) - len(checklistHoleJSON)
	if _, err := w.Write(rest[:hole]); err != nil {
		return err
	}
	if err := writeChecklist(w, s.findings); err != nil {
		return err
	}
	_, err = w.Write(rest[hole+len(checklistHoleJSON):])
	return err
}

// redactedCopies lists the payload files pack changed: those a record
// marks as a redacted copy whose bytes differ from the original's.
func redactedCopies(recs []*pipeline.Record) []redactedCopy {
	out := []redactedCopy{}
	for _, r := range recs {
		if x := r.Redaction; x != nil && x.OriginalSHA256 != "" && x.OriginalSHA256 != r.SHA256 {
			out = append(out, redactedCopy{Path: r.Path, OriginalSHA256: x.OriginalSHA256, SHA256: r.SHA256})
		}
	}
	return out
}
