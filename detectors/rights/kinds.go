package rights

import (
	"strings"

	"github.com/consignhq/consign/detectors"
)

// Kinds of finding this package reports.
const (
	KindCopyrightNotice  = "copyright_notice"   // Detail: "© 2021 Jane Doe Photography"
	KindCreator          = "creator"            // a creator field naming the creator (self): Detail the name
	KindThirdPartyArtist = "third_party_artist" // an artist, author or credit naming someone else: Detail the name
	KindLicense          = "license"            // Detail: SPDX id ("MIT", "CC-BY-NC-4.0")
	KindDataMining       = "data_mining"        // Detail: the PLUS DMI value
	KindUsageTerms       = "usage_terms"        // Detail: the field, or "field=value" for status fields
	KindTDMReservation   = "tdm_reservation"    // Detail: "1" or "0"
	KindTDMPolicy        = "tdm_policy"         // Detail: the policy URL
	KindTDMRepInvalid    = "tdmrep_invalid"     // the folder's tdmrep.json cannot be read
	KindC2PA             = "c2pa"               // Detail: where the manifest store is
	KindC2PATraining     = "c2pa_training"      // Detail: "c2pa.ai_training=notAllowed"
	KindSynthetic        = "synthetic_media"    // Detail: the digital source type
	KindStockAgency      = "stock_agency"       // Detail: the agency's name
	KindLyrics           = "lyrics"             // Detail: the field
	KindEmbeddedMedia    = "embedded_media"     // Detail: the service ("YouTube") or "img other.org"
	KindQuotation        = "quotation"          // Detail: "blockquote" or "quotation"
)

// Kinds lists every kind of finding this package reports, for checking
// the kinds a redaction policy names.
func Kinds() []string {
	return []string{
		KindC2PA, KindC2PATraining, KindCopyrightNotice, KindCreator,
		KindDataMining, KindEmbeddedMedia, KindLicense, KindLyrics,
		KindQuotation, KindStockAgency, KindSynthetic, KindTDMPolicy,
		KindTDMRepInvalid, KindTDMReservation, KindThirdPartyArtist,
		KindUsageTerms,
	}
}

// noticeDetail writes a notice's holder and year the way records show a
// copyright: "© 2021 Jane Doe Photography"; "©" alone when the notice
// names no one ("All rights reserved").
func noticeDetail(year, holder string) string {
	return strings.TrimSpace("© " + strings.TrimSpace(year+" "+holder))
}

var noticeYears = lazyRegexp(`^©\s*(?:` + yearRun + `\s*)?`)

// noticeHolder is the holder part of a noticeDetail, or the detail itself
// when it is not one.
func noticeHolder(detail string) string {
	return strings.TrimSpace(noticeYears().ReplaceAllString(detail, ""))
}

// finding builds a metadata finding for field, for the Sealer to complete.
func finding(det string, item *detectors.Item, field, value string, s signal) detectors.Finding {
	return detectors.Finding{
		Path:       item.Path,
		Detector:   det,
		Category:   s.category,
		Kind:       s.kind,
		Severity:   s.severity,
		Confidence: s.confidence,
		Location:   detectors.Location{In: detectors.InMetadata, Field: field},
		Excerpt:    detectors.MaskValue(s.kind, value),
		Detail:     s.detail,
		Value:      value,
		Action:     s.action,
	}
}

// signal is what a finding says, before it is placed.
type signal struct {
	category, kind, severity string
	confidence               float64
	detail, action           string
}

// ownerSignal turns an ownership statement into a signal: the creator's
// own is information, someone else's work is excluded, an unknown holder
// needs a look.
func ownerSignal(verdict, kind, detail string) signal {
	switch verdict {
	case detectors.OwnerSelf:
		if kind == KindThirdPartyArtist {
			kind = KindCreator
		}
		return signal{detectors.CategoryRights, kind, detectors.SeverityInfo, 0.9, detail, ""}
	case detectors.OwnerThirdParty:
		return signal{detectors.CategoryThirdParty, kind, detectors.SeverityHigh, 0.8, detail, detectors.ActionExclude}
	}
	return signal{detectors.CategoryRights, kind, detectors.SeverityMedium, 0.6, detail, detectors.ActionReview}
}

// A year or a run of years in a notice.
const yearRun = `(?:1[89]|2[01])\d\d(?:\s*[-–,/]\s*(?:(?:1[89]|2[01])\d\d|present|today))*`

var (
	noticeYearRun   = lazyRegexp(`^` + yearRun)
	trailingYearRun = lazyRegexp(`[\s,]+(` + yearRun + `)$`)
)
