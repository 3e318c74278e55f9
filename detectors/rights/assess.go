package rights

import (
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// Assessor turns the findings of one file into its record's rights
// object. One is made per run and used by every worker: it holds only
// what it read at construction.
type Assessor struct {
	match *Matcher
}

// NewAssessor prepares the assessment of a run whose creator is
// cfg.Identity.
func NewAssessor(cfg detectors.Config) *Assessor {
	return &Assessor{match: NewMatcher(cfg.Identity)}
}

// Assess reads the findings of this package's detectors among findings
// (every detector's, sealed: their values may be gone, their Details are
// not) and returns item's rights, or nil when nothing was found to say.
// The owner verdict is third_party when any ownership statement names
// someone else or the file carries stock or other owners' material,
// unknown when a statement names no one the identity can place, and self
// when every statement names the creator.
func (a *Assessor) Assess(item *detectors.Item, findings []detectors.Finding) *detectors.Rights {
	var r detectors.Rights
	var holders, licenses []string
	said, stated := false, false
	verdicts := map[string]bool{}
	for _, f := range findings {
		if !strings.HasPrefix(f.Detector, Prefix) || (item != nil && f.Path != "" && f.Path != item.Path) {
			continue
		}
		said = true
		kind := f.Kind
		// Material a file embeds or quotes does not make the file itself
		// anyone's, nor does a mark that claims no copyright ("public
		// domain"); every other signal is a statement about the file.
		stated = stated || kind != KindEmbeddedMedia && kind != KindQuotation && !IsPublicDomainStatus(&f)
		if kind == detectors.KindSelf {
			kind = KindCreator
		}
		switch kind {
		case KindCopyrightNotice:
			if !slices.Contains(holders, f.Detail) && f.Detail != "©" {
				holders = append(holders, f.Detail)
			}
			verdicts[a.match.Classify(noticeHolder(f.Detail))] = true
		case KindCreator, KindThirdPartyArtist:
			verdicts[a.match.Classify(f.Detail)] = true
		case KindStockAgency:
			verdicts[detectors.OwnerThirdParty] = true
		case KindLicense:
			if f.Detail != "" && !slices.Contains(licenses, f.Detail) {
				licenses = append(licenses, f.Detail)
			}
		case KindDataMining:
			if r.DataMining == "" || dmiRank(f.Detail) > dmiRank(r.DataMining) {
				r.DataMining = f.Detail
			}
		case KindTDMReservation:
			v := 0
			if f.Detail == "1" {
				v = 1
			}
			if r.TDMReservation == nil || v > *r.TDMReservation {
				r.TDMReservation = &v
			}
		case KindTDMPolicy:
			if r.TDMPolicy == "" {
				r.TDMPolicy = f.Detail
			}
		case KindC2PA, KindC2PATraining:
			r.C2PA = true
		case KindSynthetic:
			r.Synthetic = true
		}
	}
	if !said {
		return nil
	}
	slices.Sort(licenses)
	r.Copyright = strings.Join(holders, "; ")
	r.License = strings.Join(licenses, " AND ")
	switch {
	case verdicts[detectors.OwnerThirdParty]:
		r.Owner = detectors.OwnerThirdParty
	case verdicts[detectors.OwnerUnknown]:
		r.Owner = detectors.OwnerUnknown
	case verdicts[detectors.OwnerSelf]:
		r.Owner = detectors.OwnerSelf
	case stated:
		r.Owner = detectors.OwnerUnknown
	}
	if r == (detectors.Rights{}) {
		return nil
	}
	return &r
}
