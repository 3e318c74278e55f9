package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

var all = Strip{GPS: true, Serials: true, Owner: true}

// redactBytes runs Metadata over data held in memory.
func redactBytes(t testing.TB, data []byte, mediaType string, s Strip) ([]byte, Report) {
	t.Helper()
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mediaType, s)
	if err != nil {
		t.Fatalf("Metadata(%s): %v", mediaType, err)
	}
	return out.Bytes(), rep
}

// extractBytes runs the metadata extractors the pipeline runs over data:
// a photo's, a movie's and an Office document's.
func extractBytes(name string, data []byte) *extract.Result {
	mt, kind := extract.Sniff(name, data[:min(len(data), extract.HeadSize)])
	return extractAs(name, mt, kind, data)
}

// extractAs is extractBytes for data of a given media type and kind.
func extractAs(name, mediaType, kind string, data []byte) *extract.Result {
	head := data[:min(len(data), extract.HeadSize)]
	src := &extract.Source{Path: name, Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mediaType, Kind: kind}
	var res extract.Result
	extract.Run(context.Background(), []extract.Extractor{extract.NewEXIF(), extract.NewMP4(), extract.NewXMP(), extract.NewIPTC(), extract.NewOOXML(), extract.NewODF(), extract.NewPDF()}, src, &res)
	return &res
}

// leakTags are the curated tags a full redaction leaves unset.
var leakTags = map[string]Strip{
	"gps_latitude": {GPS: true}, "gps_longitude": {GPS: true}, "gps_altitude": {GPS: true},
	"body_serial": {Serials: true}, "lens_serial": {Serials: true}, "owner_name": {Owner: true},
}

// leaks lists the fields and tags in res that s should have removed.
// Serials and owners are the fields whose name ends in SerialNumber or
// OwnerName, as the XMP redaction takes them, and GoPro's
// SerialNumberHash: a property that only has "serial" or "owner"
// somewhere in its name is no promise of the redaction.
func leaks(res *extract.Result, s Strip) []string {
	var out []string
	for _, f := range res.Fields {
		if path, ok := strings.CutPrefix(f.Name, "xmp:"); ok {
			// XMP properties go by the rule docs/redaction.md states
			// (xmpSensitive) on each step of their path: a name that
			// only contains "serial" or "gps" is not one it removes.
			for _, step := range strings.Split(path, "/") {
				if xmpSensitive(step[strings.LastIndexByte(step, ':')+1:], s) {
					out = append(out, f.Name+"="+f.Value)
					break
				}
			}
			continue
		}
		if strings.HasPrefix(f.Name, "iptc:") {
			continue // place names, not positions: left for review (docs/redaction.md)
		}
		n := strings.ToLower(f.Name)
		gps := strings.Contains(n, "gps") || strings.Contains(n, "©xyz") || strings.Contains(n, "loci") || strings.Contains(n, "location")
		serial := strings.HasSuffix(n, "serialnumber") || n == "gopro:serialnumberhash"
		if (s.GPS && gps) || (s.Serials && serial) || (s.Owner && strings.HasSuffix(n, "ownername")) {
			out = append(out, f.Name+"="+f.Value)
		}
	}
	for tag, need := range leakTags {
		if v, ok := res.Tags[tag]; ok && ((need.GPS && s.GPS) || (need.Serials && s.Serials) || (need.Owner && s.Owner)) {
			out = append(out, tag+"="+v)
		}
	}
	return out
}

// secrets are the sensitive byte strings the fixtures hold, by what
// removes them.
var secrets = []struct {
	s    string
	need Strip
}{
	{ownerName, Strip{Owner: true}},
	{bodySerial, Strip{Serials: true}},
	{lensSerial, Strip{Serials: true}},
	{"48,51.5022N", Strip{GPS: true}},
	{isoLocation, Strip{GPS: true}},
}

// checkRedacted asserts that out holds none of the fixture secrets s
// removes and that the extractors find none of the fields either.
func checkRedacted(t *testing.T, name string, out []byte, s Strip) {
	t.Helper()
	for _, sec := range secrets {
		if (sec.need.GPS && s.GPS) || (sec.need.Serials && s.Serials) || (sec.need.Owner && s.Owner) {
			if bytes.Contains(out, []byte(sec.s)) {
				t.Errorf("redacted %s still holds %q", name, sec.s)
			}
		}
	}
	res := extractBytes(name, out)
	if l := leaks(res, s); len(l) > 0 {
		t.Errorf("extractors still find %v in redacted %s", l, name)
	}
	for _, err := range res.Errors {
		t.Errorf("extracting redacted %s: %v", name, err)
	}
}

// mustLeak asserts that the unredacted file shows what s removes, so a
// test of its redaction can fail.
func mustLeak(t *testing.T, name string, file []byte, s Strip) {
	t.Helper()
	if len(leaks(extractBytes(name, file), s)) == 0 {
		t.Fatalf("fixture %s shows nothing to redact", name)
	}
}
