package diff

import "encoding/json"

// Report is what changed from an old bundle to a new one. Every list is
// sorted by path (then finding id), so the same two bundles always give the
// same report.
type Report struct {
	Old Bundle `json:"old"`
	New Bundle `json:"new"`
	// SameCatalog is false when the bundles carry different
	// External-Identifiers: they are compared all the same, but they are
	// not two editions of one catalog.
	SameCatalog bool `json:"same_catalog"`
	// Identical is true when nothing below differs (the bundles' dates and
	// consign versions may still differ).
	Identical bool         `json:"identical"`
	Files     FilesDiff    `json:"files"`
	Findings  FindingsDiff `json:"findings"`
	Licence   LicenceDiff  `json:"licence"`
}

// Bundle identifies one side of the comparison, from its bag-info.txt.
type Bundle struct {
	Dir                string `json:"dir"`
	ExternalIdentifier string `json:"external_identifier,omitempty"`
	BaggingDate        string `json:"bagging_date,omitempty"`
	SoftwareAgent      string `json:"software_agent,omitempty"`
	Files              int    `json:"files"`
	Bytes              int64  `json:"bytes"`
	Findings           int    `json:"findings"`
}

// FilesDiff compares the two bundles' metadata/files.jsonl.
type FilesDiff struct {
	Added   []File `json:"added"`
	Removed []File `json:"removed"`
	// Changed are files at the same path whose payload sha256 differs.
	Changed []FileChange `json:"changed"`
	// MetadataChanged are files with the same bytes whose record differs
	// (a newer consign read more, or the catalog's dates were reset).
	MetadataChanged []FileChange `json:"metadata_changed"`
	// Renamed are files that moved: the same original sha256 at a new path.
	Renamed []FileChange `json:"renamed"`
	// Redacted are files the new bundle carries as a redacted copy where
	// the old one carried the original bytes; Unredacted the reverse.
	Redacted   []FileChange `json:"redacted"`
	Unredacted []FileChange `json:"unredacted"`
}

// File is one payload file as its record describes it.
type File struct {
	Path           string `json:"path"`
	Size           int64  `json:"size"`
	SHA256         string `json:"sha256,omitempty"`
	OriginalSHA256 string `json:"original_sha256,omitempty"` // when the payload is a redacted copy
	Kind           string `json:"kind,omitempty"`
}

// FileChange is one file present in both bundles whose record differs.
type FileChange struct {
	Path      string        `json:"path"`
	OldPath   string        `json:"old_path,omitempty"` // for a rename
	OldSHA256 string        `json:"old_sha256,omitempty"`
	NewSHA256 string        `json:"new_sha256,omitempty"`
	Fields    []FieldChange `json:"fields,omitempty"`
	Tags      []TagChange   `json:"tags,omitempty"`
}

// FieldChange is one record field that differs, as the JSON each bundle
// holds; Old or New is absent when the field was not set on that side.
type FieldChange struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old,omitempty"`
	New   json.RawMessage `json:"new,omitempty"`
}

// Kinds of change to a tag or a licence key.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// TagChange is one media tag added, removed or changed.
type TagChange struct {
	Key    string `json:"key"`
	Change string `json:"change"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}

// FindingsDiff compares the two bundles' metadata/findings.jsonl, matching
// findings by id, and the findings of a renamed file by what they found
// where (see FindingMove).
type FindingsDiff struct {
	Added    []Finding `json:"added"`
	Resolved []Finding `json:"resolved"` // in the old bundle, not in the new
	// Moved are findings of a renamed file: not resolved at the old path
	// and added at the new one, but the same finding under a new id.
	Moved            []FindingMove   `json:"moved"`
	StatusChanged    []FindingChange `json:"status_changed"`
	RedactionChanged []FindingChange `json:"redaction_changed"`
}

// Finding is what a reviewer needs to recognise a finding; the excerpt
// and value hash stay in the bundles.
type Finding struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Detector  string `json:"detector"`
	Kind      string `json:"kind"`
	Severity  string `json:"severity"`
	Status    string `json:"status"`
	Redaction string `json:"redaction,omitempty"`

	spot   string // manifest.SameSpot, for the findings of a renamed file
	reason string // why the new bundle ignores it, for FindingChange
}

// FindingMove is a finding of a file renamed between the bundles (the same
// original sha256 at a new path) paired with the finding the file had at
// its old path: the same detector, kind, place in the file and value
// hash. Finding ids are keyed with the path, so the id changed with it.
// A status or redaction that changed as well is also in StatusChanged or
// RedactionChanged, under the new id.
type FindingMove struct {
	Finding
	OldID   string `json:"old_id"`
	OldPath string `json:"old_path"`
}

// FindingChange is a finding in both bundles whose status or redaction
// differs. Old and New are the two values ("" is none); Reason is the new
// bundle's reason for an ignored finding.
type FindingChange struct {
	Finding
	Old    string `json:"old"`
	New    string `json:"new"`
	Reason string `json:"reason,omitempty"`
}

// LicenceDiff compares the licence offers in the bundles'
// metadata/content-profile.json, key by key (nested keys are dotted:
// "compensation.one_time_fee").
type LicenceDiff struct {
	// Compared is false when a bundle has no content profile (bundles made
	// before consign wrote one); Unavailable then says which.
	Compared    bool        `json:"compared"`
	Unavailable string      `json:"unavailable,omitempty"`
	Changed     bool        `json:"changed"`
	Keys        []KeyChange `json:"keys"`

	// oneSided is set when one bundle has a content profile and the
	// other has none: its licence offer came or went, so the bundles
	// are not identical even though no key was compared.
	oneSided bool
}

// KeyChange is one licence key added, removed or changed, as JSON.
type KeyChange struct {
	Key    string          `json:"key"`
	Change string          `json:"change"`
	Old    json.RawMessage `json:"old,omitempty"`
	New    json.RawMessage `json:"new,omitempty"`
}

// identical reports whether the comparison found no difference.
func (r *Report) identical() bool {
	f, g := r.Files, r.Findings
	return len(f.Added)+len(f.Removed)+len(f.Changed)+len(f.MetadataChanged)+len(f.Renamed)+
		len(f.Redacted)+len(f.Unredacted)+len(g.Added)+len(g.Resolved)+len(g.Moved)+len(g.StatusChanged)+
		len(g.RedactionChanged) == 0 && !r.Licence.Changed && !r.Licence.oneSided
}
