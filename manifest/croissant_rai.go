package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// filesRecordSet describes metadata/files.jsonl as a RecordSet keyed by
// path: one record per payload file.
func filesRecordSet() map[string]any {
	field := func(name, dataType, jsonPath, desc string) map[string]any {
		return map[string]any{
			"@type":       "cr:Field",
			"@id":         "files/" + name,
			"name":        name,
			"description": desc,
			"dataType":    dataType,
			"source": map[string]any{
				"fileObject": map[string]any{"@id": FilesJSONL},
				"extract":    map[string]any{"jsonPath": jsonPath},
			},
		}
	}
	langs := field("languages", "sc:Text", "$.languages[*].code", "ISO 639-1 codes of the languages the file is written or spoken in.")
	langs["isArray"] = true
	ids := field("finding_ids", "sc:Text", "$.finding_ids[*]", "Ids of the file's findings in metadata/findings.jsonl.")
	ids["isArray"] = true
	return map[string]any{
		"@type":       "cr:RecordSet",
		"@id":         "files",
		"name":        "files",
		"description": "One record per payload file, from " + FilesJSONL + ". Paths are relative to data/.",
		"key":         map[string]any{"@id": "files/path"},
		"field": []any{
			field("path", "sc:Text", "$.path", "Path of the file under data/, /-separated."),
			field("size", "sc:Integer", "$.size", "Size in bytes of the original file."),
			field("sha256", "sc:Text", "$.sha256", "SHA-256 of the original file, hex."),
			field("media_type", "sc:Text", "$.media_type", "Media type sniffed from the content."),
			field("kind", "sc:Text", "$.kind", "text, document, image, audio, video or other."),
			field("content_date", "sc:Text", "$.content_date.value", "When the content was made (ISO 8601)."),
			field("content_date_source", "sc:Text", "$.content_date.source", "Where the content date came from."),
			langs,
			ids,
		},
	}
}

// sensitiveSummary is rai:personalSensitiveInformation: what the audit
// found, by kind, and what became of it.
func sensitiveSummary(p *Profile, s *stats) []string {
	var out []string
	if len(s.findings) == 0 {
		out = append(out, fmt.Sprintf("consign's detectors found no personal data, secrets or third-party rights signals in the %s.", Count(s.files, "file")))
	}
	type kindFiles struct {
		files int
		last  string // the path last counted
	}
	byKind := map[string]map[string]int{}
	filesByKind := map[string]*kindFiles{}
	for _, it := range s.findings {
		k := it.f.Category + "/" + it.f.Kind
		if byKind[k] == nil {
			byKind[k], filesByKind[k] = map[string]int{}, &kindFiles{}
		}
		byKind[k][statusWord(it)]++
		// A file's findings are side by side in s.findings (gather takes
		// them a record at a time), so counting changes of path counts
		// files, without a set of every path.
		if kf := filesByKind[k]; kf.files == 0 || kf.last != it.f.Path {
			kf.files, kf.last = kf.files+1, it.f.Path
		}
	}
	for _, k := range sortedKeys(byKind) {
		total := 0
		var parts []string
		for _, st := range sortedKeys(byKind[k]) {
			total += byKind[k][st]
			parts = append(parts, fmt.Sprintf("%s %d", st, byKind[k][st]))
		}
		out = append(out, fmt.Sprintf("%s: %s in %s; %s.", k, Count(total, "finding"), Count(filesByKind[k].files, "file"), strings.Join(parts, ", ")))
	}
	if n := len(p.Consent); n > 0 {
		out = append(out, fmt.Sprintf("%s from people who appear in the content %s listed in metadata/content-profile.json.", Count(n, "consent record"), Agree(n, "is", "are")))
	}
	return out
}

// statusWord says what became of a finding in one word.
func statusWord(it checkItem) string {
	switch it.status {
	case StatusApplied:
		switch it.action {
		case RedactMask:
			return "masked"
		case RedactRemove:
			return "removed"
		case RedactExclude:
			return "excluded"
		}
		return it.action
	case StatusAccepted:
		return "kept"
	}
	return it.status
}

// manipulationSummary is rai:dataManipulationProtocol: what pack changed.
func manipulationSummary(s *stats, facts *BundleFacts) string {
	var parts []string
	for _, a := range sortedKeys(s.byAction) {
		parts = append(parts, fmt.Sprintf("%s %d", a, s.byAction[a]))
	}
	msg := "Files are shipped byte for byte as the creator made them"
	if len(parts) == 0 {
		msg += "; no redaction was applied."
	} else {
		msg += ", except where the creator's redaction policy applied. Findings redacted: " + strings.Join(parts, ", ") +
			". Masking replaces the matched text in place; removal strips the metadata field without re-encoding the media."
	}
	if n := len(facts.Excluded); n > 0 {
		msg += fmt.Sprintf(" %s %s left out; content-profile.json lists %s with the reason.", Count(n, "file"), Agree(n, "was", "were"), Agree(n, "it", "them"))
	}
	return msg
}

// useCaseSummary is rai:dataUseCases in words; usageInfo has the terms.
func useCaseSummary(p *Profile) string {
	l := &p.Licence
	if len(l.Uses) == 0 {
		return "No use is offered yet: consign.yaml lists no licence.uses. Contact the creator."
	}
	scope := "research and non-commercial use only"
	if l.IsCommercial() {
		scope = "commercial and non-commercial use"
	}
	msg := fmt.Sprintf("Offered for %s (%s).", strings.Join(l.Uses, ", "), scope)
	if len(l.ModelTypes) > 0 {
		msg += " Model types: " + strings.Join(l.ModelTypes, ", ") + "."
	}
	if len(l.Territory) > 0 {
		msg += " Territory: " + strings.Join(l.Territory, ", ") + "."
	}
	return msg + " The full offer is the ODRL Offer in usageInfo."
}

// marshalDoc writes v as indented JSON with a final newline, HTML left
// unescaped, so that generated documents diff well and read as written.
func marshalDoc(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	// The same bytes as the encoder's SetIndent("", "  "), laid out by
	// indentJSON; room for the indentation up front saves regrowing a
	// document of many megabytes.
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := indentJSON(make([]byte, 0, len(compact)+len(compact)/2), compact, "  ")
	return append(out, '\n'), nil
}

// sortedCounts renders counts largest first as "k n, k n".
func sortedCounts(m map[string]int) []string {
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return out
}
