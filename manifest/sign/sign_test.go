package sign

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func newKeys(t *testing.T) (ed25519.PrivateKey, string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "consign")
	privPath, pubPath, err := GenerateKeyPair(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := LoadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	return priv, privPath, pubPath
}

func TestKeyPair(t *testing.T) {
	priv, privPath, pubPath := newKeys(t)
	info, err := os.Stat(privPath)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 && runtime.GOOS != "windows" { // Windows keeps no mode bits
		t.Errorf("private key mode %04o, want 0600", perm)
	}
	pub, err := LoadPublicKey(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Error("public key file does not hold the private key's public half")
	}
	t.Run("no overwrite", func(t *testing.T) {
		if _, _, err := GenerateKeyPair(filepath.Dir(privPath), false); !errors.Is(err, ErrKeyExists) {
			t.Fatalf("got %v, want ErrKeyExists", err)
		}
		if _, _, err := GenerateKeyPair(filepath.Dir(privPath), true); err != nil {
			t.Fatalf("--force: %v", err)
		}
		again, err := LoadPublicKey(pubPath)
		if err != nil || again.Equal(pub) {
			t.Fatalf("forced keygen kept the old key (err %v)", err)
		}
	})
	for _, mode := range []os.FileMode{0o640, 0o604, 0o660} {
		t.Run(mode.String(), func(t *testing.T) {
			if runtime.GOOS == "windows" {
				t.Skip("Windows guards the key with access lists, not mode bits, which pack does not check there")
			}
			os.Chmod(privPath, mode)
			defer os.Chmod(privPath, 0o600)
			if _, err := LoadPrivateKey(privPath); !errors.Is(err, ErrKeyExposed) {
				t.Fatalf("got %v, want ErrKeyExposed", err)
			}
		})
	}
	t.Run("public key given to sign", func(t *testing.T) {
		// consign keygen writes it 0644: the mode is not what is wrong.
		_, err := LoadPrivateKey(pubPath)
		if err == nil || errors.Is(err, ErrKeyExposed) || !strings.Contains(err.Error(), "is the public key") {
			t.Fatalf("got %v, want it named as the public key", err)
		}
	})
	t.Run("not a key", func(t *testing.T) {
		if _, err := ParsePublicKey([]byte("hello")); err == nil {
			t.Fatal("parsed garbage as a key")
		}
	})
}

func TestPAE(t *testing.T) {
	got := string(PAE("http://example.com/HelloWorld", []byte("hello world")))
	// The example from the DSSE protocol document.
	want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
	if got != want {
		t.Errorf("PAE = %q, want %q", got, want)
	}
}

// signedBag makes a directory holding a tag manifest and signs it.
func signedBag(t *testing.T, priv ed25519.PrivateKey) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, SubjectFile), []byte("abc  bagit.txt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Unix(1700000000, 0)
	err := WriteProvenance(dir, priv, Options{Version: "v1.2.3", Parameters: map[string]any{"fail_on": "high"}, Started: when, Finished: when})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestProvenance(t *testing.T) {
	priv, _, pubPath := newKeys(t)
	pub, _ := LoadPublicKey(pubPath)
	dir := signedBag(t, priv)

	r := VerifyProvenance(dir, pub)
	if !r.Valid() || r.Embedded {
		t.Fatalf("valid bag: %+v", r)
	}
	st := r.Statement
	if st.Subject[0].Name != SubjectFile || st.Predicate.RunDetails.Builder.Version["consign"] != "v1.2.3" ||
		st.Predicate.RunDetails.Metadata.StartedOn != "2023-11-14T22:13:20Z" {
		t.Errorf("statement: %+v", st)
	}
	if r := VerifyProvenance(dir, nil); !r.Valid() || !r.Embedded {
		t.Errorf("embedded key: %+v", r)
	}
	if again := signedBag(t, priv); string(read(t, again, EnvelopeFile)) != string(read(t, dir, EnvelopeFile)) {
		t.Error("the same input signed to different envelopes")
	}

	other, _, _ := newKeys(t)
	tests := []struct {
		name   string
		change func(dir string)
		key    ed25519.PublicKey
		want   string
	}{
		{"other key", func(string) {}, other.Public().(ed25519.PublicKey), "does not hold the key given"},
		{"tag manifest changed", func(dir string) {
			os.WriteFile(filepath.Join(dir, SubjectFile), []byte("abd  bagit.txt\n"), 0o644)
		}, pub, "has changed since the bag was signed"},
		{"unsigned", func(dir string) { os.Remove(filepath.Join(dir, EnvelopeFile)) }, pub, "not signed"},
		{"extra file", func(dir string) {
			os.WriteFile(filepath.Join(dir, "provenance", "note.txt"), nil, 0o644)
		}, pub, "unexpected file"},
		{"renamed key", func(dir string) {
			os.Rename(filepath.Join(dir, KeysDir, keyFileName(pub)), filepath.Join(dir, KeysDir, "x.pub"))
		}, nil, "is named"},
		{"no key, none given", func(dir string) {
			os.RemoveAll(filepath.Join(dir, KeysDir))
		}, nil, "no --key given and the bundle holds no public key (provenance/keys is empty or missing): give --key the creator's public key"},
		{"two keys, none given", func(dir string) {
			otherPub := other.Public().(ed25519.PublicKey)
			b, _ := EncodePublicKey(otherPub)
			os.WriteFile(filepath.Join(dir, KeysDir, keyFileName(otherPub)), b, 0o644)
		}, nil, "no --key given and provenance/keys holds 2 keys, not one: give --key the creator's public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := signedBag(t, priv)
			tt.change(dir)
			r := VerifyProvenance(dir, tt.key)
			if got := strings.Join(r.Problems, "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one saying %q", got, tt.want)
			}
		})
	}
}

// TestEveryFlippedByteFails flips each byte of the envelope and the key
// file in turn; a letter's case is flipped too, as JSON field names match
// without case.
func TestEveryFlippedByteFails(t *testing.T) {
	priv, _, _ := newKeys(t)
	pub := priv.Public().(ed25519.PublicKey)
	dir := signedBag(t, priv)
	for _, rel := range []string{EnvelopeFile, KeysDir + "/" + keyFileName(pub)} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		orig := read(t, dir, rel)
		for i := range orig {
			masks := []byte{0x01}
			if c := orig[i] | 0x20; c >= 'a' && c <= 'z' {
				masks = append(masks, 0x20)
			}
			for _, mask := range masks {
				b := append([]byte(nil), orig...)
				b[i] ^= mask
				os.WriteFile(p, b, 0o644)
				for _, key := range []ed25519.PublicKey{pub, nil} {
					if VerifyProvenance(dir, key).Valid() {
						t.Fatalf("%s: byte %d ^ %#x still verifies (key given: %v)", rel, i, mask, key != nil)
					}
				}
			}
		}
		os.WriteFile(p, orig, 0o644)
	}
	if r := VerifyProvenance(dir, pub); !r.Valid() {
		t.Fatalf("restored bag: %v", r.Problems)
	}
}

func read(t *testing.T, dir, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
