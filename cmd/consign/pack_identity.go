package main

import (
	"crypto/ed25519"
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/sign"
)

// loadSigningKey reads the private key given, or the one keygen wrote.
func loadSigningKey(path string) (ed25519.PrivateKey, error) {
	if path == "" {
		dir, err := sign.KeyDir()
		if err != nil {
			return nil, usagef("%v", err)
		}
		path = filepath.Join(dir, sign.PrivateKeyFile)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("no signing key at %s: run 'consign keygen' first, or give --key", path)
		}
	}
	priv, err := sign.LoadPrivateKey(path)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return priv, nil
}

// catalogIdentifier returns the catalog's stable urn:uuid: from
// consign.yaml, or a new one written into it (keeping its comments). A
// folder consign must not write into (lockedFolder), or whose consign.yaml
// is a symbolic link, is not written to: its identifier is kept in
// consign's state for the folder instead, and pack says so.
func catalogIdentifier(dir string, profile *manifest.Profile, g *globalOptions) (string, error) {
	if id := profile.Catalog.ExternalIdentifier; id != "" {
		return id, nil
	}
	if id := profile.ExternalIdentifier; id != "" {
		return id, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	why := lockedFolder(abs)
	// Adding the key would replace a linked consign.yaml (a profile
	// shared by several folders) with a file of the folder's own.
	if info, err := os.Lstat(filepath.Join(abs, manifest.ProfileFile)); why == "" && err == nil && info.Mode()&fs.ModeSymlink != 0 {
		why = "has a " + manifest.ProfileFile + " that is a symbolic link, which pack does not replace"
	}
	if why != "" {
		state, err := folderState(abs, g)
		if err != nil {
			return "", err
		}
		path := filepath.Join(state, "identifier")
		if b, err := os.ReadFile(path); err == nil {
			return strings.TrimSpace(string(b)), nil
		}
		id, err := manifest.NewExternalIdentifier()
		if err != nil {
			return "", err
		}
		if err := os.MkdirAll(state, 0o700); err != nil {
			return "", fmt.Errorf("keep the catalog identifier: %w", err)
		}
		if err := os.WriteFile(path, []byte(id+"\n"), 0o600); err != nil {
			return "", fmt.Errorf("keep the catalog identifier: %w", err)
		}
		if !g.quiet {
			// A consign.yaml added to a bundle, or changed in one, is a
			// file its manifests do not list.
			advice := "add external_identifier to its consign.yaml to keep it with the folder"
			if strings.Contains(why, "bundle") {
				advice = "a consign.yaml written there would break the bundle's checksums"
			}
			fmt.Fprintf(g.stderr, "consign: %s %s: its catalog identifier %s is kept in %s; %s\n", dir, why, id, path, advice)
		}
		return id, nil
	}
	id, wrote, err := manifest.EnsureIdentifier(dir)
	if err != nil {
		return "", err
	}
	if wrote && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: wrote %s %s into %s\n", manifest.IdentifierKey, id, filepath.Join(dir, manifest.ProfileFile))
	}
	return id, nil
}

// rootIdentifier is the External-Identifier of a bundle packed from shards
// without a folder to keep one in: consign.yaml's, or a name-based UUID
// (version 5 layout) of the scan root, so that packing the same root
// again gives the same identifier.
func rootIdentifier(p *manifest.Profile, root string) string {
	if id := p.Catalog.ExternalIdentifier; id != "" {
		return id
	}
	if id := p.ExternalIdentifier; id != "" {
		return id
	}
	u := sha1.Sum([]byte("consign scan root\x00" + root))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
