package sign

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Result is what VerifyProvenance found.
type Result struct {
	// KeyID is the id of the key the signature verified with.
	KeyID string `json:"key_id,omitempty"`
	// Embedded is true when no key was given and the bag's own key was
	// used: that proves the bag is unchanged since it was signed, not who
	// signed it.
	Embedded  bool       `json:"embedded_key"`
	Statement *Statement `json:"statement,omitempty"`
	Problems  []string   `json:"problems"`
}

// Valid reports whether the signature and statement check out.
func (r *Result) Valid() bool { return len(r.Problems) == 0 }

func (r *Result) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// maxProvenanceFile caps what is read of a provenance file.
const maxProvenanceFile = 1 << 20

// VerifyProvenance checks the bag's signature: the envelope in
// EnvelopeFile must be signed by pub (or, when pub is nil, by the one key
// in KeysDir), its statement's subject must be the sha256 of the bag's
// tagmanifest-sha256.txt, and provenance/ must hold nothing else. Every
// problem found is in the result.
func VerifyProvenance(dir string, pub ed25519.PublicKey) *Result {
	r := &Result{Problems: []string{}}
	raw, err := readRegular(dir, EnvelopeFile)
	if errors.Is(err, fs.ErrNotExist) {
		r.problem("the bag is not signed: %s is missing", EnvelopeFile)
		return r
	}
	if err != nil {
		r.problem("%s: %v", EnvelopeFile, err)
		return r
	}
	env, err := parseEnvelope(raw)
	if err != nil {
		r.problem("%s: %v", EnvelopeFile, err)
		return r
	}
	keys := embeddedKeys(dir, r)
	key := pub
	if key == nil {
		switch len(keys) {
		case 0:
			r.problem("no --key given and the bundle holds no public key (%s is empty or missing): give --key the creator's public key", KeysDir)
			return r
		case 1:
		default:
			r.problem("no --key given and %s holds %d keys, not one: give --key the creator's public key", KeysDir, len(keys))
			return r
		}
		key, r.Embedded = keys[0], true
	} else if len(keys) > 0 && !containsKey(keys, pub) {
		r.problem("%s does not hold the key given (%s)", KeysDir, KeyID(pub))
	}
	payload, err := env.Open(key)
	if err != nil {
		r.problem("%s: %v", EnvelopeFile, err)
		return r
	}
	r.KeyID = KeyID(key)
	st, err := parseStatement(payload)
	if err != nil {
		r.problem("%s: %v", EnvelopeFile, err)
		return r
	}
	r.Statement = st
	digest, err := fileSHA256(filepath.Join(dir, SubjectFile))
	if err != nil {
		r.problem("%s: %v", SubjectFile, err)
		return r
	}
	if want := st.Subject[0].Digest["sha256"]; want != digest {
		r.problem("%s has changed since the bag was signed (signed sha256 %s, now %s)", SubjectFile, want, digest)
	}
	return r
}

// parseEnvelope decodes the one-line envelope file, which must be exactly
// as consign writes it.
func parseEnvelope(raw []byte) (*Envelope, error) {
	var env Envelope
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("decode envelope: %w", err)
	}
	again, err := marshalCanonical(env)
	if err != nil || !bytes.Equal(again, raw) {
		return nil, errors.New("envelope is not in canonical form (one line of compact JSON)")
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("payload type is %q, want %q", env.PayloadType, PayloadType)
	}
	return &env, nil
}

// embeddedKeys reads the public keys in KeysDir, and reports any file in
// provenance/ that is neither the envelope nor a well-named key.
func embeddedKeys(dir string, r *Result) []ed25519.PublicKey {
	var keys []ed25519.PublicKey
	root := filepath.Join(dir, "provenance")
	var names []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r.problem("provenance: %v", err)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !d.IsDir() {
			names = append(names, rel)
		}
		return nil
	})
	sort.Strings(names)
	for _, rel := range names {
		switch {
		case rel == EnvelopeFile:
			continue
		case path.Dir(rel) != KeysDir || !strings.HasSuffix(rel, ".pub"):
			r.problem("%s: unexpected file in provenance/", rel)
			continue
		}
		b, err := readRegular(dir, rel)
		if err != nil {
			r.problem("%s: %v", rel, err)
			continue
		}
		pub, err := ParsePublicKey(b)
		if err != nil {
			r.problem("%s: %v", rel, err)
			continue
		}
		if want := keyFileName(pub); path.Base(rel) != want {
			r.problem("%s: key file is named %s for the key it holds", rel, want)
			continue
		}
		if pem, err := EncodePublicKey(pub); err != nil || !bytes.Equal(pem, b) {
			r.problem("%s: key file is not in canonical PEM form", rel)
			continue
		}
		keys = append(keys, pub)
	}
	return keys
}

func containsKey(keys []ed25519.PublicKey, pub ed25519.PublicKey) bool {
	for _, k := range keys {
		if k.Equal(pub) {
			return true
		}
	}
	return false
}

// readRegular reads a small regular file of the bag, never through a
// symbolic link.
func readRegular(dir, rel string) ([]byte, error) {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	info, err := os.Lstat(p)
	if err != nil {
		return nil, cannotRead(err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, cannotRead(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxProvenanceFile+1))
	if err != nil {
		return nil, cannotRead(err)
	}
	if len(b) > maxProvenanceFile {
		return nil, errors.New("too large")
	}
	return b, nil
}

// cannotRead says why a file of the bag could not be read, without the
// path the caller names already: "cannot read: permission denied".
func cannotRead(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot read: %w", err)
}
