package detectors

import "fmt"

// severityRank orders severities; an unknown severity ranks below info so
// that a typo never makes a finding fail a build.
func severityRank(sev string) int {
	switch sev {
	case SeverityInfo:
		return 1
	case SeverityLow:
		return 2
	case SeverityMedium:
		return 3
	case SeverityHigh:
		return 4
	}
	return 0
}

// AtLeast reports whether sev is as urgent as threshold or more: it decides
// which findings make `scan --fail-on threshold` exit 1.
func AtLeast(sev, threshold string) bool {
	r := severityRank(sev)
	return r > 0 && r >= severityRank(threshold)
}

// CompareSeverity orders a before b by urgency: negative when a is less
// urgent, zero when equal, positive when more urgent.
func CompareSeverity(a, b string) int {
	return severityRank(a) - severityRank(b)
}

// ParseSeverity checks a --fail-on value.
func ParseSeverity(s string) (string, error) {
	if severityRank(s) == 0 {
		return "", fmt.Errorf("unknown severity %q (want info, low, medium or high)", s)
	}
	return s, nil
}
