package main

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Example is one line of the evaluation set.
type Example struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Text  string `json:"text"`
	Spans []Span `json:"spans"`
}

// Span is a labelled value: byte offsets into Text, end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// unescape turns the source's escapes into the characters they stand for.
var unescape = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`)

// parseExample reads "lang text" with its markup.
func parseExample(id, line string) (Example, error) {
	lang, body, ok := strings.Cut(line, " ")
	if !ok || len(lang) != 2 {
		return Example{}, fmt.Errorf("want a language code and a text, got %q", line)
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0))
	ex := Example{ID: id, Lang: lang, Spans: []Span{}}
	var text strings.Builder
	for body != "" {
		i := strings.IndexAny(body, "[{\\")
		if i < 0 {
			text.WriteString(body)
			break
		}
		text.WriteString(body[:i])
		body = body[i:]
		switch {
		case strings.HasPrefix(body, `\n`):
			text.WriteByte('\n')
			body = body[2:]
		case strings.HasPrefix(body, `\t`):
			text.WriteByte('\t')
			body = body[2:]
		case strings.HasPrefix(body, `\\`):
			text.WriteByte('\\')
			body = body[2:]
		case strings.HasPrefix(body, "[[["): // a literal '[' before a label
			text.WriteByte('[')
			body = body[1:]
		case strings.HasPrefix(body, "[["):
			end := strings.Index(body, "]]")
			kind, value, ok := strings.Cut(body[2:max(2, end)], "|")
			value = unescape.Replace(value)
			if end < 0 || !ok || kind == "" || value == "" {
				return Example{}, fmt.Errorf("malformed label in %q", body)
			}
			if !knownKinds[kind] {
				return Example{}, fmt.Errorf("unknown kind %q", kind)
			}
			ex.Spans = append(ex.Spans, Span{text.Len(), text.Len() + len(value), kind})
			text.WriteString(value)
			body = body[end+2:]
		case strings.HasPrefix(body, "{{") && !strings.HasPrefix(body, "{{ "): // "{{ x }}" is template text
			end := strings.Index(body, "}}")
			if end < 0 {
				return Example{}, fmt.Errorf("unclosed generator in %q", body)
			}
			args := strings.Split(body[2:end], ":")
			gen, ok := generators[args[0]]
			if !ok {
				return Example{}, fmt.Errorf("unknown generator %q", args[0])
			}
			kind, value, err := gen(rng, args[1:])
			if err != nil {
				return Example{}, fmt.Errorf("generator %s: %w", body[2:end], err)
			}
			ex.Spans = append(ex.Spans, Span{text.Len(), text.Len() + len(value), kind})
			text.WriteString(value)
			body = body[end+2:]
		default:
			text.WriteByte(body[0])
			body = body[1:]
		}
	}
	ex.Text = text.String()
	for _, s := range ex.Spans {
		if err := checkSpan(ex.Text[s.Start:s.End]); err != nil {
			return Example{}, fmt.Errorf("span %q (%s): %w", ex.Text[s.Start:s.End], s.Kind, err)
		}
	}
	return ex, nil
}

// knownKinds are the kinds the detectors report, and so the only labels
// the set may use.
var knownKinds = map[string]bool{
	"email": true, "phone": true, "ip": true, "mac": true, "card": true, "iban": true,
	"crypto_wallet": true, "ssn": true, "itin": true, "uk_nino": true, "uk_nhs": true,
	"ca_sin": true, "es_dni": true, "es_nie": true, "it_fiscal_code": true, "fr_nir": true,
	"de_tax_id": true, "in_aadhaar": true, "br_cpf": true, "person_name": true,
	"street_address": true, "postcode": true, "date_of_birth": true, "private_key": true,
	"jwt": true, "aws_access_key": true, "github_token": true, "slack_token": true,
	"stripe_key": true, "google_api_key": true, "openai_key": true, "password": true,
	"social_handle": true,
}

// checkSpan enforces the labelling conventions a parser can check: no
// surrounding space and no trailing punctuation.
func checkSpan(v string) error {
	first, _ := utf8.DecodeRuneInString(v)
	last, _ := utf8.DecodeLastRuneInString(v)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return fmt.Errorf("span starts or ends with space")
	}
	if strings.ContainsRune(".,;:!?)", last) {
		return fmt.Errorf("span ends with punctuation")
	}
	return nil
}
