package detectors

// Owner verdicts: who an ownership statement names, compared with the
// creator's identity.
const (
	OwnerSelf       = "self"
	OwnerThirdParty = "third_party"
	OwnerUnknown    = "unknown"
)

// Rights carries the ownership and "no AI training" signals of a file: the
// "rights" object of its record.
type Rights struct {
	Copyright      string `json:"copyright,omitempty"`
	License        string `json:"license,omitempty"`
	DataMining     string `json:"data_mining,omitempty"`
	TDMReservation *int   `json:"tdm_reservation,omitempty"`
	TDMPolicy      string `json:"tdm_policy,omitempty"`
	C2PA           bool   `json:"c2pa,omitempty"`
	Synthetic      bool   `json:"synthetic,omitempty"`
	Owner          string `json:"owner,omitempty"`
}
