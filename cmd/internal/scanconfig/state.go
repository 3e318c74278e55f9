package scanconfig

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/consignhq/consign/pipeline"
)

// CachedState is where consign keeps its state (key, ignore list, catalog)
// for the folder abs when the folder is marked read-only: under the user's
// cache directory, named by a hash of the folder's real absolute path.
func CachedState(abs string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	// The key is the folder's real path: reached through a symbolic link
	// or by its own path, one folder has one state.
	key := filepath.Clean(abs)
	if real, err := filepath.EvalSymlinks(key); err == nil {
		key = real
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(cache, "consign", "state", hex.EncodeToString(sum[:16])), nil
}

// ExistingState is the state directory consign scan has already made for
// the local folder abs: abs/.consign, or else the one in the user's cache
// directory for a read-only folder. With neither, it is abs/.consign.
func ExistingState(abs string) string {
	own := filepath.Join(abs, pipeline.StateDir)
	if _, err := os.Stat(own); err == nil {
		return own
	}
	if full, err := filepath.Abs(abs); err == nil {
		abs = full
	}
	if alt, err := CachedState(abs); err == nil {
		if _, err := os.Stat(alt); err == nil {
			return alt
		}
	}
	return own
}
