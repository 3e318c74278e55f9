package rights

import "github.com/consignhq/consign/detectors"

// Prefix starts the name of every detector of this package.
const Prefix = "rights/"

// All lists the detectors of this package for detectors.NewRegistry.
func All() []detectors.Registration {
	return []detectors.Registration{}
}
