package sign

import (
	"crypto/ed25519"
	"testing"
	"time"
)

// FuzzVerifyEnvelope feeds arbitrary bytes to the envelope, statement and
// key parsers: no panic, and nothing but the envelope consign wrote (and
// its key) is accepted.
func FuzzVerifyEnvelope(f *testing.F) {
	seed := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	pub := seed.Public().(ed25519.PublicKey)
	dir := f.TempDir()
	writeSubject(f, dir)
	if err := WriteProvenance(dir, seed, Options{Version: "v1", Started: time.Unix(0, 0)}); err != nil {
		f.Fatal(err)
	}
	good, err := readRegular(dir, EnvelopeFile)
	if err != nil {
		f.Fatal(err)
	}
	pem, _ := EncodePublicKey(pub)
	f.Add(good)
	f.Add(pem)
	f.Add([]byte(`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}` + "\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ParsePublicKey(b)
		env, err := parseEnvelope(b)
		if err != nil {
			return
		}
		payload, err := env.Open(pub)
		if err != nil {
			return
		}
		if string(b) != string(good) {
			t.Fatalf("accepted an envelope consign did not write: %q", b)
		}
		if _, err := parseStatement(payload); err != nil {
			t.Fatalf("the signed statement does not parse: %v", err)
		}
	})
}

func writeSubject(f *testing.F, dir string) {
	f.Helper()
	if err := writeAtomic(dir+"/"+SubjectFile, []byte("abc  bagit.txt\n"), 0o644); err != nil {
		f.Fatal(err)
	}
}
