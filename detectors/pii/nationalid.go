package pii

import (
	"context"
	"sync"

	"github.com/consignhq/consign/detectors"
)

// NationalIDName names the national identity number detector.
const NationalIDName = "pii/national_id"

// idScan is the state one national ID rule sees: the chunk, the first
// digit of a number in it, and that number's digit groups.
type idScan struct {
	b   []byte
	i   int
	run numRun
	buf [24]byte
}

// idScans holds idScans for reuse: the rules' calls through function
// values put each on the heap, one for every text chunk with a digit.
var idScans = sync.Pool{New: func() any { return new(idScan) }}

// idRule finds one kind of national identity number around a digit run.
type idRule struct {
	kind string
	find func(sc *idScan, kind string, out []detectors.Match) []detectors.Match
}

// idRules are the identifiers the detector knows, each in its own file.
var idRules = []idRule{
	{"uk_nino", findNINO},
	{"uk_nhs", nhsRule.find},
	{"ca_sin", sinRule.find},
	{"es_dni", findDNI},
	{"es_nie", findNIE},
	{"it_fiscal_code", findFiscalCode},
	{"fr_nir", findNIR},
	{"de_tax_id", steuerIDRule.find},
	{"in_aadhaar", aadhaarRule.find},
	{"br_cpf", cpfRule.find},
}

// NationalID finds national identity numbers that can be checked: UK
// National Insurance and NHS numbers, Canadian SINs, Spanish DNI and NIE,
// Italian codici fiscali, French NIR, German Steuer-IDs, Indian Aadhaar
// numbers and Brazilian CPFs. Each kind is reported under its own Kind
// ("uk_nino", "br_cpf", ...). Numbers that carry no letters must either be
// written in their usual grouping or stand next to a word naming them, and
// every kind with a check digit must pass it.
type NationalID struct {
	rules []idRule
}

var _ detectors.TextDetector = (*NationalID)(nil)

// NewNationalID returns a detector for the given kinds ("uk_nino",
// "uk_nhs", "ca_sin", "es_dni", "es_nie", "it_fiscal_code", "fr_nir",
// "de_tax_id", "in_aadhaar", "br_cpf"), or for all of them when none are
// given. Unknown kinds are ignored.
func NewNationalID(kinds ...string) *NationalID {
	if len(kinds) == 0 {
		return &NationalID{rules: idRules}
	}
	d := &NationalID{}
	for _, r := range idRules {
		for _, k := range kinds {
			if r.kind == k {
				d.rules = append(d.rules, r)
			}
		}
	}
	return d
}

// NationalIDKinds lists the kinds NewNationalID accepts.
func NationalIDKinds() []string {
	ks := make([]string, len(idRules))
	for i, r := range idRules {
		ks[i] = r.kind
	}
	return ks
}

// Name implements detectors.Detector.
func (*NationalID) Name() string { return NationalIDName }

// Applies implements detectors.Detector: any text may hold a number.
func (*NationalID) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector; the work happens in Find.
func (*NationalID) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// MaxLen implements detectors.TextDetector: the longest written form
// ("1 85 05 2A 006 084 36") and the context words around it.
func (*NationalID) MaxLen() int { return 24 + cueBefore + cueAfter }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*NationalID) FindKey(*detectors.Item) string { return "" }

// Find implements detectors.TextDetector.
func (d *NationalID) Find(item *detectors.Item, b []byte) []detectors.Match {
	dg := digitsOf(item, b)
	var out []detectors.Match
	var sc *idScan // taken at the first digit: most metadata values have none
	defer func() {
		if sc != nil {
			sc.b = nil
			idScans.Put(sc)
		}
	}()
	for i := dg.next(0); i < len(b); {
		if sc == nil {
			sc = idScans.Get().(*idScan)
			*sc = idScan{b: b}
		}
		sc.i = i
		scanGroups(b, i, &sc.run)
		for _, r := range d.rules {
			out = r.find(sc, r.kind, out)
		}
		// Letters glued to the number belong to the same token (a codice
		// fiscale, a DNI letter): its digits need no second look.
		next := sc.run.end()
		for next < len(b) && isAlnum(b[next]) {
			next++
		}
		i = dg.next(next)
	}
	return out
}

// idShape is one way of writing a digits-only identifier.
type idShape struct {
	shape
	cue        bool // only next to a context word
	confidence float64
}

// digitRule is an identifier made of digits alone: its shapes, the words
// that name it, and its check.
type digitRule struct {
	shapes []idShape
	cues   cueSet
	// unless, when set, lists words that make a cue-less match doubtful
	// (an NHS number written like a phone number, next to "phone").
	unless cueSet
	valid  func(d []byte) bool
}

// find reports the rule's identifiers among the groups of sc.run.
func (r *digitRule) find(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	for k := 0; k < sc.run.n; k++ {
		for _, sh := range r.shapes {
			if !sc.run.matches(sc.b, k, sh.shape) {
				continue
			}
			d := sc.run.digits(sc.buf[:0], sc.b, k, len(sh.lens))
			if allSame(d) || !r.valid(d) {
				break
			}
			s, e := sc.run.span[k][0], sc.run.span[k+len(sh.lens)-1][1]
			conf, ok := cueConfidence(sc.b, s, e, r.cues, sh.cue, sh.confidence)
			if !ok || conf < 0.8 && r.unless != nil && r.unless.near(sc.b, s, e) {
				break
			}
			out = append(out, idMatch(s, e, string(d), kind, conf))
			break
		}
	}
	return out
}

// cueConfidence raises conf when a context word stands near the value, and
// says no when the value needs one and has none, or when it has none and
// a label right before it names some other number (see notIDLabeled).
func cueConfidence(b []byte, s, e int, cues cueSet, needCue bool, conf float64) (float64, bool) {
	if cues.near(b, s, e) {
		return min(0.97, conf+0.15), true
	}
	return conf, !needCue && !notIDLabeled(b, s)
}

// notIDCues are labels of the numbers businesses give things: an order, a
// ticket, a part. A check digit passes by chance once in ten or in
// twenty-three tries, so a labelled order or part number written like an
// identifier is far likelier than an identifier under that label.
var notIDCues = cueSet{
	"order*", "invoice", "ticket", "booking", "ref", "ref.", "reference", "tracking", "serial",
	"part", "sku", "product*", "model", "lot", "batch", "item", "case", "confirmation",
	"receipt", "transaction", "imei", "isbn", "ean", "upc", "container", "coupon", "voucher",
	"commande", "facture", "référence", "réf", "produit", "bestell*", "rechnung*", "artikel*",
	"buchung*", "auftrag*", "kunden*", "pedido", "factura", "referencia", "producto",
	"ordine", "fattura", "riferimento", "prodotto", "factuur", "bestel*", "boeking*",
	"encomenda", "fatura", "produto",
}

// notIDLabeled reports whether a label of another kind of number stands
// just before s.
func notIDLabeled(b []byte, s int) bool {
	return notIDCues.in(b[max(0, s-24):s])
}

// idMatch builds the match every national ID rule reports.
func idMatch(s, e int, value, kind string, conf float64) detectors.Match {
	return detectors.Match{
		Start: s, End: e, Value: value, Kind: kind,
		Severity: detectors.SeverityHigh, Confidence: conf,
	}
}
