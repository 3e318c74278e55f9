package rights

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// TDMRepName names the detector of W3C TDM Reservation Protocol marks.
const TDMRepName = Prefix + "tdmrep"

// reservationFields and policyFields carry TDMRep values in the page, book
// or document itself: HTML <meta name>, EPUB package <meta>, and the
// tdm: properties of an XMP packet (PDF).
var (
	reservationFields = map[string]bool{
		"html:meta:tdm-reservation": true, "epub:meta:tdm-reservation": true, "xmp:tdm:reservation": true,
		"epub:meta:tdm:reservation": true,
	}
	policyFields = map[string]bool{
		"html:meta:tdm-policy": true, "epub:meta:tdm-policy": true, "xmp:tdm:policy": true,
		"epub:meta:tdm:policy": true,
	}
)

// tdmRepFiles are where a folder declares its rules, in the order read.
var tdmRepFiles = []string{".well-known/tdmrep.json", "tdmrep.json"}

// maxTDMRepFile bounds the rules file; real ones are a few hundred bytes.
const maxTDMRepFile = 1 << 20

// tdmRule is one entry of a tdmrep.json file.
type tdmRule struct {
	Location    string `json:"location"`
	Reservation *int   `json:"tdm-reservation"`
	Policy      string `json:"tdm-policy"`
}

// TDMRep reports TDM reservations and policies: those a file declares in
// its metadata, and those the folder's tdmrep.json gives, by its location
// rules, to the files they match. A web page's robots meta tag with the
// noai or noimageai directive counts as a reservation too, and so does a
// robots.txt group that disallows AI crawlers (see Find).
type TDMRep struct {
	rules   []tdmRule
	file    string // the rules file read, relative to the root
	loadErr error
}

var _ detectors.TextDetector = (*TDMRep)(nil)

// NewTDMRep returns the TDMRep detector, reading cfg.Root's tdmrep.json
// once. A rules file that cannot be read is reported as a finding on that
// file, not as a failure of the run.
func NewTDMRep(cfg detectors.Config) detectors.Detector {
	d := &TDMRep{}
	if cfg.Root != "" {
		d.file, d.rules, d.loadErr = loadTDMRep(cfg.Root)
	}
	return d
}

// loadTDMRep reads the first rules file present under root.
func loadTDMRep(root string) (string, []tdmRule, error) {
	for _, name := range tdmRepFiles {
		f, err := os.Open(filepath.Join(root, filepath.FromSlash(name)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return name, nil, fmt.Errorf("open %s: %w", name, err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxTDMRepFile+1))
		if err != nil {
			return name, nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(b) > maxTDMRepFile {
			return name, nil, fmt.Errorf("read %s: larger than %d bytes", name, maxTDMRepFile)
		}
		rules, err := parseTDMRep(b)
		if err != nil {
			return name, nil, fmt.Errorf("parse %s: %w", name, err)
		}
		return name, rules, nil
	}
	return "", nil, nil
}

// parseTDMRep reads the JSON array of rules, each with a location.
func parseTDMRep(b []byte) ([]tdmRule, error) {
	var rules []tdmRule
	if err := json.Unmarshal(b, &rules); err != nil {
		return nil, err
	}
	for i, r := range rules {
		if r.Location == "" {
			return nil, fmt.Errorf("rule %d has no location", i+1)
		}
		if r.Reservation != nil && *r.Reservation != 0 && *r.Reservation != 1 {
			return nil, fmt.Errorf("rule %d: tdm-reservation is %d, not 0 or 1", i+1, *r.Reservation)
		}
	}
	return rules, nil
}

// Name implements detectors.Detector.
func (*TDMRep) Name() string { return TDMRepName }

// Applies implements detectors.Detector.
func (d *TDMRep) Applies(item *detectors.Item) bool {
	return len(d.rules) > 0 || d.loadErr != nil || len(item.Fields) > 0 || isRobotsFile(item.Path)
}

// Detect implements detectors.Detector.
func (d *TDMRep) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	if d.loadErr != nil && item.Path == d.file {
		s := signal{detectors.CategoryRights, KindTDMRepInvalid, detectors.SeverityMedium, 1, d.loadErr.Error(), detectors.ActionReview}
		out = append(out, finding(TDMRepName, item, "tdmrep", d.file, s))
	}
	for _, f := range item.Fields {
		v := strings.TrimSpace(f.Value)
		switch {
		case reservationFields[f.Name]:
			if n, err := strconv.Atoi(v); err == nil && (n == 0 || n == 1) {
				out = append(out, finding(TDMRepName, item, f.Name, v, reservationSignal(n)))
			}
		case policyFields[f.Name] && v != "":
			out = append(out, finding(TDMRepName, item, f.Name, v, policySignal(v)))
		case f.Name == "html:meta:robots" && refusesAI(v):
			out = append(out, finding(TDMRepName, item, f.Name, v, reservationSignal(1)))
		}
	}
	if r, ok := d.ruleFor(item.Path); ok {
		field := "tdmrep:" + r.Location
		if r.Reservation != nil {
			out = append(out, finding(TDMRepName, item, field, d.file, reservationSignal(*r.Reservation)))
		}
		if r.Policy != "" {
			out = append(out, finding(TDMRepName, item, field, r.Policy, policySignal(r.Policy)))
		}
	}
	return out, nil
}

// ruleFor returns the first rule whose location matches path, as the
// protocol's rules are read in order.
func (d *TDMRep) ruleFor(path string) (tdmRule, bool) {
	for _, r := range d.rules {
		if matchLocation(r.Location, "/"+path) {
			return r, true
		}
	}
	return tdmRule{}, false
}

// aiDirectives are the robots directives that refuse AI use: "noai"
// (training on anything of the page) and "noimageai" (on its images),
// which DeviantArt introduced and other art sites adopted. They reserve
// the page from AI training as a TDM reservation does.
var aiDirectives = map[string]bool{"noai": true, "noimageai": true}

// refusesAI reports whether a robots meta tag's content holds an AI
// directive ("noindex, noai").
func refusesAI(content string) bool {
	for _, d := range strings.FieldsFunc(strings.ToLower(content), func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}) {
		if aiDirectives[d] {
			return true
		}
	}
	return false
}

func reservationSignal(n int) signal {
	if n == 1 {
		return signal{detectors.CategoryRights, KindTDMReservation, detectors.SeverityHigh, 1, "1", detectors.ActionExclude}
	}
	return signal{detectors.CategoryRights, KindTDMReservation, detectors.SeverityInfo, 1, "0", ""}
}

// policySignal asks for a look: a policy may license mining on terms.
func policySignal(url string) signal {
	if len(url) > maxStatusDetail {
		url = url[:maxStatusDetail]
	}
	return signal{detectors.CategoryRights, KindTDMPolicy, detectors.SeverityMedium, 1, url, detectors.ActionReview}
}

// matchLocation matches a location pattern against a URL path the way
// robots.txt paths are: "*" stands for any run of characters, a final
// "$" anchors the end, and otherwise a pattern matches as a prefix.
func matchLocation(pattern, path string) bool {
	if !strings.HasPrefix(pattern, "/") {
		pattern = "/" + pattern
	}
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return !anchored || rest == "" || len(parts) > 1 && parts[len(parts)-1] == ""
}

// Version implements the pipeline's versioned detector: "2" reads the
// noai and noimageai directives of a web page's robots meta tag, so
// findings cached by version 1 are made again; "3" reads the AI crawlers
// a robots.txt disallows.
func (*TDMRep) Version() string { return "3" }
