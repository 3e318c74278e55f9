package redact

import (
	"bytes"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// TestCorpus redacts every JPEG, PNG, WebP, TIFF and MP4/QuickTime file
// of the shared creator corpus: a file that shows a position, a serial
// number or an owner must come out without them, decode as before and
// read without new errors.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus run reads every photo and movie twice; skipped in -short mode")
	}
	var checked, withData int
	walkShared(t, []string{"corpus"}, func(f sharedFile) {
		if !Supports(f.mediaType) {
			return
		}
		t.Run(f.rel, func(t *testing.T) {
			checked++
			if corpusFile(t, f.name, f.mediaType, f.data) {
				withData++
			}
		})
	})
	t.Logf("%d supported files, %d with data to redact", checked, withData)
	if checked == 0 {
		t.Error("no supported file in the corpus")
	}
}

// corpusFile redacts one corpus file and reports whether it held
// anything to redact.
func corpusFile(t *testing.T, name, mt string, data []byte) bool {
	before := extractBytes(name, data)
	sensitive := leaks(before, all)
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mt, all)
	if err != nil {
		if len(sensitive) > 0 {
			t.Errorf("cannot redact %v: %v", sensitive, err)
		} else {
			t.Logf("not redactable (nothing to redact): %v", err)
		}
		return len(sensitive) > 0
	}
	red := out.Bytes()
	if !isPNG(mt) && len(red) != len(data) {
		t.Errorf("length %d, want %d", len(red), len(data))
	}
	after := extractBytes(name, red)
	if l := withoutKeptMakerNote(leaks(after, all), after, rep); len(l) > 0 {
		t.Errorf("still shows %v after %v", l, rep.Applied)
	}
	for _, e := range after.Errors {
		if !hasError(before.Errors, e) {
			t.Errorf("new extraction error: %v", e)
		}
	}
	if mt == "image/jpeg" || isPNG(mt) {
		samePixels(t, data, red)
	}
	if len(sensitive) > 0 {
		t.Logf("removed %v (kept %v)", rep.Applied, rep.Kept)
	}
	return len(sensitive) > 0
}

func hasError(errs []error, e error) bool {
	for _, x := range errs {
		if x.Error() == e.Error() || strings.Contains(x.Error(), "over the") {
			return true
		}
	}
	return false
}

// withoutKeptMakerNote drops from leaks what a maker note the redaction
// kept on purpose still says (raw files need theirs to be developed): the
// makernote: fields, and the tags whose values came from them.
func withoutKeptMakerNote(leaks []string, res *extract.Result, rep Report) []string {
	kept := false
	for _, k := range rep.Kept {
		kept = kept || strings.Contains(strings.ReplaceAll(strings.ToLower(k), " ", ""), "makernote")
	}
	if !kept {
		return leaks
	}
	fromNote := map[string]bool{}
	for _, f := range res.Fields {
		if strings.HasPrefix(f.Name, "makernote:") {
			fromNote[f.Value] = true
		}
	}
	var out []string
	for _, l := range leaks {
		name, value, _ := strings.Cut(l, "=")
		if !strings.HasPrefix(name, "makernote:") && !fromNote[value] {
			out = append(out, l)
		}
	}
	return out
}
