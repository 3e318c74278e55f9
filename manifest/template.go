package manifest

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"text/template"
)

// TemplateValues are what `consign init` fills into a new consign.yaml;
// everything else gets the template's cautious defaults, each explained
// by a comment in the file.
type TemplateValues struct {
	Name, Email, Organisation string
	Title, Description        string
	Keywords                  []string
	// ExternalIdentifier is the catalog's urn:uuid; NewExternalIdentifier
	// makes one.
	ExternalIdentifier string

	LicenseURL          string
	Uses                []string // empty: the creator must choose before packing
	Commercial          bool
	Exclusive           bool
	Territory           []string // default worldwide
	TermMonths          int      // default 24
	Currency            string   // default USD
	Fee                 *float64
	RevenueSharePercent *float64
	Attribution         string // credit line; empty: no attribution duty
}

// NewExternalIdentifier returns a random (version 4) UUID as a urn:uuid,
// the catalog identifier bag-info.txt and croissant.json carry.
func NewExternalIdentifier() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate catalog identifier: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// ProfileTemplate returns a commented consign.yaml filled with v. The
// result passes the schema: ParseProfile accepts it.
func ProfileTemplate(v TemplateValues) ([]byte, error) {
	if v.ExternalIdentifier == "" {
		id, err := NewExternalIdentifier()
		if err != nil {
			return nil, err
		}
		v.ExternalIdentifier = id
	}
	if len(v.Territory) == 0 {
		v.Territory = []string{"worldwide"}
	}
	if v.TermMonths == 0 {
		v.TermMonths = 24
	}
	if v.Currency == "" {
		v.Currency = "USD"
	}
	var buf bytes.Buffer
	if err := profileTemplate().Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("write consign.yaml template: %w", err)
	}
	return buf.Bytes(), nil
}

// yamlQuote writes s as a double-quoted YAML scalar: JSON's string syntax
// is a subset of it.
func yamlQuote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

func yamlList(items []string) string {
	out := "["
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += yamlQuote(s)
	}
	return out + "]"
}

func yamlNumber(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) }

// profileTemplate is parsed on first use: only consign init writes a
// consign.yaml, and every other command would pay for parsing it at
// start-up.
var profileTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("consign.yaml").Funcs(template.FuncMap{
		"q": yamlQuote, "list": yamlList, "num": yamlNumber,
	}).Parse(profileTemplateText))
})
