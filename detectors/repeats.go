package detectors

// DropRepeats removes the findings that say again what another finding of
// the file says: the same category of data, in the same metadata field,
// with the same value. The text detectors read every field value, so a
// name in an author or owner field is found by the field's own detector
// and by the name detector alike; the creator should review it once. The
// most confident finding stays (ties: the first detector by name), and
// findings in content or text are all kept, since their offsets differ.
// Findings must be sealed (ValueHash set); the result keeps their order
// and reuses fs.
func DropRepeats(fs []Finding) []Finding {
	type key struct{ category, field, hash string }
	best := make(map[key]int)
	for i, f := range fs {
		if f.Location.In != InMetadata || f.ValueHash == "" {
			continue
		}
		k := key{f.Category, f.Location.Field, f.ValueHash}
		j, seen := best[k]
		if !seen || outranks(f, fs[j]) {
			best[k] = i
		}
	}
	out := fs[:0]
	for i, f := range fs {
		if f.Location.In == InMetadata && f.ValueHash != "" {
			if best[key{f.Category, f.Location.Field, f.ValueHash}] != i {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// outranks reports whether a should be kept over b.
func outranks(a, b Finding) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	return a.Detector < b.Detector
}
