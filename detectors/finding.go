package detectors

// Categories of finding.
const (
	CategoryPII        = "pii"
	CategorySecret     = "secret"
	CategoryThirdParty = "third_party"
	CategoryRights     = "rights"
)

// Severities, from least to most urgent.
const (
	SeverityInfo   = "info"
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// Actions: what a finding calls for before the file can be sold.
const (
	ActionMask      = "mask"      // overwrite the value in a redacted copy
	ActionRemove    = "remove"    // drop the metadata field from a redacted copy
	ActionExclude   = "exclude"   // leave the file out of the bundle
	ActionReview    = "review"    // a person must decide
	ActionAttribute = "attribute" // usable with credit to its owner
)

// Where a finding is.
const (
	InContent  = "content"  // byte offsets into the file itself
	InText     = "text"     // byte offsets into the extracted text of Part
	InMetadata = "metadata" // a metadata Field
)

// Finding is one thing a creator must look at before selling a file. The
// JSON form is a contract (see docs/scan-output.md).
type Finding struct {
	ID         string   `json:"id"`
	Path       string   `json:"path"`
	Detector   string   `json:"detector"`
	Category   string   `json:"category"`
	Kind       string   `json:"kind"`
	Severity   string   `json:"severity"`
	Confidence float64  `json:"confidence"`
	Location   Location `json:"location"`
	Excerpt    string   `json:"excerpt,omitempty"`
	Detail     string   `json:"detail,omitempty"` // a public qualifier: SPDX id, data mining value, agency, a notice's holder (see Match.Detail)
	Value      string   `json:"value,omitempty"`  // only with --show-values
	ValueHash  string   `json:"value_hash,omitempty"`
	Action     string   `json:"action,omitempty"`
	Status     string   `json:"status"`
	Reason     string   `json:"reason,omitempty"`    // why an ignored finding is ignored
	Redaction  string   `json:"redaction,omitempty"` // in a bundle: what pack did about it (mask, remove, exclude)
}

// Location says where in the file a finding is.
type Location struct {
	In     string `json:"in"`
	Part   string `json:"part,omitempty"`
	Field  string `json:"field,omitempty"`
	Start  int64  `json:"start,omitempty"`
	End    int64  `json:"end,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}
