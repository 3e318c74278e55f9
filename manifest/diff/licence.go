package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// contentProfile is the part of metadata/content-profile.json compared.
const contentProfile = "metadata/content-profile.json"

// maxProfile caps content-profile.json. It lists every finding in its
// redaction checklist, so it grows with the findings, never with the files'
// sizes; the cap only stops a damaged file from being read whole.
const maxProfile = 256 << 20

// compareLicence compares the licence offers of the two content profiles.
func compareLicence(r *Report) error {
	a, okA, err := readLicence(r.Old.Dir)
	if err != nil {
		return err
	}
	b, okB, err := readLicence(r.New.Dir)
	if err != nil {
		return err
	}
	switch {
	case !okA && !okB:
		r.Licence.Unavailable = "neither bundle has " + contentProfile
		return nil
	case !okA:
		r.Licence.Unavailable, r.Licence.oneSided = "the old bundle has no "+contentProfile, true
		return nil
	case !okB:
		r.Licence.Unavailable, r.Licence.oneSided = "the new bundle has no "+contentProfile, true
		return nil
	}
	r.Licence.Compared = true
	r.Licence.Keys = diffKeys(a, b)
	r.Licence.Changed = len(r.Licence.Keys) > 0
	return nil
}

// readLicence reads the licence_offer of a bundle's content profile,
// flattened to dotted keys; ok is false when the bundle has no profile.
func readLicence(dir string) (keys map[string]json.RawMessage, ok bool, err error) {
	f, name, err := openMetadata(dir, contentProfile, true)
	if err != nil || f == nil {
		return nil, false, err
	}
	defer f.Close()
	keys, err = parseLicence(io.LimitReader(f, maxProfile))
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", name, err)
	}
	return keys, true, nil
}

// parseLicence decodes a content profile and flattens its licence offer.
// An absent offer is an empty one.
func parseLicence(r io.Reader) (map[string]json.RawMessage, error) {
	var doc struct {
		LicenceOffer json.RawMessage `json:"licence_offer"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	keys := map[string]json.RawMessage{}
	if len(doc.LicenceOffer) == 0 || string(doc.LicenceOffer) == "null" {
		return keys, nil
	}
	dec = json.NewDecoder(bytes.NewReader(doc.LicenceOffer))
	dec.UseNumber()
	var offer any
	if err := dec.Decode(&offer); err != nil {
		return nil, fmt.Errorf("licence_offer: %w", err)
	}
	m, isObject := offer.(map[string]any)
	if !isObject {
		return nil, errors.New("licence_offer is not an object")
	}
	flatten("", m, keys)
	return keys, nil
}

// flatten writes each leaf of m under its dotted key. Lists are leaves:
// "uses" changing from [training] to [training, fine_tuning] is one change.
func flatten(prefix string, m map[string]any, out map[string]json.RawMessage) {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok && len(sub) > 0 {
			flatten(key, sub, out)
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			continue // decoded JSON always marshals
		}
		out[key] = b
	}
}

// diffKeys lists the keys added, removed or changed, sorted.
func diffKeys(a, b map[string]json.RawMessage) []KeyChange {
	var out []KeyChange
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, KeyChange{Key: k, Change: Removed, Old: v})
		} else if !bytes.Equal(v, w) {
			out = append(out, KeyChange{Key: k, Change: Changed, Old: v, New: w})
		}
	}
	for k, w := range b {
		if _, ok := a[k]; !ok {
			out = append(out, KeyChange{Key: k, Change: Added, New: w})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
