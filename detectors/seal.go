package detectors

// Sealer completes the findings of metadata detectors, which see values
// whole and have no chunk to mask from: a detector's Detect returns
// findings whose Value holds the normalized matched value and whose
// Excerpt is already masked (see MaskValue), with ID and ValueHash empty.
// Seal gives them ids and value hashes keyed like the text scanner's,
// marks the creator's own details as kind "self", and drops Value unless
// values were asked for.
type Sealer struct {
	Fingerprinter *Fingerprinter // required
	Self          *SelfFilter    // nil matches nothing
	ShowValues    bool

	occurrences map[string]int
}

// Seal completes findings in place. Detector, Path and Location must be set.
func (s *Sealer) Seal(findings []Finding) {
	if s.occurrences == nil {
		s.occurrences = make(map[string]int)
	}
	for i := range findings {
		f := &findings[i]
		if f.Category == "" {
			f.Category = CategoryPII
		}
		if f.Status == "" {
			f.Status = StatusOpen
		}
		value := f.Value
		if f.Category == CategoryPII && s.Self.IsSelf(value) {
			f.Kind, f.Severity = KindSelf, SeverityInfo
		}
		key := f.Detector + "\x00" + f.Location.Field + "\x00" + value
		occurrence := s.occurrences[key]
		s.occurrences[key] = occurrence + 1
		f.ID = s.Fingerprinter.ID(f.Detector, f.Path, f.Location.Field+"\x00"+value, occurrence)
		if value != "" {
			f.ValueHash = s.Fingerprinter.ValueHash(value)
		}
		if !s.ShowValues {
			f.Value = ""
		}
	}
}
