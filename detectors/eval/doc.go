// Package eval measures consign's PII and secret detectors against a
// labelled evaluation set: realistic creator texts in several languages
// with every personal value marked (testdata/eval/pii). It runs the
// detectors exactly as a scan does and reports precision, recall and F2
// per kind, per group and for any PII at all.
package eval
