package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	gojson "github.com/goccy/go-json"
)

// The content profile's checklist lists every finding of the bundle, tens
// of megabytes for a large catalog. WriteContentProfile encodes the rest
// of the document with a placeholder where the items go, then writes the
// items there one at a time, laid out as the whole document's indentation
// would lay them out.

// checklistHoleJSON is the placeholder checklistHole encodes as: a JSON
// number written as no Go value encodes, so it cannot come from the
// profile's text, and it stays as it is through marshalDoc.
const checklistHoleJSON = "-0.0e-0000"

// checklistAt is where the placeholder is in the indented document: as
// the redaction checklist's "items". A quote right after a letter ends a
// JSON string, so this cannot be part of a value.
const checklistAt = `"items": ` + checklistHoleJSON

// checklistItemIndent is an item's indentation: the document's object,
// redaction_checklist, then items, two spaces each.
const checklistItemIndent = "      "

// checklistHole stands for the checklist's items in the document that
// marshalDoc encodes.
type checklistHole struct{}

// MarshalJSON writes the placeholder.
func (checklistHole) MarshalJSON() ([]byte, error) { return []byte(checklistHoleJSON), nil }

// writeChecklist writes the checklist's items as the array an encoder
// with two-space indentation writes at the depth of "items": "[]" when
// there are none.
func writeChecklist(w io.Writer, items []checkItem) error {
	if len(items) == 0 {
		_, err := io.WriteString(w, "[]")
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var compact bytes.Buffer
	enc := gojson.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	var indented []byte
	var item checklistItem // one for all: the encoder takes its address
	bw.WriteString("[")
	for i, it := range items {
		compact.Reset()
		item = checklistItem{
			ID: it.f.ID, Path: it.f.Path, Detector: it.f.Detector, Category: it.f.Category,
			Kind: it.f.Kind, Severity: it.f.Severity, Location: it.f.Location,
			Action: it.action, Status: it.status, Reason: it.f.Reason,
		}
		if err := enc.Encode(&item); err != nil {
			return fmt.Errorf("encode checklist item %s: %w", it.f.ID, err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		// The item's lines after its first start with its indentation,
		// written as they are laid out rather than split up again.
		indented = append(indented[:0], "\n"+checklistItemIndent...)
		indented = indentJSONPrefixed(indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), checklistItemIndent, "  ")
		bw.Write(indented)
	}
	bw.WriteString("\n" + checklistItemIndent[:len(checklistItemIndent)-2] + "]")
	return bw.Flush()
}
