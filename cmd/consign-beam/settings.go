package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// Settings are everything a worker needs to make records as `consign scan`
// would: Beam serializes them (as JSON) into each transform that uses them,
// so the files they come from are read once, on the launching machine.
type Settings struct {
	// Root is the folder records' paths are relative to, as given: an
	// absolute local path, or a URL ending in "/".
	Root        string
	Choices     scanconfig.Choices
	Profile     []byte // consign.yaml; empty for none
	ProfileName string // where Profile came from, for its error messages
	Key         []byte
	Ignore      []byte // the ignore list; empty for none
	IgnoreName  string
}

// options prepares the scan exactly as consign scan does for a folder
// with this profile, key and ignore list. It is cheap enough to run once
// per worker.
func (s *Settings) options() (pipeline.Options, error) {
	profile := &manifest.Profile{}
	if len(strings.TrimSpace(string(s.Profile))) > 0 {
		p, err := manifest.ParseProfile(s.ProfileName, s.Profile)
		if err != nil {
			return pipeline.Options{}, err
		}
		profile = p
	}
	local := ""
	if !isRemote(s.Root) {
		local = s.Root
	}
	opts, err := scanconfig.Options(local, profile, s.Choices)
	if err != nil {
		return pipeline.Options{}, err
	}
	opts.SHA512 = true
	if opts.Detection, err = scanconfig.Detection(local, profile, s.Choices); err != nil || opts.Detection == nil {
		return opts, err
	}
	opts.Detection.Key = s.Key
	opts.Detection.Ignore = &detectors.IgnoreList{}
	if len(s.Ignore) > 0 {
		if opts.Detection.Ignore, err = detectors.ParseIgnore(s.Ignore, s.IgnoreName); err != nil {
			return pipeline.Options{}, err
		}
	}
	return opts, nil
}

// prefix is Root with a trailing "/", what every listed path starts with.
func (s *Settings) prefix() string {
	if strings.HasSuffix(s.Root, "/") {
		return s.Root
	}
	return s.Root + "/"
}

// rel names the file at p (a full path or URL, or a path relative to the
// root) as consign scan ROOT would: relative to the root, "/"-separated.
func (s *Settings) rel(p string) (rel, full string, err error) {
	if !isRemote(p) && !filepath.IsAbs(p) {
		p = s.prefix() + strings.TrimPrefix(filepath.ToSlash(p), "./")
	}
	rel, ok := strings.CutPrefix(p, s.prefix())
	if !ok || rel == "" {
		return "", p, fmt.Errorf("%s is not below the root %s", p, s.Root)
	}
	for _, el := range strings.Split(rel, "/") {
		if el == "" || el == "." || el == ".." {
			return "", p, fmt.Errorf("%s is not a clean path below the root %s", p, s.Root)
		}
	}
	return rel, p, nil
}

// loadSettings reads the profile, key and ignore list for a run over
// root: from the files named, or for a local root from where consign
// scan keeps them. A file named but missing is an error; so is a run
// without a key, since finding ids and value hashes need one that stays
// the same from run to run.
func loadSettings(root string, c scanconfig.Choices, config, keyFile, ignoreFile string) (Settings, error) {
	s := Settings{Root: root, Choices: c}
	remote := isRemote(root)
	var err error
	if config == "" && !remote {
		config = filepath.Join(root, manifest.ProfileFile)
		s.Profile, err = readOptional(config, "")
	} else if config != "" {
		s.Profile, err = readRequired(config, "--config", "")
	}
	if err != nil {
		return s, err
	}
	s.ProfileName = config
	state := ""
	if !remote {
		state = scanconfig.ExistingState(root)
	}
	if ignoreFile == "" && !remote {
		ignoreFile = filepath.Join(state, "ignore")
		s.Ignore, err = readOptional(ignoreFile, "ignore list")
	} else if ignoreFile != "" {
		s.Ignore, err = readRequired(ignoreFile, "--ignore-file", "ignore list")
	}
	if err != nil {
		return s, err
	}
	s.IgnoreName = ignoreFile
	// The choices and the profile are checked as consign scan checks
	// them, and before it: a detector list it refuses ("none" with
	// others, an unknown name) is said as it says it, not as a missing
	// key. Without detectors no key is needed.
	opts, err := s.options()
	if err != nil || opts.Detection == nil {
		return s, err
	}
	switch {
	case keyFile == "" && remote:
		return s, errors.New("--key-file is required for a root in object storage: finding ids and value hashes are keyed with it (the key of a folder scanned before is its .consign/key; a new one: openssl rand -hex 32 > consign.key)")
	case keyFile == "":
		keyFile = filepath.Join(state, "key")
		if _, err := os.Stat(keyFile); errors.Is(err, fs.ErrNotExist) {
			return s, fmt.Errorf("no fingerprint key: %s does not exist (run consign scan %s once to make it, or give --key-file)", keyFile, root)
		}
	default:
		if _, err := os.Stat(keyFile); errors.Is(err, fs.ErrNotExist) {
			return s, fmt.Errorf("--key-file %s does not exist", keyFile)
		}
	}
	s.Key, err = detectors.ReadKey(keyFile)
	return s, err
}

// readOptional reads a small file that may be absent; what says what the
// file is in errors ("ignore list"), or is "" where the path says enough.
func readOptional(path, what string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, readError(path, what, err)
	}
	return b, nil
}

// readRequired reads a small file the flag named.
func readRequired(path, flag, what string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s %s does not exist", flag, path)
	}
	if err != nil {
		return nil, readError(path, what, err)
	}
	return b, nil
}

// readError names the file once, with the reason: "read ignore list PATH:
// permission denied", as consign scan says it, not again inside Go's
// "open PATH: ..." wording.
func readError(path, what string, err error) error {
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err
	}
	if what != "" {
		return fmt.Errorf("read %s %s: %w", what, path, err)
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// chooseRoot returns the root: given, else the input glob up to the last
// "/" before its first wildcard; a local one absolute, without a trailing
// "/", a remote one with it.
func chooseRoot(input, given string) (string, error) {
	root := given
	if root == "" {
		i := strings.IndexAny(input, "*?[{")
		if i < 0 {
			info, err := os.Stat(input)
			switch {
			case isRemote(input):
			case errors.Is(err, fs.ErrNotExist):
				// Not the parent as root, and a missing key there.
				return "", fmt.Errorf("--input %s does not exist", input)
			case err == nil && info.IsDir():
				return absLocal(input)
			}
			i = len(input)
		}
		root = input[:strings.LastIndex(input[:i], "/")+1]
		if root == "" {
			root = "."
		}
	}
	if isRemote(root) {
		return strings.TrimSuffix(root, "/") + "/", nil
	}
	// A glob under a folder that is not there would otherwise be taken
	// for a folder never scanned, and its missing key asked for.
	if info, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("the root %s does not exist", root)
	} else if err == nil && !info.IsDir() {
		return "", fmt.Errorf("the root %s is a file, not a folder", root)
	}
	return absLocal(root)
}

// absLocal makes a local path absolute and clean.
func absLocal(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", p, err)
	}
	return abs, nil
}

// isRemote says whether p is a URL (gs://, s3://, memfs://) rather than a
// local path.
func isRemote(p string) bool {
	i := strings.Index(p, "://")
	return i > 0
}
