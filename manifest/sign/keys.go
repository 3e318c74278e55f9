package sign

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// Key files: PEM, the private key as PKCS #8 ("PRIVATE KEY", mode 0600),
// the public key as PKIX ("PUBLIC KEY"), the forms openssl and most
// signing tools read.
const (
	PrivateKeyFile = "consign.key"
	PublicKeyFile  = "consign.pub"
)

// ErrKeyExists is returned by GenerateKeyPair when a key pair is already
// there and overwriting it was not asked for.
var ErrKeyExists = errors.New("a key pair already exists")

// ErrKeyExposed is returned by LoadPrivateKey for a private key file that
// its group or other users can read or write.
var ErrKeyExposed = errors.New("private key is accessible to other users")

// KeyDir is where consign keeps the user's keys: the "consign" folder of
// os.UserConfigDir (~/.config/consign on Linux).
func KeyDir() (string, error) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return filepath.Join(cfg, "consign"), nil
}

// GenerateKeyPair makes an ed25519 key pair and writes it to dir, creating
// dir (mode 0700) if needed. An existing pair is replaced only with force.
// It returns the paths of the private and public key.
func GenerateKeyPair(dir string, force bool) (privPath, pubPath string, err error) {
	privPath, pubPath = filepath.Join(dir, PrivateKeyFile), filepath.Join(dir, PublicKeyFile)
	if !force {
		for _, p := range []string{privPath, pubPath} {
			if _, err := os.Lstat(p); err == nil {
				return "", "", fmt.Errorf("%w: %s (use --force to replace it)", ErrKeyExists, p)
			}
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("create key directory: %w", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", fmt.Errorf("generate ed25519 key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return "", "", fmt.Errorf("encode private key: %w", err)
	}
	if err := writeAtomic(privPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return "", "", err
	}
	pubPEM, err := EncodePublicKey(pub)
	if err != nil {
		return "", "", err
	}
	if err := writeAtomic(pubPath, pubPEM, 0o644); err != nil {
		return "", "", err
	}
	return privPath, pubPath, nil
}

// RestorePublicKey writes dir's public key file again from the private
// key beside it, for a pair whose public half was lost: the public key
// follows from the private one, and a new pair would no longer verify the
// bundles already signed. It returns the public key's path and the key.
func RestorePublicKey(dir string) (string, ed25519.PublicKey, error) {
	priv, err := LoadPrivateKey(filepath.Join(dir, PrivateKeyFile))
	if err != nil {
		return "", nil, err
	}
	pub := priv.Public().(ed25519.PublicKey)
	pubPEM, err := EncodePublicKey(pub)
	if err != nil {
		return "", nil, err
	}
	pubPath := filepath.Join(dir, PublicKeyFile)
	if err := writeAtomic(pubPath, pubPEM, 0o644); err != nil {
		return "", nil, err
	}
	return pubPath, pub, nil
}

// writeAtomic writes data to a new file beside path with mode, then renames
// it over path, so a key is never half-written nor briefly too open.
func writeAtomic(path string, data []byte, mode fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// LoadPrivateKey reads a PEM PKCS #8 ed25519 private key. It refuses a file
// that anyone but its owner can read or write.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, keyFileError("private", path, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, keyFileError("private", path, err)
	}
	block, _ := pem.Decode(b)
	// A public key, readable by all as it should be, would otherwise be
	// refused for its mode, and chmod would not help.
	if block != nil && block.Type == "PUBLIC KEY" {
		return nil, fmt.Errorf("read private key: %s is the public key: sign with the private key (%s)", path, PrivateKeyFile)
	}
	// Windows has no Unix permission bits to check: its ACLs decide.
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("%w: %s has mode %04o (run chmod 600 %s)", ErrKeyExposed, path, perm, path)
	}
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("read private key %s: not a PEM \"PRIVATE KEY\" block", path)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("read private key %s: %w", path, err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("read private key %s: %s, not an ed25519 key: consign signs with ed25519 (consign keygen)", path, keyAlgorithm(key))
	}
	return priv, nil
}

// LoadPublicKey reads a PEM PKIX ed25519 public key file.
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, keyFileError("public", path, err)
	}
	// The private key sits beside the public one, and the PEM type alone
	// would not say which of the two was meant.
	if block, _ := pem.Decode(b); block != nil && strings.HasSuffix(block.Type, "PRIVATE KEY") {
		return nil, fmt.Errorf("read public key %s: this is the private key: verify with the public key (%s), and keep the private key to yourself", path, PublicKeyFile)
	}
	pub, err := ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("read public key %s: %w", path, err)
	}
	return pub, nil
}

// keyFileError says why the key file at path could not be read, naming
// the file once and what to give instead, rather than the system call
// that failed ("open PATH: no such file or directory").
func keyFileError(which, path string, err error) error {
	want := "the private key consign keygen wrote (" + PrivateKeyFile + ")"
	if which == "public" {
		want = "the signer's public key (" + PublicKeyFile + ")"
	}
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read %s key %s: no such file: give --key %s", which, path, want)
	case errors.Is(err, syscall.EISDIR):
		return fmt.Errorf("read %s key %s: a folder, not a key file: give --key %s", which, path, want)
	case errors.As(err, &pe):
		return fmt.Errorf("read %s key %s: %w", which, path, pe.Err)
	}
	return fmt.Errorf("read %s key %s: %w", which, path, err)
}

// ParsePublicKey decodes a PEM PKIX ed25519 public key.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	block, rest := pem.Decode(b)
	if block == nil || block.Type != "PUBLIC KEY" {
		return nil, errors.New("not a PEM \"PUBLIC KEY\" block")
	}
	if len(rest) > 0 {
		return nil, errors.New("unexpected data after the PEM block")
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	pub, ok := key.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s, not an ed25519 key: consign signs with ed25519 (consign keygen)", keyAlgorithm(key))
	}
	return pub, nil
}

// keyAlgorithm names the algorithm of a key x509 parsed, as people know
// it ("an RSA key"), rather than by its Go type.
func keyAlgorithm(key any) string {
	switch key.(type) {
	case *rsa.PublicKey, *rsa.PrivateKey:
		return "an RSA key"
	case *ecdsa.PublicKey, *ecdsa.PrivateKey:
		return "an ECDSA key"
	case *ecdh.PublicKey, *ecdh.PrivateKey:
		return "an X25519 or ECDH key"
	}
	return fmt.Sprintf("a key of another kind (%T)", key)
}

// EncodePublicKey writes pub as PEM PKIX.
func EncodePublicKey(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// KeyID names a public key: the hex sha256 of its PKIX encoding, the
// fingerprint a buyer compares with the one the creator published.
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}
