package manifest

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/consignhq/consign/pipeline"
)

// IdentifierKey is the consign.yaml key that keeps the catalog's stable
// identifier, written into every bundle's bag-info.txt as
// External-Identifier.
const IdentifierKey = "external_identifier"

var urnUUID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
})

// EnsureIdentifier returns the catalog's identifier from dir/consign.yaml,
// a "urn:uuid:" URN. When there is none it makes one (a random UUID) and
// writes it into consign.yaml, keeping the file's comments and layout: the
// key is appended to the top-level mapping. The write is atomic (a temp
// file in .consign/ renamed over the old file). wrote says whether the file
// was written.
func EnsureIdentifier(dir string) (id string, wrote bool, err error) {
	path := filepath.Join(dir, ProfileFile)
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", false, fmt.Errorf("read %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return "", false, fmt.Errorf("%w: %s: %v", ErrBadProfile, path, err)
	}
	root, err := topMapping(&doc, path)
	if err != nil {
		return "", false, err
	}
	v := mappingValue(root, IdentifierKey)
	if cat := mappingValue(root, "catalog"); v == nil && cat != nil && cat.Kind == yaml.MappingNode {
		v = mappingValue(cat, IdentifierKey) // where consign init writes it
	}
	if v != nil {
		if !urnUUID().MatchString(v.Value) {
			return "", false, fmt.Errorf("%w: %s line %d: %s is %q, want urn:uuid:<lower-case UUID>", ErrBadProfile, path, v.Line, IdentifierKey, v.Value)
		}
		return v.Value, false, nil
	}
	if id, err = newURNUUID(); err != nil {
		return "", false, err
	}
	out, err := withIdentifier(b, &doc, root, id)
	if err != nil {
		return "", false, fmt.Errorf("add %s to %s: %w", IdentifierKey, path, err)
	}
	if err := writeInState(dir, path, out, mode); err != nil {
		return "", false, err
	}
	return id, true, nil
}

// ReadIdentifier returns the catalog identifier a consign.yaml's bytes
// hold, at the top level or under catalog:, or "" when they hold no
// well-formed one (or are not YAML at all).
func ReadIdentifier(b []byte) string {
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil {
		return ""
	}
	root, err := topMapping(&doc, "")
	if err != nil {
		return ""
	}
	v := mappingValue(root, IdentifierKey)
	if cat := mappingValue(root, "catalog"); v == nil && cat != nil && cat.Kind == yaml.MappingNode {
		v = mappingValue(cat, IdentifierKey)
	}
	if v == nil || !urnUUID().MatchString(v.Value) {
		return ""
	}
	return v.Value
}

// topMapping returns the document's top-level mapping, nil for an empty
// document.
func topMapping(doc *yaml.Node, path string) (*yaml.Node, error) {
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%w: %s: the top level is not a mapping of keys to values", ErrBadProfile, path)
	}
	return root, nil
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

const identifierComment = "# Stable identifier of this catalog, written by consign pack into each\n# bundle's bag-info.txt (External-Identifier). Keep it when editing.\n"

// withIdentifier returns the file's bytes with the identifier added. A
// UTF-8 block mapping (or an empty file), with or without a byte-order
// mark, gets one line appended in the file's own line endings, leaving
// every other byte as it was; anything else (a flow mapping, UTF-16 text)
// is re-encoded from its node tree, which keeps comments but not layout.
func withIdentifier(orig []byte, doc, root *yaml.Node, id string) ([]byte, error) {
	if utf8.Valid(orig) && (root == nil || root.Style&yaml.FlowStyle == 0) {
		// A CRLF file (a Windows editor's) gets CRLF lines, not a mix.
		nl := "\n"
		if bytes.Contains(orig, []byte("\r\n")) {
			nl = "\r\n"
		}
		out := append([]byte(nil), orig...)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, nl...)
		}
		comment := strings.ReplaceAll(identifierComment, "\n", nl)
		out = append(append(out, comment...), IdentifierKey+": "+id+nl...)
		var check yaml.Node
		if yaml.Unmarshal(out, &check) == nil && len(check.Content) > 0 {
			if v := mappingValue(check.Content[0], IdentifierKey); v != nil && v.Value == id {
				return out, nil
			}
		}
	}
	if root == nil {
		root = &yaml.Node{Kind: yaml.MappingNode}
		doc.Kind, doc.Content = yaml.DocumentNode, []*yaml.Node{root}
	}
	root.Content = append(root.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Value: IdentifierKey, HeadComment: "Stable identifier of this catalog (bag-info.txt External-Identifier)."},
		&yaml.Node{Kind: yaml.ScalarNode, Value: id})
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeInState writes data to path through a temp file in dir/.consign/,
// which the walk skips, so a kill cannot leave a stray file to pack. A
// .consign made for the temp file is removed after: the folder's state may
// be kept elsewhere (--state, or the cache directory), and an empty
// .consign would then be taken for it by the next run.
func writeInState(dir, path string, data []byte, mode fs.FileMode) error {
	state := filepath.Join(dir, pipeline.StateDir)
	if _, err := os.Lstat(state); errors.Is(err, fs.ErrNotExist) {
		defer os.Remove(state)
	}
	if err := os.MkdirAll(state, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", state, err)
	}
	f, err := os.CreateTemp(state, "consign.yaml-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// newURNUUID makes a random (version 4) UUID URN.
func newURNUUID() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("make identifier: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}
