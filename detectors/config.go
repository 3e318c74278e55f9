package detectors

// Identity is who the creator is, from the content profile. Matches of
// these values are the creator's own details, which they chose to publish:
// the scan reports them as kind "self" at info severity instead of as
// someone's personal data.
type Identity struct {
	Names   []string // legal and display names, "Ada Lovelace"
	Aliases []string // pen names, stage names
	Handles []string // social handles, with or without the leading "@"
	Emails  []string
	Phones  []string // in any notation; compared by their digits
	Domains []string // the creator's own web domains, "adalovelace.net"
	// Organisations are the creator's studio or company names ("Doe
	// Photography Ltd"): a copyright held by one is the creator's own.
	Organisations []string
}

// Config is what detectors may need from the run.
type Config struct {
	// Root is the absolute path of the scanned folder, for detectors that
	// read folder-wide declarations such as a tdmrep.json at its root.
	Root     string
	Identity Identity
	// PhoneRegion is the ISO 3166-1 alpha-2 region assumed for phone
	// numbers written without a country code ("GB", "US").
	PhoneRegion string
	// ShowValues puts raw matched values into findings. Off by default so
	// that reports do not leak what they report.
	ShowValues bool
}
