package bagit

import (
	"fmt"
	"strings"
)

// checkField refuses a bag-info field that would not read back as itself.
func checkField(f Field) error {
	switch {
	case f.Label == "" || strings.TrimSpace(f.Label) != f.Label:
		return fmt.Errorf("bag-info label %q is empty or has spaces around it", f.Label)
	case strings.ContainsAny(f.Label, ":\r\n"):
		return fmt.Errorf("bag-info label %q holds a colon or a line break", f.Label)
	case strings.ContainsAny(f.Value, "\r\n"):
		return fmt.Errorf("bag-info value of %s holds a line break", f.Label)
	}
	return nil
}

// formatInfo writes bag-info.txt, one "Label: value" line per field.
func formatInfo(info []Field) []byte {
	var b strings.Builder
	for _, f := range info {
		fmt.Fprintf(&b, "%s: %s\n", f.Label, strings.TrimSpace(f.Value))
	}
	return []byte(b.String())
}

// humanSize writes Bag-Size as RFC 8493 suggests: a number and a unit.
func humanSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
