package rights

import (
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// DataMiningName names the detector of IPTC/PLUS data mining marks.
const DataMiningName = Prefix + "data-mining"

// dmiValues are the PLUS Data Mining vocabulary (ns.useplus.org/ldf/vocab)
// by how strongly they refuse training: the higher, the stronger.
var dmiValues = map[string]int{
	"DMI-UNSPECIFIED":                           0,
	"DMI-ALLOWED":                               1,
	"DMI-PROHIBITED-SEECONSTRAINT":              2,
	"DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR":      2,
	"DMI-PROHIBITED-SEELINKEDRIGHTSEXPR":        2,
	"DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING": 3,
	"DMI-PROHIBITED-GENAIMLTRAINING":            3,
	"DMI-PROHIBITED-AIMLTRAINING":               4,
	"DMI-PROHIBITED":                            5,
}

// dmiRank ranks a DMI value; values outside the vocabulary rank as
// needing a look.
func dmiRank(v string) int {
	if r, ok := dmiValues[v]; ok {
		return r
	}
	return 2
}

// dataMiningFields carry a PLUS data mining value.
var dataMiningFields = map[string]bool{
	"xmp:plus:DataMining": true, "xmp:Iptc4xmpExt:DataMining": true,
}

// otherConstraintFields carry free text that a DMI-PROHIBITED-SEECONSTRAINT
// points to, and the usage terms a licensor writes.
var otherConstraintFields = map[string]bool{
	"xmp:plus:OtherConstraints": true, "xmp:xmpRights:UsageTerms": true,
	"xmp:plus:OtherLicenseRequirements": true,
}

// rightsStatusFields say whether a work is protected and where its terms
// are: information that the record's rights summarise, nothing to act on.
var rightsStatusFields = map[string]bool{
	"xmp:xmpRights:Marked": true, "xmp:xmpRights:WebStatement": true,
	"xmp:plus:CopyrightStatus": true, "xmp:xmpRights:Certificate": true,
}

// maxStatusDetail bounds a status value carried as a finding's detail.
const maxStatusDetail = 200

// publicDomainNote follows the detail of a status that claims no
// copyright. Adobe's xmpRights:Marked is "True" for a work under
// copyright and "False" for one in the public domain (left out, the
// status is unknown); PLUS's CopyrightStatus says the same with CS-PRO
// and CS-PUB. Such a status is no claim on the work: it makes no owner,
// known or unknown (see Assessor.Assess).
const publicDomainNote = ": public domain, no copyright claimed"

// claimsNoCopyright reports whether the status field says that the work
// is in the public domain.
func claimsNoCopyright(field, value string) bool {
	v := strings.TrimSpace(value)
	switch field {
	case "xmp:xmpRights:Marked":
		return strings.EqualFold(v, "False")
	case "xmp:plus:CopyrightStatus":
		if i := strings.LastIndexAny(v, "/#"); i >= 0 {
			v = v[i+1:]
		}
		return strings.EqualFold(v, "CS-PUB")
	}
	return false
}

// IsPublicDomainStatus reports whether f is the usage terms finding of a
// status that claims no copyright: information for the record, no claim
// that gives the file an owner.
func IsPublicDomainStatus(f *detectors.Finding) bool {
	return f.Kind == KindUsageTerms && strings.HasSuffix(f.Detail, publicDomainNote)
}

// normalizeDMI reduces a written value ("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED",
// "dmi-allowed") to its vocabulary code, or "" when it is not one.
func normalizeDMI(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexAny(v, "/#"); i >= 0 {
		v = v[i+1:]
	}
	v = strings.ToUpper(v)
	if !strings.HasPrefix(v, "DMI-") || len(v) > 64 {
		return ""
	}
	return v
}

// dmiSignal says what a DMI value asks of the creator: prohibitions
// exclude the file, pointers to other constraints need a look, and an
// explicit allowance or an unspecified value is information.
func dmiSignal(code string) signal {
	s := signal{detectors.CategoryRights, KindDataMining, detectors.SeverityInfo, 0.99, code, ""}
	switch rank := dmiRank(code); {
	case rank >= 3:
		s.severity, s.action = detectors.SeverityHigh, detectors.ActionExclude
	case rank == 2:
		s.severity, s.action = detectors.SeverityMedium, detectors.ActionReview
	}
	return s
}

// DataMining reports plus:DataMining marks and the constraints they refer
// to.
type DataMining struct{}

var _ detectors.Detector = DataMining{}

// NewDataMining returns the data mining detector.
func NewDataMining(detectors.Config) detectors.Detector { return DataMining{} }

// Name implements detectors.Detector.
func (DataMining) Name() string { return DataMiningName }

// Version implements the pipeline's versioned detector: "2" says of an
// xmpRights:Marked of False, or a CopyrightStatus of CS-PUB, that the
// work is in the public domain, so cached statuses are read again.
func (DataMining) Version() string { return "2" }

// Applies implements detectors.Detector.
func (DataMining) Applies(item *detectors.Item) bool { return hasFieldPrefix(item, "xmp:") }

// Detect implements detectors.Detector.
func (DataMining) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		switch {
		case dataMiningFields[f.Name]:
			for _, v := range strings.Split(f.Value, "; ") {
				if code := normalizeDMI(v); code != "" {
					out = append(out, finding(DataMiningName, item, f.Name, code, dmiSignal(code)))
				}
			}
		case otherConstraintFields[f.Name] && strings.TrimSpace(f.Value) != "":
			s := signal{detectors.CategoryRights, KindUsageTerms, detectors.SeverityMedium, 0.7, strings.TrimPrefix(f.Name, "xmp:"), detectors.ActionReview}
			out = append(out, finding(DataMiningName, item, f.Name, f.Value, s))
		case rightsStatusFields[f.Name] && strings.TrimSpace(f.Value) != "" && len(f.Value) <= maxStatusDetail:
			detail := strings.TrimPrefix(f.Name, "xmp:") + "=" + strings.TrimSpace(f.Value)
			if claimsNoCopyright(f.Name, f.Value) {
				detail += publicDomainNote
			}
			s := signal{detectors.CategoryRights, KindUsageTerms, detectors.SeverityInfo, 0.9, detail, ""}
			out = append(out, finding(DataMiningName, item, f.Name, f.Value, s))
		}
	}
	return out, nil
}

func hasFieldPrefix(item *detectors.Item, prefix string) bool {
	for _, f := range item.Fields {
		if strings.HasPrefix(f.Name, prefix) {
			return true
		}
	}
	return false
}
