package manifest

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzWithIdentifier adds an identifier to arbitrary YAML: no panic, and
// whenever the input is a mapping the output is too, holding the
// identifier and every key the input had.
func FuzzWithIdentifier(f *testing.F) {
	f.Add([]byte("# c\ncreator:\n  name: Ada # n\n"))
	f.Add([]byte("{a: 1, b: [x]}\n"))
	f.Add([]byte("a: 1\n---\nb: 2\n"))
	f.Add([]byte("a: |\n  text\n"))
	f.Add([]byte(""))
	const id = "urn:uuid:0b6d2f4e-8f4a-4c1e-9a53-7f2d1c0e5b6a"
	f.Fuzz(func(t *testing.T, b []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(b, &doc) != nil {
			return
		}
		root, err := topMapping(&doc, "consign.yaml")
		if err != nil || mappingValue(root, IdentifierKey) != nil {
			return
		}
		var keys []string
		if root != nil {
			for i := 0; i+1 < len(root.Content); i += 2 {
				keys = append(keys, root.Content[i].Value)
			}
		}
		out, err := withIdentifier(b, &doc, root, id)
		if err != nil {
			return
		}
		var again yaml.Node
		if err := yaml.Unmarshal(out, &again); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		m, err := topMapping(&again, "consign.yaml")
		if err != nil || m == nil {
			t.Fatalf("output is not a mapping:\n%s", out)
		}
		if v := mappingValue(m, IdentifierKey); v == nil || v.Value != id {
			t.Fatalf("identifier missing from:\n%s", out)
		}
		for _, k := range keys {
			if mappingValue(m, k) == nil {
				t.Fatalf("key %q lost:\n%s", k, out)
			}
		}
	})
}
