package detectors

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// KeySize is the length of a folder's fingerprint key.
const KeySize = 32

// keyFile is the key's name inside the folder's state directory.
const keyFile = "key"

// idLength is how many hex digits of the keyed digest make a finding id:
// 80 bits, so ids do not collide in any real catalog.
const idLength = 20

// Fingerprinter makes finding ids and value hashes. Both are keyed with
// the folder's secret key: a bare hash of a phone number or a card number
// can be reversed by trying every number, a keyed one cannot without the
// key, which never leaves the folder.
type Fingerprinter struct {
	idMAC   hash.Hash
	hashMAC hash.Hash
	// in and sum are the MACs' input and output, reused: a scan makes an
	// id and a value hash for every finding.
	in  []byte
	sum [sha256.Size]byte
}

// NewFingerprinter returns a fingerprinter keyed with key. It is not safe
// for concurrent use: give each worker its own.
func NewFingerprinter(key []byte) *Fingerprinter {
	return &Fingerprinter{
		idMAC:   hmac.New(sha256.New, append([]byte("consign finding id\x00"), key...)),
		hashMAC: hmac.New(sha256.New, key),
	}
}

// ID is the stable id of the occurrence-th (0-based) appearance of value
// found by detector in the file at path. It does not depend on offsets, so
// editing elsewhere in the file keeps it; the occurrence index keeps the
// ids of a value repeated in one file distinct.
func (f *Fingerprinter) ID(detector, path, value string, occurrence int) string {
	in := f.in[:0]
	for _, s := range []string{detector, path, value} {
		in = append(append(in, s...), 0)
	}
	f.in = append(strconv.AppendInt(in, int64(occurrence), 10), 0)
	return f.mac(f.idMAC, f.in, idLength)
}

// ValueHash is HMAC-SHA256 of the normalized value, hex: equal values in
// one folder hash alike, so findings can be matched without the value.
func (f *Fingerprinter) ValueHash(value string) string {
	f.in = append(f.in[:0], value...)
	return f.mac(f.hashMAC, f.in, 2*sha256.Size)
}

// mac returns the first n hex digits of m's MAC of in.
func (f *Fingerprinter) mac(m hash.Hash, in []byte, n int) string {
	m.Reset()
	m.Write(in)
	var digits [2 * sha256.Size]byte
	hex.Encode(digits[:], m.Sum(f.sum[:0]))
	return string(digits[:n])
}

// ErrBadKey is ReadKey's error for a key file that exists but does not
// hold a key: it was damaged or edited.
var ErrBadKey = errors.New("the file is damaged")

// LoadOrCreateKey returns the folder's fingerprint key from stateDir/key,
// creating the directory and a random key on first use. The key is created
// atomically: a concurrent run either sees no key or the whole key, and if
// two runs race to create it both end up using the one that won.
func LoadOrCreateKey(stateDir string) ([]byte, error) {
	path := filepath.Join(stateDir, keyFile)
	key, err := ReadKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("create state directory %s: %w", stateDir, withoutPath(err))
	}
	key = make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("generate fingerprint key: %w", err)
	}
	tmp, err := os.CreateTemp(stateDir, ".key-*")
	if err != nil {
		return nil, fmt.Errorf("create fingerprint key in %s: %w", stateDir, withoutPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("restrict fingerprint key %s: %w", tmp.Name(), err)
	}
	if _, err := tmp.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("write fingerprint key %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("sync fingerprint key %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("close fingerprint key %s: %w", tmp.Name(), err)
	}
	// Link, unlike rename, fails when the key already exists, so a key
	// another run created in the meantime is never replaced.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ReadKey(path)
		}
		return nil, fmt.Errorf("install fingerprint key %s: %w", path, withoutPath(err))
	}
	return key, nil
}

// ReadKey reads a fingerprint key written as LoadOrCreateKey writes it:
// 32 bytes, hex-encoded, on one line.
func ReadKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read fingerprint key %s: %w", path, withoutPath(err))
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("read fingerprint key %s: not %d hex-encoded bytes: %w", path, KeySize, ErrBadKey)
	}
	return key, nil
}

// withoutPath drops the path an *fs.PathError or *os.LinkError carries
// where the message names the file already: "create state directory D:
// permission denied", not "create state directory D: mkdir D: permission
// denied".
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
