// Package detectors defines what a detector is and what it reports: the
// Detector interface, the registry of named constructors and presets, and
// the Finding type that scan reports and bundles carry. It also holds what
// every detector shares: the chunked TextScanner, keyed fingerprints,
// masked excerpts, the identity filter and the `.consign/ignore` list.
package detectors
