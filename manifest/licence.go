package manifest

// Licence is the creator's licence offer: the terms creators are advised to
// get in writing before their work is used to train models. Pack carries it
// into croissant.json as an ODRL offer and into content-profile.json and
// dps.json as it was written. Unset numbers are nil, not zero: "no fee
// stated" and "free" are different offers.
type Licence struct {
	// ID is an SPDX identifier, or LicenseRef-... for a custom agreement.
	ID string `yaml:"id" json:"id,omitempty"`
	// URL is where the agreement's full text is.
	URL string `yaml:"url" json:"url,omitempty"`
	// Uses are the permitted uses: training, fine_tuning, embeddings,
	// retrieval, inference, evaluation.
	Uses []string `yaml:"uses" json:"uses,omitempty"`
	// ModelTypes are the kinds of model the content may train ("any").
	ModelTypes []string `yaml:"model_types" json:"model_types,omitempty"`
	// Commercial false limits use to research and non-commercial work.
	Commercial *bool `yaml:"commercial" json:"commercial,omitempty"`
	// Exclusivity is exclusive or non_exclusive.
	Exclusivity string `yaml:"exclusivity" json:"exclusivity,omitempty"`
	// Territory is worldwide or a list of ISO 3166-1 alpha-2 codes.
	Territory []string `yaml:"territory" json:"territory,omitempty"`
	Term      Term     `yaml:"term" json:"term,omitzero"`
	// RevocationNoticeDays is the notice the creator gives to revoke.
	RevocationNoticeDays *int         `yaml:"revocation_notice_days" json:"revocation_notice_days,omitempty"`
	Compensation         Compensation `yaml:"compensation" json:"compensation,omitzero"`
	Reporting            Reporting    `yaml:"reporting" json:"reporting,omitzero"`
	Attribution          Attribution  `yaml:"attribution" json:"attribution,omitzero"`
	// Sublicensing and Assignment are prohibited, with_consent or allowed.
	Sublicensing string   `yaml:"sublicensing" json:"sublicensing,omitempty"`
	Assignment   string   `yaml:"assignment" json:"assignment,omitempty"`
	Privacy      Privacy  `yaml:"privacy" json:"privacy,omitzero"`
	Deletion     Deletion `yaml:"deletion" json:"deletion,omitzero"`
}

// Term is how long the licence runs and how it renews.
type Term struct {
	Months        *int   `yaml:"months" json:"months,omitempty"`
	Renewal       string `yaml:"renewal" json:"renewal,omitempty"` // none, automatic, by_agreement
	RenewalMonths *int   `yaml:"renewal_months" json:"renewal_months,omitempty"`
}

// Compensation is what the buyer pays, in Currency.
type Compensation struct {
	Currency            string   `yaml:"currency" json:"currency,omitempty"`
	OneTimeFee          *float64 `yaml:"one_time_fee" json:"one_time_fee,omitempty"`
	RevenueSharePercent *float64 `yaml:"revenue_share_percent" json:"revenue_share_percent,omitempty"`
	MinimumGuarantee    *float64 `yaml:"minimum_guarantee" json:"minimum_guarantee,omitempty"`
	PerUseRate          *float64 `yaml:"per_use_rate" json:"per_use_rate,omitempty"`
	// PerUseUnit says what one use is ("1000 generations", "training run").
	PerUseUnit string `yaml:"per_use_unit" json:"per_use_unit,omitempty"`
}

// Reporting is how often the buyer reports use and whether the creator may
// audit the reports.
type Reporting struct {
	Cadence         string `yaml:"cadence" json:"cadence,omitempty"` // none, monthly, quarterly, semiannual, annual
	AuditRights     *bool  `yaml:"audit_rights" json:"audit_rights,omitempty"`
	AuditNoticeDays *int   `yaml:"audit_notice_days" json:"audit_notice_days,omitempty"`
}

// Attribution is whether and how the creator must be credited.
type Attribution struct {
	Required *bool  `yaml:"required" json:"required,omitempty"`
	Text     string `yaml:"text" json:"text,omitempty"`
}

// Privacy is what the buyer owes the people in the content.
type Privacy struct {
	Obligations       []string `yaml:"obligations" json:"obligations,omitempty"`
	BreachNoticeHours *int     `yaml:"breach_notice_hours" json:"breach_notice_hours,omitempty"`
}

// Deletion is what the buyer must delete or fix when the licence ends or a
// file's consent is withdrawn.
type Deletion struct {
	OnTermination    *bool  `yaml:"on_termination" json:"on_termination,omitempty"`
	WithinDays       *int   `yaml:"within_days" json:"within_days,omitempty"`
	ModelRemediation string `yaml:"model_remediation" json:"model_remediation,omitempty"` // none, stop_distribution, filter_outputs, retrain
	Certify          *bool  `yaml:"certify" json:"certify,omitempty"`
}

// IsCommercial reports whether the offer allows commercial use; an offer
// that does not say is read as not allowing it.
func (l *Licence) IsCommercial() bool { return l.Commercial != nil && *l.Commercial }

// Identifier is the licence as dataset hubs name it: the SPDX id or
// LicenseRef given, or LicenseRef-consign-offer for an offer described
// only by its terms.
func (l *Licence) Identifier() string {
	if l.ID != "" {
		return l.ID
	}
	return "LicenseRef-consign-offer"
}
