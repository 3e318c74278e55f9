package manifest

import (
	"fmt"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// DPSVersion is the version of the Data & Trust Alliance Data Provenance
// Standards that metadata/dps.json follows.
const DPSVersion = "1.0.0"

// dpsDoc is metadata/dps.json: the Data Provenance Standards' fields in
// their three groups, source, provenance and use.
type dpsDoc struct {
	Schema           string        `json:"$schema"`
	StandardsVersion string        `json:"standards_version"`
	Source           dpsSource     `json:"source"`
	Provenance       dpsProvenance `json:"provenance"`
	Use              dpsUse        `json:"use"`
}

type dpsSource struct {
	DatasetTitle             string   `json:"dataset_title"`
	UniqueMetadataIdentifier string   `json:"unique_metadata_identifier"`
	MetadataLocation         string   `json:"metadata_location"`
	DatasetIssuer            dpsParty `json:"dataset_issuer"`
	Description              string   `json:"description"`
}

type dpsParty struct {
	Name         string `json:"name"`
	Organisation string `json:"organisation,omitempty"`
	Email        string `json:"email,omitempty"`
	URL          string `json:"url,omitempty"`
}

type dpsProvenance struct {
	SourceMetadata       []string   `json:"source_metadata"`
	Source               dpsParty   `json:"source"`
	SourceSameAsIssuer   bool       `json:"source_same_as_issuer"`
	DataOriginGeography  []string   `json:"data_origin_geography"`
	DatasetIssueDate     string     `json:"dataset_issue_date"`
	PreviousVersionDate  string     `json:"previous_version_issue_date,omitempty"`
	DataGenerationPeriod *dateRange `json:"data_generation_date_range,omitempty"`
	Method               string     `json:"method"`
	DataFormat           []string   `json:"data_format"`
}

type dpsUse struct {
	ConfidentialityClassification string         `json:"confidentiality_classification"`
	ConsentDocumentationLocation  string         `json:"consent_documentation_location,omitempty"`
	PrivacyEnforcement            dpsPrivacy     `json:"privacy_enforcement"`
	LicenseToUse                  dpsLicense     `json:"license_to_use"`
	IntendedDataUse               dpsIntendedUse `json:"intended_data_use"`
	ProprietaryDataPresence       dpsProprietary `json:"proprietary_data_presence"`
}

type dpsPrivacy struct {
	PersonalInformation bool           `json:"personal_information"`
	Method              string         `json:"method"`
	Findings            int            `json:"findings"`
	ByStatus            map[string]int `json:"by_status"`
}

type dpsLicense struct {
	Identifier string `json:"identifier"`
	URL        string `json:"url,omitempty"`
	Offer      string `json:"offer"`
}

type dpsIntendedUse struct {
	Uses       []string `json:"uses"`
	ModelTypes []string `json:"model_types,omitempty"`
	Commercial bool     `json:"commercial"`
	Territory  []string `json:"territory,omitempty"`
}

type dpsProprietary struct {
	ThirdPartySignals int    `json:"third_party_signals"`
	Summary           string `json:"summary"`
}

// DPS returns metadata/dps.json: the Data Provenance Standards 1.0 record
// of the bundle: who issued it and what it is (source), where, when and
// how the data came to be (provenance), and what it may be used for and
// how privacy was enforced (use).
func DPS(p *Profile, recs []*pipeline.Record, facts *BundleFacts) ([]byte, error) {
	if err := checkComplete(p); err != nil {
		return nil, err
	}
	s := gather(p, recs, facts)
	party := dpsParty{Name: issuer(p), Organisation: p.Creator.Organisation, Email: p.Creator.Contact.Email, URL: p.Creator.Contact.URL}
	var formats []string
	for _, kind := range sortedKeys(s.mediaTypes) {
		formats = append(formats, sortedKeys(s.mediaTypes[kind])...)
	}
	if formats == nil {
		formats = []string{}
	}
	doc := dpsDoc{
		Schema:           schemaBase + DPSSchema,
		StandardsVersion: DPSVersion,
		Source: dpsSource{
			DatasetTitle:             title(p),
			UniqueMetadataIdentifier: p.Catalog.ExternalIdentifier + "#" + catalogVersion(p),
			MetadataLocation:         catalogURL(p),
			DatasetIssuer:            party,
			Description:              catalogDescription(p, s),
		},
		Provenance: dpsProvenance{
			SourceMetadata:      []string{"croissant.json", FilesJSONL, "metadata/content-profile.json"},
			Source:              party,
			SourceSameAsIssuer:  true,
			DataOriginGeography: p.Catalog.OriginGeography,
			DatasetIssueDate:    facts.created(),
			PreviousVersionDate: p.Catalog.PreviousVersionDate,
			Method: "Original works created by the issuer (" + strings.Join(sortedCounts(s.byKind), ", ") +
				"), gathered from the issuer's content folder and audited file by file by consign " + facts.ConsignVersion + ".",
			DataFormat: formats,
		},
		Use: dpsUse{
			ConfidentialityClassification: "restricted: licensed to the buyer under the licence offer; not public",
			PrivacyEnforcement:            privacyEnforcement(s),
			LicenseToUse:                  dpsLicense{Identifier: p.Licence.Identifier(), URL: p.Licence.URL, Offer: "croissant.json#usageInfo"},
			IntendedDataUse: dpsIntendedUse{
				Uses: p.Licence.Uses, ModelTypes: p.Licence.ModelTypes,
				Commercial: p.Licence.IsCommercial(), Territory: p.Licence.Territory,
			},
			ProprietaryDataPresence: proprietary(recs, s),
		},
	}
	if doc.Use.IntendedDataUse.Uses == nil {
		doc.Use.IntendedDataUse.Uses = []string{}
	}
	if doc.Provenance.DataOriginGeography == nil {
		doc.Provenance.DataOriginGeography = []string{}
	}
	if s.first != "" {
		doc.Provenance.DataGenerationPeriod = &dateRange{First: s.first, Last: s.last}
	}
	if len(p.Consent) > 0 {
		doc.Use.ConsentDocumentationLocation = "metadata/content-profile.json#/provenance/consent"
	}
	return marshalDoc(doc)
}

func privacyEnforcement(s *stats) dpsPrivacy {
	pi := 0
	for _, it := range s.findings {
		if it.f.Category == detectors.CategoryPII && it.status != StatusIgnored {
			pi++
		}
	}
	return dpsPrivacy{
		PersonalInformation: pi > 0,
		Method: "Every file's text and metadata scanned for personal data and secrets; findings masked, " +
			"removed or excluded by the creator's redaction policy, the rest reviewed (see the redaction checklist in metadata/content-profile.json).",
		Findings: len(s.findings),
		ByStatus: s.byStatus,
	}
}

// proprietary counts what suggests material the creator does not own:
// third-party and rights findings, and files whose ownership statement
// names someone else.
func proprietary(recs []*pipeline.Record, s *stats) dpsProprietary {
	n, owned := 0, 0
	for _, it := range s.findings {
		if it.f.Category == detectors.CategoryThirdParty || it.f.Category == detectors.CategoryRights {
			n++
		}
	}
	for _, r := range recs {
		if r.Rights != nil && r.Rights.Owner == detectors.OwnerThirdParty {
			owned++
		}
	}
	summary := "No third-party ownership or rights signals were found."
	if n+owned > 0 {
		summary = fmt.Sprintf("%s; %s %s another owner. See the redaction checklist.", Count(n, "third-party or rights finding"), Count(owned, "file"), Agree(owned, "names", "name"))
	}
	return dpsProprietary{ThirdPartySignals: n + owned, Summary: summary}
}
