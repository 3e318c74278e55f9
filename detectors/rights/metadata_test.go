package rights

import (
	"context"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// detectFields runs a metadata detector over one field.
func detectFields(t *testing.T, d detectors.Detector, fields ...detectors.Field) []detectors.Finding {
	t.Helper()
	item := &detectors.Item{Path: "photo.jpg", Fields: fields}
	if !d.Applies(item) {
		return nil
	}
	fs, err := d.Detect(context.Background(), item)
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	for _, f := range fs {
		if f.Location.In != detectors.InMetadata || f.Location.Field == "" || f.ID != "" || f.Path != item.Path {
			t.Errorf("finding %+v is not a metadata finding for the Sealer", f)
		}
	}
	return fs
}

func TestMetadataOwnership(t *testing.T) {
	d := NewMetadata(detectors.Config{Identity: janeDoe})
	cases := []struct {
		name         string
		field, value string
		kind, detail string // kind "" when nothing is expected
		action       string
	}{
		{"own copyright", "exif:Copyright", "Jane Doe", KindCopyrightNotice, "© Jane Doe", ""},
		{"other copyright", "xmp:dc:rights", "Studio Nord", KindCopyrightNotice, "© Studio Nord", detectors.ActionExclude},
		{"iptc copyright", "iptc:CopyrightNotice", "Max Mustermann", KindCopyrightNotice, "© Max Mustermann", detectors.ActionExclude},
		{"rtf copyright holder", "rtf:copyright", "Studio Nord", KindCopyrightNotice, "© Studio Nord", detectors.ActionExclude},
		{"written notice left to the text detector", "exif:Copyright", "© 2021 John Smith", "", "", ""},
		{"own artist", "exif:Artist", "JANE DOE", KindCreator, "JANE DOE", ""},
		{"other by-line", "iptc:By-line", "John Smith", KindThirdPartyArtist, "John Smith", detectors.ActionExclude},
		{"second creator", "xmp:dc:creator", "Jane Doe; Ann Lee", KindThirdPartyArtist, "Ann Lee", detectors.ActionExclude},
		{"credit", "xmp:photoshop:Credit", "Photo by Ann Lee", KindThirdPartyArtist, "Photo by Ann Lee", detectors.ActionExclude},
		{"agency credit left to the stock detector", "iptc:Credit", "Getty Images", "", "", ""},
		{"document author", "docx:dc:creator", "Ann Lee", KindThirdPartyArtist, "Ann Lee", detectors.ActionReview},
		{"software default author", "pdf:Author", "Microsoft Office User", "", "", ""},
		{"unrelated field", "exif:Make", "Canon", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: c.field, Value: c.value})
			if c.kind == "" {
				if len(fs) > 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			f := fs[len(fs)-1]
			if f.Kind != c.kind || f.Detail != c.detail || f.Action != c.action {
				t.Errorf("kind, detail, action = %q, %q, %q; want %q, %q, %q", f.Kind, f.Detail, f.Action, c.kind, c.detail, c.action)
			}
		})
	}
}

// dmiCases are every value of the PLUS Data Mining vocabulary.
var dmiCases = []struct{ code, action string }{
	{"DMI-UNSPECIFIED", ""},
	{"DMI-ALLOWED", ""},
	{"DMI-PROHIBITED-AIMLTRAINING", detectors.ActionExclude},
	{"DMI-PROHIBITED-GENAIMLTRAINING", detectors.ActionExclude},
	{"DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING", detectors.ActionExclude},
	{"DMI-PROHIBITED", detectors.ActionExclude},
	{"DMI-PROHIBITED-SEECONSTRAINT", detectors.ActionReview},
	{"DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR", detectors.ActionReview},
	{"DMI-PROHIBITED-SEELINKEDRIGHTSEXPR", detectors.ActionReview},
}

func TestDataMining(t *testing.T) {
	d := NewDataMining(detectors.Config{})
	for _, c := range dmiCases {
		for _, form := range []string{c.code, "http://ns.useplus.org/ldf/vocab/" + c.code} {
			t.Run(form, func(t *testing.T) {
				fs := detectFields(t, d, detectors.Field{Name: "xmp:plus:DataMining", Value: form})
				if len(fs) != 1 || fs[0].Detail != c.code || fs[0].Action != c.action || fs[0].Kind != KindDataMining {
					t.Fatalf("findings %+v, want one %s with action %q", fs, c.code, c.action)
				}
			})
		}
	}
	t.Run("other constraints", func(t *testing.T) {
		fs := detectFields(t, d, detectors.Field{Name: "xmp:plus:OtherConstraints", Value: "No use for machine learning."})
		if len(fs) != 1 || fs[0].Kind != KindUsageTerms || fs[0].Action != detectors.ActionReview {
			t.Fatalf("findings %+v, want one usage_terms to review", fs)
		}
	})
	// xmpRights:Marked False (Adobe's "public domain") and PLUS CS-PUB
	// are information that no copyright is claimed; True and CS-PRO say
	// the work is protected, in the same field=value form.
	for _, c := range []struct{ field, value, detail string }{
		{"xmp:xmpRights:Marked", "False", "xmpRights:Marked=False: public domain, no copyright claimed"},
		{"xmp:xmpRights:Marked", " false ", "xmpRights:Marked=false: public domain, no copyright claimed"},
		{"xmp:xmpRights:Marked", "True", "xmpRights:Marked=True"},
		{"xmp:plus:CopyrightStatus", "http://ns.useplus.org/ldf/vocab/CS-PUB", "plus:CopyrightStatus=http://ns.useplus.org/ldf/vocab/CS-PUB: public domain, no copyright claimed"},
		{"xmp:plus:CopyrightStatus", "http://ns.useplus.org/ldf/vocab/CS-PRO", "plus:CopyrightStatus=http://ns.useplus.org/ldf/vocab/CS-PRO"},
		{"xmp:plus:CopyrightStatus", "http://ns.useplus.org/ldf/vocab/CS-UNK", "plus:CopyrightStatus=http://ns.useplus.org/ldf/vocab/CS-UNK"},
	} {
		t.Run(c.field+"="+c.value, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: c.field, Value: c.value})
			if len(fs) != 1 || fs[0].Kind != KindUsageTerms || fs[0].Severity != detectors.SeverityInfo || fs[0].Detail != c.detail {
				t.Fatalf("findings %+v, want one info usage_terms with detail %q", fs, c.detail)
			}
			if got, want := IsPublicDomainStatus(&fs[0]), strings.HasSuffix(c.detail, publicDomainNote); got != want {
				t.Errorf("IsPublicDomainStatus = %v, want %v", got, want)
			}
		})
	}
	t.Run("not a dmi value", func(t *testing.T) {
		if fs := detectFields(t, d, detectors.Field{Name: "xmp:plus:DataMining", Value: "yes"}); len(fs) != 0 {
			t.Fatalf("findings %+v, want none", fs)
		}
	})
}

func TestSynthetic(t *testing.T) {
	d := NewSynthetic(detectors.Config{})
	cases := []struct {
		value, want string
	}{
		{"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", "trainedAlgorithmicMedia"},
		{"compositeSynthetic", "compositeSynthetic"},
		{"https://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia", "algorithmicMedia"},
		{"http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia"},
		{"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture", ""},
		{"http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicallyEnhanced", ""},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: "xmp:Iptc4xmpExt:DigitalSourceType", Value: c.value})
			if c.want == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Detail != c.want || fs[0].Kind != KindSynthetic {
				t.Fatalf("findings %+v, want synthetic %s", fs, c.want)
			}
		})
	}
}
