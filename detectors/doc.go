// Package detectors defines what a detector is and what it reports: the
// Detector interface, the registry of named constructors, and the Finding
// type that scan reports and bundles carry.
package detectors
