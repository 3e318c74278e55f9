package diff

// Compare reads the bundles in oldDir and newDir and reports what changed
// from the old to the new. It returns a *NotBundleError (wrapping
// ErrNotBundle) when either directory is not a bundle consign made, and an
// error naming the file and line when a metadata file cannot be read.
// Bundles of different catalogs are compared too; Report.SameCatalog says
// so.
func Compare(oldDir, newDir string) (*Report, error) {
	r := &Report{}
	var err error
	if r.Old, err = openBundle(oldDir); err != nil {
		return nil, err
	}
	if r.New, err = openBundle(newDir); err != nil {
		return nil, err
	}
	for _, step := range []func(*Report) error{compareFiles, compareFindings, compareLicence} {
		if err := step(r); err != nil {
			return nil, err
		}
	}
	r.SameCatalog = r.Old.ExternalIdentifier != "" && r.Old.ExternalIdentifier == r.New.ExternalIdentifier
	r.Identical = r.identical()
	r.emptyLists()
	return r, nil
}

// emptyLists makes every list non-nil, so the JSON form always has every
// key as an array that tools can count without a null check.
func (r *Report) emptyLists() {
	f, g := &r.Files, &r.Findings
	for _, l := range []*[]File{&f.Added, &f.Removed} {
		if *l == nil {
			*l = []File{}
		}
	}
	for _, l := range []*[]FileChange{&f.Changed, &f.MetadataChanged, &f.Renamed, &f.Redacted, &f.Unredacted} {
		if *l == nil {
			*l = []FileChange{}
		}
	}
	for _, l := range []*[]Finding{&g.Added, &g.Resolved} {
		if *l == nil {
			*l = []Finding{}
		}
	}
	if g.Moved == nil {
		g.Moved = []FindingMove{}
	}
	for _, l := range []*[]FindingChange{&g.StatusChanged, &g.RedactionChanged} {
		if *l == nil {
			*l = []FindingChange{}
		}
	}
	if r.Licence.Keys == nil {
		r.Licence.Keys = []KeyChange{}
	}
}
