package manifest

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// SARIF's version and the schema a log names.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifRootID is the uriBaseId every artifact location is relative to:
	// the scanned folder, named as code scanners name a checkout.
	sarifRootID = "SRCROOT"
	// sarifFingerprint keys the finding id in partialFingerprints; the
	// version changes if the id's recipe ever does.
	sarifFingerprint = "consign/v1"
)

// sarifReport writes a SARIF 2.1.0 log with one run. The rules (one per
// detector that ran) are known before the first record, so the log is
// written front to back: the tool and its rules, then each result as its
// record arrives, then the invocation, whose notifications (the files
// that could not be fully read, and warnings) are spooled meanwhile.
// Nothing is held in memory but the rule index.
type sarifReport struct {
	bw         *bufio.Writer
	ruleIndex  map[string]int
	results    int
	showValues bool
	notes      jsonSpool
}

func newSARIF(w io.Writer, cfg ReportConfig) (*sarifReport, error) {
	r := &sarifReport{
		bw: bufio.NewWriterSize(w, 64<<10), ruleIndex: map[string]int{}, showValues: cfg.ShowValues,
		notes: jsonSpool{indent: "\n          "},
	}
	rules := make([]sarifRule, 0, len(cfg.Detectors))
	for _, name := range cfg.Detectors {
		if _, dup := r.ruleIndex[name]; dup {
			continue
		}
		r.ruleIndex[name] = len(rules)
		t := ruleFor(name)
		rules = append(rules, sarifRule{
			ID:                   name,
			Name:                 sarifRuleName(name),
			ShortDescription:     sarifText{Text: t.short},
			FullDescription:      sarifText{Text: t.full},
			Help:                 sarifText{Text: t.full},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(t.severity)},
			Properties:           map[string]any{"category": strings.SplitN(name, "/", 2)[0], "severity": t.severity},
		})
	}
	driver := sarifDriver{
		Name:           "consign",
		Version:        cfg.ToolVersion,
		InformationURI: "https://github.com/consignhq/consign",
		Rules:          rules,
	}
	root, err := rootURI(cfg.Root)
	if err != nil {
		return nil, err
	}
	head := map[string]any{
		"tool":               map[string]any{"driver": driver},
		"originalUriBaseIds": map[string]any{sarifRootID: map[string]any{"uri": root}},
		"columnKind":         "unicodeCodePoints",
	}
	b, err := marshal(head)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(r.bw, "{\n  \"$schema\": %q,\n  \"version\": %q,\n  \"runs\": [\n    ", sarifSchema, sarifVersion)
	r.bw.Write(b[:len(b)-1]) // the run object, left open for its results
	r.bw.WriteString(",\n      \"results\": [")
	return r, nil
}

// rootURI is the scanned folder as an absolute file URI ending in "/", as
// SARIF requires of a base URI.
func rootURI(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", root, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String(), nil
}

func (r *sarifReport) Record(rec *pipeline.Record) error {
	if rec.Error != "" {
		if err := r.notes.add(sarifNotification("error", rec.Path, rec.Error)); err != nil {
			return err
		}
	}
	for _, w := range rec.Warnings {
		if err := r.notes.add(sarifNotification("warning", rec.Path, w)); err != nil {
			return err
		}
	}
	for i := range rec.Findings {
		b, err := marshal(r.result(&rec.Findings[i]))
		if err != nil {
			return err
		}
		if r.results > 0 {
			r.bw.WriteString(",")
		}
		r.results++
		r.bw.WriteString("\n        ")
		if _, err := r.bw.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (r *sarifReport) Close(sum pipeline.Summary) error {
	defer r.notes.close()
	if r.results > 0 {
		r.bw.WriteString("\n      ")
	}
	props, err := marshal(map[string]any{"files": sum.Files, "bytes": sum.Bytes, "errors": sum.Errors, "ignored": sum.Ignored})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.bw, "],\n      \"invocations\": [{\"executionSuccessful\": %t,\n        \"toolExecutionNotifications\": [", sum.Errors == 0)
	if r.notes.len() > 0 {
		if err := r.notes.copyTo(r.bw); err != nil {
			return err
		}
		r.bw.WriteString("\n        ")
	}
	r.bw.WriteString("],\n        \"properties\": ")
	r.bw.Write(props)
	r.bw.WriteString("}]\n    }\n  ]\n}\n")
	return r.bw.Flush()
}

// sarifNotification reports a problem reading one file.
func sarifNotification(level, path, text string) sarifNote {
	return sarifNote{
		Level:     level,
		Message:   sarifText{Text: text},
		Locations: []sarifLocation{{Physical: sarifPhysical{Artifact: sarifArtifact{URI: percentEncodePath(path), URIBaseID: sarifRootID}}}},
	}
}

// result turns one finding into a SARIF result.
func (r *sarifReport) result(f *detectors.Finding) sarifResult {
	res := sarifResult{
		RuleID:              f.Detector,
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{Text: sarifMessage(f, r.showValues)},
		Locations:           []sarifLocation{sarifLocationOf(f)},
		PartialFingerprints: map[string]string{sarifFingerprint: f.ID},
		Properties:          sarifProperties(f, r.showValues),
	}
	if i, ok := r.ruleIndex[f.Detector]; ok {
		res.RuleIndex = &i
	}
	if f.Status == detectors.StatusIgnored {
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: f.Reason}}
	}
	return res
}

// sarifMessage says what was found: the kind, its public qualifier, and
// the masked excerpt (the raw value only with --show-values).
func sarifMessage(f *detectors.Finding, showValues bool) string {
	msg := f.Kind
	if f.Detail != "" {
		msg += " (" + f.Detail + ")"
	}
	if f.Location.In == detectors.InMetadata && f.Location.Field != "" {
		msg += " in " + f.Location.Field
	}
	if showValues && f.Value != "" {
		msg += ": " + f.Value
	}
	if f.Excerpt != "" {
		msg += ": " + f.Excerpt
	}
	return msg
}

// sarifLocationOf places a finding: byte offsets into the file itself are
// a region of the artifact; offsets into the extracted text of a part, or
// a metadata field, are logical locations within it, since no region of
// the file's bytes holds them.
func sarifLocationOf(f *detectors.Finding) sarifLocation {
	loc := sarifLocation{Physical: sarifPhysical{Artifact: sarifArtifact{URI: percentEncodePath(f.Path), URIBaseID: sarifRootID}}}
	switch f.Location.In {
	case detectors.InContent:
		reg := &sarifRegion{ByteOffset: &f.Location.Start}
		if n := f.Location.End - f.Location.Start; n >= 0 {
			reg.ByteLength = &n
		}
		if f.Location.Line > 0 {
			reg.StartLine = f.Location.Line
			reg.StartColumn = f.Location.Column
		}
		loc.Physical.Region = reg
	case detectors.InText:
		loc.Logical = []sarifLogical{{Name: f.Location.Part, Kind: "resource"}}
		loc.Properties = map[string]any{"in": f.Location.In, "part": f.Location.Part,
			"start": f.Location.Start, "end": f.Location.End, "line": f.Location.Line, "column": f.Location.Column}
	case detectors.InMetadata:
		loc.Logical = []sarifLogical{{Name: f.Location.Field, FullyQualifiedName: f.Location.Field, Kind: "property"}}
	}
	return loc
}

func sarifProperties(f *detectors.Finding, showValues bool) map[string]any {
	p := map[string]any{
		"category":   f.Category,
		"kind":       f.Kind,
		"severity":   f.Severity,
		"confidence": f.Confidence,
		"status":     f.Status,
	}
	for k, v := range map[string]string{"value_hash": f.ValueHash, "action": f.Action, "detail": f.Detail, "redaction": f.Redaction} {
		if v != "" {
			p[k] = v
		}
	}
	if showValues && f.Value != "" {
		p["value"] = f.Value
	}
	return p
}
