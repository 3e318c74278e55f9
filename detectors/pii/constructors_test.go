package pii

import "testing"

func TestIdentifierConstructors(t *testing.T) {
	for name, newDetector := range IdentifierConstructors() {
		t.Run(name, func(t *testing.T) {
			d := newDetector("GB")
			if d.Name() != name {
				t.Errorf("constructor for %q builds %q", name, d.Name())
			}
			if d.MaxLen() <= 0 || !d.Applies(nil) {
				t.Errorf("%s: MaxLen %d, Applies %v", name, d.MaxLen(), d.Applies(nil))
			}
			if fs, err := d.Detect(t.Context(), nil); fs != nil || err != nil {
				t.Errorf("%s: Detect = %v, %v; text detectors work through Find", name, fs, err)
			}
		})
	}
}
