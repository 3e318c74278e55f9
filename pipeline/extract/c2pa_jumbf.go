package extract

import (
	"bytes"
	"strings"
)

// isC2PAStore reports whether b opens a JUMBF superbox whose description
// box names a C2PA manifest store: its type UUID starts with "c2pa" and
// its label is "c2pa". The store of the Content Authenticity Initiative's
// implementations before C2PA 1.0 counts too: type "cacb", label "cai".
func isC2PAStore(b []byte) bool {
	// LBox TBox("jumb") | LBox TBox("jumd") UUID(16) toggles(1) label...
	if len(b) < 8+8+16+1 || string(b[4:8]) != "jumb" || string(b[12:16]) != "jumd" {
		return false
	}
	return string(b[16:20]) == "c2pa" || bytes.HasPrefix(b[33:], []byte("c2pa\x00")) ||
		string(b[16:20]) == "cacb" && bytes.HasPrefix(b[33:], []byte("cai\x00"))
}

// c2paAssertion is one value read from a manifest store.
type c2paAssertion struct{ name, value string }

// c2paTrainingEntries are the entries of the training-and-mining
// assertion (C2PA 1.x c2pa.training-mining, and its CAWG successor).
var c2paTrainingEntries = []string{
	"c2pa.ai_generative_training", "c2pa.ai_training", "c2pa.data_mining", "c2pa.ai_inference",
	"cawg.ai_generative_training", "cawg.ai_training", "cawg.data_mining", "cawg.ai_inference",
}

// c2paUses are the values an entry's "use" may take.
var c2paUses = map[string]bool{"allowed": true, "notAllowed": true, "constrained": true}

// c2paUseWindow is how far after an entry's name its "use" is looked for.
const c2paUseWindow = 64

// maxC2PASourceTypes bounds the source types recorded from one store.
const maxC2PASourceTypes = 8

// readC2PAAssertions scans the store's bytes for the training-and-mining
// entries and their "use", and for IPTC digital source types. The store
// is CBOR (or JSON in older writers) inside JUMBF boxes; a bounded scan of
// its bytes reads the few values consign needs without decoding it all.
func readC2PAAssertions(store []byte) []c2paAssertion {
	var out []c2paAssertion
	for _, name := range c2paTrainingEntries {
		from := 0
		for from < len(store) {
			i := bytes.Index(store[from:], []byte(name))
			if i < 0 {
				break
			}
			end := from + i + len(name)
			from = end
			if end < len(store) && (store[end] == '_' || isASCIILetter(store[end])) {
				continue // a longer name ("c2pa.ai_training" inside another)
			}
			if use, ok := c2paUseAfter(store[end:min(len(store), end+c2paUseWindow)]); ok {
				out = append(out, c2paAssertion{name, use})
				break
			}
		}
	}
	seen := map[string]bool{}
	marker := []byte("digitalsourcetype/")
	for rest := store; len(seen) < maxC2PASourceTypes; {
		i := bytes.Index(rest, marker)
		if i < 0 {
			break
		}
		rest = rest[i+len(marker):]
		n := 0
		for n < len(rest) && n < 64 && isASCIILetter(rest[n]) {
			n++
		}
		if code := string(rest[:n]); code != "" && !seen[code] {
			seen[code] = true
			out = append(out, c2paAssertion{"digitalSourceType", code})
		}
	}
	return out
}

// c2paUseAfter reads `"use": "<value>"` (JSON) or the CBOR text strings
// "use" and its value from the start of b.
func c2paUseAfter(b []byte) (string, bool) {
	i := bytes.Index(b, []byte("use"))
	if i < 0 {
		return "", false
	}
	b = b[i+3:]
	if len(b) > 0 && b[0] >= 0x60 && b[0] <= 0x77 { // CBOR text string, short length
		n := int(b[0] - 0x60)
		if n < len(b) {
			v := string(b[1 : 1+n])
			return v, c2paUses[v]
		}
		return "", false
	}
	s := strings.TrimLeft(string(b), "\": \t\r\n")
	if j := strings.IndexByte(s, '"'); j > 0 {
		v := s[:j]
		return v, c2paUses[v]
	}
	return "", false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
