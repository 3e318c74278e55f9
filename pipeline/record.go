package pipeline

import (
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
	"github.com/consignhq/consign/pipeline/extract"
)

// Record is what consign knows about one walked file: one line of a scan's
// JSON Lines output and of a bundle's metadata/files.jsonl. Empty fields are
// omitted; the field order is the contract's.
type Record struct {
	Path        string             `json:"path"`
	RawPath     string             `json:"raw_path,omitempty"` // base64 of the name's bytes when they are not UTF-8
	Size        int64              `json:"size"`
	SHA256      string             `json:"sha256,omitempty"`
	MediaType   string             `json:"media_type,omitempty"`
	Kind        string             `json:"kind,omitempty"`
	ContentDate *ContentDate       `json:"content_date,omitempty"`
	Languages   []extract.Language `json:"languages,omitempty"`
	Tags        map[string]string  `json:"tags,omitempty"`
	Rights      *detectors.Rights  `json:"rights,omitempty"`
	LinkTarget  string             `json:"link_target,omitempty"` // for symbolic links, which are recorded, never followed
	FindingIDs  []string           `json:"finding_ids,omitempty"`
	Redaction   *Redaction         `json:"redaction,omitempty"` // in a bundle: the file is a redacted copy
	Warnings    []string           `json:"warnings,omitempty"`
	Error       string             `json:"error,omitempty"`

	// Fields are the raw metadata fields the extractors found; detectors
	// read them, reports do not print them.
	Fields []extract.Field `json:"-"`
	// Findings are what the detectors found in the file, in report order;
	// their ids are listed in FindingIDs. Reports write them as their own
	// lines or files.
	Findings []detectors.Finding `json:"-"`

	// SHA512 is the content's SHA-512, when Options.SHA512 asked for it
	// (a bundle's second manifest), from the same read as SHA256.
	SHA512 string `json:"-"`
	// Stat is the file's stat fingerprint when the walk saw it, so that a
	// later step can tell whether the file changed since it was read.
	Stat catalog.Stat `json:"-"`

	read   int64  // bytes of content this run read to make the record
	lines  []byte // the record's lines of the JSON Lines contract, when encoded already (see Lines)
	restat bool   // the catalog's record, kept for content found unchanged under a new stat fingerprint
}

// Redaction says how a bundle's payload file differs from the original:
// the record's size and sha256 are the copy's, these are the original's.
type Redaction struct {
	OriginalSHA256 string   `json:"original_sha256"`
	OriginalSize   int64    `json:"original_size"`
	Applied        []string `json:"applied,omitempty"` // what was removed or masked
	Kept           []string `json:"kept,omitempty"`    // sensitive data found but left, and why
}

// ContentDate is when the content was made, and where that came from.
type ContentDate struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Summary closes a scan: totals over every record.
type Summary struct {
	Files    int                       `json:"files"`
	Bytes    int64                     `json:"bytes"`
	Findings map[string]map[string]int `json:"findings"`          // category -> kind -> count, ignored ones included
	Ignored  int                       `json:"ignored,omitempty"` // findings marked reviewed in .consign/ignore
	Errors   int                       `json:"errors"`
	Excluded int                       `json:"excluded,omitempty"`
	Skipped  map[string]int            `json:"skipped,omitempty"` // sockets, FIFOs, devices: counted, never read
	ByKind   map[string]int            `json:"by_kind,omitempty"`
	// Read is how many bytes of file content the scan read; files the
	// catalog vouched for cost none. Not part of the report, which must
	// not depend on what was cached.
	Read int64 `json:"-"`
}
