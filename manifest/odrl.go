package manifest

import (
	"fmt"
	"strconv"
)

// odrlOffer expresses the licence as an ODRL 2.2 Offer: one permission
// whose actions and constraints say what the buyer may do, where and for
// how long, with duties for what they owe; prohibitions for what they may
// not pass on. Terms ODRL has no word for are consign: terms.
func odrlOffer(p *Profile) map[string]any {
	l := &p.Licence
	id := p.Catalog.ExternalIdentifier
	assigner := map[string]any{"@type": "odrl:Party", "name": issuer(p)}
	if e := p.Creator.Contact.Email; e != "" {
		assigner["email"] = e
	}
	offer := map[string]any{
		"@type":         "odrl:Offer",
		"@id":           id + "#offer",
		"odrl:uid":      map[string]any{"@id": id + "#offer"},
		"name":          l.Identifier(),
		"odrl:assigner": assigner,
		"odrl:target":   map[string]any{"@id": id},
	}
	var prohibitions []any
	if len(l.Uses) == 0 {
		// Nothing is offered until the creator lists the permitted uses.
		prohibitions = append(prohibitions, map[string]any{"odrl:target": map[string]any{"@id": id}, "odrl:action": ref("odrl:use")})
	} else {
		perm := map[string]any{
			"odrl:target": map[string]any{"@id": id},
			"odrl:action": permittedActions(l),
		}
		if c := permissionConstraints(l); len(c) > 0 {
			perm["odrl:constraint"] = c
		}
		if d := duties(l); len(d) > 0 {
			perm["odrl:duty"] = d
		}
		offer["odrl:permission"] = []any{perm}
	}
	if l.URL != "" {
		offer["url"] = l.URL
	}
	if l.Exclusivity != "" {
		offer["consign:exclusivity"] = l.Exclusivity
	}
	if l.RevocationNoticeDays != nil {
		offer["consign:revocationNotice"] = xsdDuration(fmt.Sprintf("P%dD", *l.RevocationNoticeDays))
	}
	if l.Term.Renewal != "" {
		offer["consign:renewal"] = l.Term.Renewal
	}
	if l.Term.RenewalMonths != nil {
		offer["consign:renewalTerm"] = xsdDuration(fmt.Sprintf("P%dM", *l.Term.RenewalMonths))
	}
	for _, t := range []struct{ term, action string }{{l.Sublicensing, "odrl:grantUse"}, {l.Assignment, "odrl:transfer"}} {
		if t.term == "prohibited" {
			prohibitions = append(prohibitions, map[string]any{"odrl:target": map[string]any{"@id": id}, "odrl:action": ref(t.action)})
		}
	}
	if len(prohibitions) > 0 {
		offer["odrl:prohibition"] = prohibitions
	}
	return offer
}

func ref(iri string) map[string]any { return map[string]any{"@id": iri} }

func xsdDuration(v string) map[string]any {
	return map[string]any{"@value": v, "@type": "xsd:duration"}
}

func xsdDecimal(v float64) map[string]any {
	return map[string]any{"@value": strconv.FormatFloat(v, 'f', -1, 64), "@type": "xsd:decimal"}
}

func constraint(left, op string, right any) map[string]any {
	return map[string]any{"odrl:leftOperand": ref(left), "odrl:operator": ref(op), "odrl:rightOperand": right}
}

// permittedActions: every use copies the data; training, fine-tuning and
// embeddings derive a model from it; sublicensing and assignment are
// actions of their own when allowed, and duties when they need consent.
func permittedActions(l *Licence) []any {
	actions := []any{ref("odrl:use"), ref("odrl:reproduce")}
	for _, u := range l.Uses {
		if u == "training" || u == "fine_tuning" || u == "embeddings" {
			actions = append(actions, ref("odrl:derive"))
			break
		}
	}
	if l.Sublicensing == "allowed" || l.Sublicensing == "with_consent" {
		actions = append(actions, ref("odrl:grantUse"))
	}
	if l.Assignment == "allowed" || l.Assignment == "with_consent" {
		actions = append(actions, ref("odrl:transfer"))
	}
	return actions
}

func permissionConstraints(l *Licence) []any {
	var out []any
	if len(l.Uses) > 0 {
		out = append(out, constraint("odrl:purpose", "odrl:isAnyOf", vocabRefs(l.Uses)))
	}
	if len(l.ModelTypes) > 0 && !(len(l.ModelTypes) == 1 && l.ModelTypes[0] == "any") {
		out = append(out, constraint("consign:modelType", "odrl:isAnyOf", vocabRefs(l.ModelTypes)))
	}
	if !l.IsCommercial() {
		out = append(out, constraint("odrl:purpose", "odrl:isNoneOf", []any{ref("consign:commercial")}))
	}
	if len(l.Territory) > 0 && !(len(l.Territory) == 1 && l.Territory[0] == "worldwide") {
		codes := make([]any, len(l.Territory))
		for i, t := range l.Territory {
			codes[i] = t
		}
		out = append(out, constraint("odrl:spatial", "odrl:isAnyOf", codes))
	}
	if l.Term.Months != nil {
		out = append(out, constraint("odrl:elapsedTime", "odrl:lteq", xsdDuration(fmt.Sprintf("P%dM", *l.Term.Months))))
	}
	return out
}

func vocabRefs(terms []string) []any {
	out := make([]any, len(terms))
	for i, t := range terms {
		out[i] = ref("consign:" + t)
	}
	return out
}

// duties lists what the buyer owes: attribution, payment, reports, audits,
// privacy, breach notice, deletion and consent for passing the data on.
func duties(l *Licence) []any {
	var out []any
	duty := func(action string, extra map[string]any, cons ...any) {
		d := map[string]any{"odrl:action": ref(action)}
		for k, v := range extra {
			d[k] = v
		}
		if len(cons) > 0 {
			d["odrl:constraint"] = cons
		}
		out = append(out, d)
	}
	if a := l.Attribution; a.Required != nil && *a.Required {
		extra := map[string]any{}
		if a.Text != "" {
			extra["consign:attributionText"] = a.Text
		}
		duty("odrl:attribute", extra)
	}
	c := l.Compensation
	pay := func(kind string, amount *float64, extra map[string]any) {
		if amount == nil {
			return
		}
		e := map[string]any{"consign:compensationType": kind}
		for k, v := range extra {
			e[k] = v
		}
		pc := constraint("odrl:payAmount", "odrl:eq", xsdDecimal(*amount))
		if c.Currency != "" {
			pc["odrl:unit"] = c.Currency
		}
		duty("odrl:compensate", e, pc)
	}
	pay("one_time_fee", c.OneTimeFee, nil)
	pay("minimum_guarantee", c.MinimumGuarantee, nil)
	if c.PerUseUnit != "" {
		pay("per_use", c.PerUseRate, map[string]any{"consign:perUseUnit": c.PerUseUnit})
	} else {
		pay("per_use", c.PerUseRate, nil)
	}
	if c.RevenueSharePercent != nil {
		duty("odrl:compensate", map[string]any{"consign:compensationType": "revenue_share"},
			constraint("odrl:percentage", "odrl:eq", xsdDecimal(*c.RevenueSharePercent)))
	}
	if r := l.Reporting; r.Cadence != "" && r.Cadence != "none" {
		duty("odrl:inform", map[string]any{"consign:reportingCadence": r.Cadence})
	}
	if r := l.Reporting; r.AuditRights != nil && *r.AuditRights {
		extra := map[string]any{}
		if r.AuditNoticeDays != nil {
			extra["consign:auditNotice"] = xsdDuration(fmt.Sprintf("P%dD", *r.AuditNoticeDays))
		}
		duty("consign:allowAudit", extra)
	}
	if len(l.Privacy.Obligations) > 0 {
		duty("consign:protectPrivacy", map[string]any{"consign:obligations": l.Privacy.Obligations})
	}
	if h := l.Privacy.BreachNoticeHours; h != nil {
		duty("odrl:inform", map[string]any{"consign:event": "privacy_breach"},
			constraint("odrl:elapsedTime", "odrl:lteq", xsdDuration(fmt.Sprintf("PT%dH", *h))))
	}
	if d := l.Deletion; d.OnTermination != nil && *d.OnTermination {
		extra := map[string]any{"consign:event": "termination"}
		if d.ModelRemediation != "" {
			extra["consign:modelRemediation"] = d.ModelRemediation
		}
		if d.Certify != nil {
			extra["consign:certifyDeletion"] = *d.Certify
		}
		var cons []any
		if d.WithinDays != nil {
			cons = append(cons, constraint("odrl:elapsedTime", "odrl:lteq", xsdDuration(fmt.Sprintf("P%dD", *d.WithinDays))))
		}
		duty("odrl:delete", extra, cons...)
	}
	for _, t := range []struct{ term, what string }{{l.Sublicensing, "sublicensing"}, {l.Assignment, "assignment"}} {
		if t.term == "with_consent" {
			duty("odrl:obtainConsent", map[string]any{"consign:for": t.what})
		}
	}
	return out
}
