package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// ProfileFile is the creator's configuration file at the folder root.
const ProfileFile = "consign.yaml"

// Profile is the creator's content profile, read from consign.yaml. Keys it
// does not know are kept for later versions but are not an error.
type Profile struct {
	// Creator says who the creator is: their own names, handles and
	// contact details are reported as "self", and ownership statements
	// are compared with them.
	Creator Creator `yaml:"creator"`
	// Detectors chooses the detectors: names and presets, as --detectors.
	Detectors []string `yaml:"detectors"`
	// PhoneRegion is the ISO 3166-1 alpha-2 region assumed for phone
	// numbers written without a country code.
	PhoneRegion string `yaml:"phone_region"`
	// Exclude lists glob patterns (gitignore style) that scan and pack
	// leave out.
	Exclude []string `yaml:"exclude"`
	// Languages restricts language detection to these ISO 639-1 codes.
	Languages []string `yaml:"languages"`
}

// Creator is the creator's identity.
type Creator struct {
	Name         string   `yaml:"name"`
	Aliases      []string `yaml:"aliases"`
	Handles      []string `yaml:"handles"`
	Emails       []string `yaml:"emails"`
	Phones       []string `yaml:"phones"`
	Organisation string   `yaml:"organisation"`
	Domains      []string `yaml:"domains"`
}

// ErrBadProfile is returned (wrapped, with the line) when consign.yaml is
// not valid.
var ErrBadProfile = errors.New("invalid consign.yaml")

// LoadProfile reads dir/consign.yaml. A missing file is an empty profile.
func LoadProfile(dir string) (*Profile, error) {
	path := filepath.Join(dir, ProfileFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Profile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var p Profile
	if len(bytes.TrimSpace(b)) == 0 {
		return &p, nil
	}
	if err := yaml.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadProfile, path, err)
	}
	return &p, nil
}
