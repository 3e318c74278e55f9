package sign

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Where the provenance lives in a bag, and what it signs.
const (
	EnvelopeFile  = "provenance/bag.intoto.jsonl"
	KeysDir       = "provenance/keys"
	SubjectFile   = "tagmanifest-sha256.txt"
	StatementType = "https://in-toto.io/Statement/v1"
	PredicateType = "https://slsa.dev/provenance/v1"
	// BuildType names what the parameters of a consign pack mean.
	BuildType = "https://github.com/consignhq/consign/pack/v1"
	// DefaultBuilderID names consign as the builder.
	DefaultBuilderID = "https://github.com/consignhq/consign"
)

// Statement is an in-toto Statement v1.
type Statement struct {
	Type          string     `json:"_type"`
	Subject       []Subject  `json:"subject"`
	PredicateType string     `json:"predicateType"`
	Predicate     Provenance `json:"predicate"`
}

// Subject is an artifact a statement is about.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Provenance is a SLSA v1 provenance predicate.
type Provenance struct {
	BuildDefinition BuildDefinition `json:"buildDefinition"`
	RunDetails      RunDetails      `json:"runDetails"`
}

// BuildDefinition says what was built, and how.
type BuildDefinition struct {
	BuildType          string         `json:"buildType"`
	ExternalParameters map[string]any `json:"externalParameters"`
}

// RunDetails says who built it, and when.
type RunDetails struct {
	Builder  Builder       `json:"builder"`
	Metadata BuildMetadata `json:"metadata"`
}

// Builder identifies the tool that built the bag.
type Builder struct {
	ID      string            `json:"id"`
	Version map[string]string `json:"version,omitempty"`
}

// BuildMetadata holds the run's times.
type BuildMetadata struct {
	StartedOn  string `json:"startedOn,omitempty"`
	FinishedOn string `json:"finishedOn,omitempty"`
}

// Options describe the run that made a bag.
type Options struct {
	BuilderID  string // DefaultBuilderID when empty
	Version    string // consign's version
	Parameters map[string]any
	// Started and Finished are the run's times: SOURCE_DATE_EPOCH's when
	// it is set, so the same input signs to the same bytes.
	Started, Finished time.Time
}

// WriteProvenance signs the bag at dir: it writes EnvelopeFile, a DSSE
// envelope over a statement whose subject is the bag's
// tagmanifest-sha256.txt, and the public key under KeysDir. Call it after
// the bag is closed: these files are in no manifest.
func WriteProvenance(dir string, priv ed25519.PrivateKey, opts Options) error {
	digest, err := fileSHA256(filepath.Join(dir, SubjectFile))
	if err != nil {
		return fmt.Errorf("sign bag: %w", err)
	}
	builder := opts.BuilderID
	if builder == "" {
		builder = DefaultBuilderID
	}
	st := Statement{
		Type:          StatementType,
		Subject:       []Subject{{Name: SubjectFile, Digest: map[string]string{"sha256": digest}}},
		PredicateType: PredicateType,
		Predicate: Provenance{
			BuildDefinition: BuildDefinition{BuildType: BuildType, ExternalParameters: opts.Parameters},
			RunDetails: RunDetails{
				Builder:  Builder{ID: builder, Version: map[string]string{"consign": opts.Version}},
				Metadata: BuildMetadata{StartedOn: stamp(opts.Started), FinishedOn: stamp(opts.Finished)},
			},
		},
	}
	if st.Predicate.BuildDefinition.ExternalParameters == nil {
		st.Predicate.BuildDefinition.ExternalParameters = map[string]any{}
	}
	payload, err := marshalCanonical(st)
	if err != nil {
		return fmt.Errorf("encode provenance statement: %w", err)
	}
	env, err := marshalCanonical(Seal(PayloadType, bytes.TrimSuffix(payload, []byte("\n")), priv))
	if err != nil {
		return fmt.Errorf("encode envelope: %w", err)
	}
	pub := priv.Public().(ed25519.PublicKey)
	pubPEM, err := EncodePublicKey(pub)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(KeysDir)), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", KeysDir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(EnvelopeFile)), env, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", EnvelopeFile, err)
	}
	keyFile := filepath.Join(dir, filepath.FromSlash(KeysDir), keyFileName(pub))
	if err := os.WriteFile(keyFile, pubPEM, 0o644); err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	return nil
}

// keyFileName names a public key file in KeysDir by its key id.
func keyFileName(pub ed25519.PublicKey) string {
	return KeyID(pub)[:16] + ".pub"
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func fileSHA256(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// parseStatement decodes a statement and checks it is the one consign
// writes: canonical bytes, the right types, tagmanifest-sha256.txt as its
// only subject.
func parseStatement(payload []byte) (*Statement, error) {
	var st Statement
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("decode statement: %w", err)
	}
	again, err := marshalCanonical(st)
	if err != nil || !bytes.Equal(bytes.TrimSuffix(again, []byte("\n")), payload) {
		return nil, fmt.Errorf("statement is not in canonical form")
	}
	switch {
	case st.Type != StatementType:
		return nil, fmt.Errorf("statement type is %q, want %q", st.Type, StatementType)
	case st.PredicateType != PredicateType:
		return nil, fmt.Errorf("predicate type is %q, want %q", st.PredicateType, PredicateType)
	case len(st.Subject) != 1 || st.Subject[0].Name != SubjectFile:
		return nil, fmt.Errorf("statement's subject is not %s alone", SubjectFile)
	}
	return &st, nil
}
