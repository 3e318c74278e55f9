package htmlreport

import (
	"strconv"
	"strings"

	"github.com/consignhq/consign/manifest"
)

// Term states: whether consign.yaml settles a term of the licence.
const (
	TermSet     = "set"
	TermPartial = "partial"
	TermMissing = "missing"
)

// Term is one item of the creator's checklist of terms to get in writing,
// ticked when consign.yaml sets it.
type Term struct {
	Name  string
	Key   string // the consign.yaml key that sets it
	State string // TermSet, TermPartial or TermMissing
	Value string // what consign.yaml says, or what is still missing
}

// Ticked reports whether the term is fully set.
func (t Term) Ticked() bool { return t.State == TermSet }

// Terms returns the checklist for a licence offer, in the order a creator
// negotiates them.
func Terms(l *manifest.Licence) []Term {
	return []Term{
		term("Agreement text", "licence.id / licence.url", join(l.ID, l.URL)),
		term("Permitted uses", "licence.uses", strings.Join(l.Uses, ", ")),
		term("Model types", "licence.model_types", strings.Join(l.ModelTypes, ", ")),
		commercial(l.Commercial),
		term("Exclusivity", "licence.exclusivity", humanize(l.Exclusivity)),
		term("Territory", "licence.territory", strings.Join(l.Territory, ", ")),
		pair("Term and renewal", "licence.term", months(l.Term.Months, ""), renewal(l.Term), "length", "renewal"),
		term("Revocation notice", "licence.revocation_notice_days", days(l.RevocationNoticeDays)),
		compensation(&l.Compensation),
		pair("Reporting and audit", "licence.reporting", humanize(l.Reporting.Cadence), audit(&l.Reporting), "reporting cadence", "audit rights"),
		term("Attribution", "licence.attribution", attribution(&l.Attribution)),
		pair("Sublicensing and assignment", "licence.sublicensing / licence.assignment",
			prefixed("sublicensing ", humanize(l.Sublicensing)), prefixed("assignment ", humanize(l.Assignment)), "sublicensing", "assignment"),
		pair("Privacy and breach notice", "licence.privacy", strings.Join(l.Privacy.Obligations, ", "),
			prefixed("breach notice within ", hours(l.Privacy.BreachNoticeHours)), "privacy obligations", "breach notice"),
		pair("Deletion and remediation", "licence.deletion", deletion(&l.Deletion),
			prefixed("model remediation: ", humanize(l.Deletion.ModelRemediation)), "deletion", "model remediation"),
	}
}

func term(name, key, value string) Term {
	if value == "" {
		return Term{Name: name, Key: key, State: TermMissing, Value: "not stated"}
	}
	return Term{Name: name, Key: key, State: TermSet, Value: value}
}

// pair is a term made of two halves, partial while one is unstated.
func pair(name, key, a, b, aName, bName string) Term {
	switch {
	case a != "" && b != "":
		return Term{Name: name, Key: key, State: TermSet, Value: a + "; " + b}
	case a != "":
		return Term{Name: name, Key: key, State: TermPartial, Value: a + "; " + bName + " not stated"}
	case b != "":
		return Term{Name: name, Key: key, State: TermPartial, Value: b + "; " + aName + " not stated"}
	}
	return Term{Name: name, Key: key, State: TermMissing, Value: "not stated"}
}

func commercial(c *bool) Term {
	switch {
	case c == nil:
		return term("Commercial or research use", "licence.commercial", "")
	case *c:
		return term("Commercial or research use", "licence.commercial", "commercial use allowed")
	}
	return term("Commercial or research use", "licence.commercial", "research and non-commercial use only")
}

func compensation(c *manifest.Compensation) Term {
	var parts []string
	money := func(v *float64, label string) {
		if v != nil {
			parts = append(parts, label+" "+strconv.FormatFloat(*v, 'f', -1, 64)+prefixed(" ", c.Currency))
		}
	}
	money(c.OneTimeFee, "one-time fee")
	money(c.MinimumGuarantee, "minimum guarantee")
	if c.RevenueSharePercent != nil {
		parts = append(parts, "revenue share "+strconv.FormatFloat(*c.RevenueSharePercent, 'f', -1, 64)+"%")
	}
	if c.PerUseRate != nil {
		parts = append(parts, "per use "+strconv.FormatFloat(*c.PerUseRate, 'f', -1, 64)+prefixed(" ", c.Currency)+prefixed(" per ", c.PerUseUnit))
	}
	t := term("Compensation", "licence.compensation", strings.Join(parts, ", "))
	if t.State == TermSet && c.Currency == "" && (c.OneTimeFee != nil || c.MinimumGuarantee != nil || c.PerUseRate != nil) {
		t.State, t.Value = TermPartial, t.Value+"; currency not stated"
	}
	return t
}

func renewal(t manifest.Term) string {
	if t.Renewal == "" {
		return ""
	}
	return "renewal " + humanize(t.Renewal) + months(t.RenewalMonths, " for ")
}

func audit(r *manifest.Reporting) string {
	switch {
	case r.AuditRights == nil:
		return ""
	case !*r.AuditRights:
		return "no audit rights"
	}
	return "audit rights" + prefixed(" with ", days(r.AuditNoticeDays)) + prefixed("", noticeWord(r.AuditNoticeDays))
}

func attribution(a *manifest.Attribution) string {
	switch {
	case a.Required == nil:
		return ""
	case !*a.Required:
		return "not required"
	case a.Text != "":
		return "required: " + a.Text
	}
	return "required"
}

func deletion(d *manifest.Deletion) string {
	var parts []string
	if d.OnTermination != nil {
		if *d.OnTermination {
			parts = append(parts, "delete on termination")
		} else {
			parts = append(parts, "no deletion on termination")
		}
	}
	if d.WithinDays != nil {
		parts = append(parts, "within "+days(d.WithinDays))
	}
	if d.Certify != nil && *d.Certify {
		parts = append(parts, "certified")
	}
	return strings.Join(parts, ", ")
}

func months(n *int, prefix string) string {
	if n == nil {
		return ""
	}
	return prefix + strconv.Itoa(*n) + " months"
}

func days(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n) + " days"
}

func hours(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n) + " hours"
}

func noticeWord(n *int) string {
	if n == nil {
		return ""
	}
	return " notice"
}

func prefixed(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func join(a, b string) string {
	if a != "" && b != "" {
		return a + ", " + b
	}
	return a + b
}

// humanize turns a schema value such as non_exclusive into words.
func humanize(v string) string { return strings.ReplaceAll(v, "_", " ") }

func itoa(n int) string { return strconv.Itoa(n) }
