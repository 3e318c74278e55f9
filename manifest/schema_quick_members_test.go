package manifest

import "testing"

var memberNamesForTest = []string{"", "a", "id", "path", "kind", "size", "status", "action", "detector", "category",
	"severity", "location", "media_type", "media_typ", "media_typf", "content_date", "confidence", "value_hash"}

// schemaWithProperties builds the member index of a schema with these properties.
func schemaWithProperties(names []string) *quickSchema {
	q := &quickSchema{properties: map[string]*quickSchema{}}
	for _, n := range names {
		q.properties[n] = &quickSchema{loc: n}
	}
	q.indexMembers()
	return q
}

// findAgrees fails t unless find tells name apart as a map lookup does,
// whatever the bytes after name in its array.
func findAgrees(t *testing.T, q *quickSchema, name string, after string) {
	t.Helper()
	buf := []byte(name + after)
	m, ok := q.members.find(buf[:len(name)])
	want, wantOK := q.properties[name]
	if ok != wantOK || ok && m.schema != want {
		t.Fatalf("find(%q followed by %q) = %v, %v; the map has %v, %v", name, after, m, ok, want, wantOK)
	}
}

func TestMemberIndexFind(t *testing.T) {
	q := schemaWithProperties(memberNamesForTest[1:])
	lookups := append([]string{"ID", "pat", "paths", "Path", "detectoR", "media_typa", "value_hasi", "\x00"}, memberNamesForTest...)
	for _, name := range lookups {
		for _, after := range []string{"", `"`, `":"x","y":1}`, "\x00\x00\x00\x00\x00\x00\x00\x00\x00"} {
			t.Run(name+"/"+after, func(t *testing.T) {
				findAgrees(t, q, name, after)
			})
		}
	}
}

// FuzzMemberIndexFind: find agrees with a map lookup for any name.
func FuzzMemberIndexFind(f *testing.F) {
	q := schemaWithProperties(memberNamesForTest[1:])
	for _, n := range memberNamesForTest {
		f.Add(n, `":1`)
	}
	f.Fuzz(func(t *testing.T, name, after string) {
		findAgrees(t, q, name, after)
	})
}
