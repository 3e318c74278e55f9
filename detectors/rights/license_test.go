package rights

import (
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

const mitText = `MIT License

Copyright (c) 2020 Ann Lee

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`

const ccByNCText = `This work is licensed under the Creative Commons Attribution-NonCommercial 4.0 International License.
To view a copy of this license, visit http://creativecommons.org/licenses/by-nc/4.0/ or send a letter to Creative Commons, PO Box 1866, Mountain View, CA 94042, USA.`

func TestLicenseFind(t *testing.T) {
	d := NewLicense(detectors.Config{}).(*License)
	cases := []struct {
		name, text string
		want       []string // SPDX ids, in order
		action     string   // of the first
	}{
		{"mit text", mitText, []string{"MIT"}, detectors.ActionAttribute},
		{"cc by-nc statement", ccByNCText, []string{"CC-BY-NC-4.0", "CC-BY-NC-4.0"}, detectors.ActionExclude},
		{"spdx line", "// SPDX-License-Identifier: Apache-2.0 OR MIT\npackage x", []string{"Apache-2.0 OR MIT"}, detectors.ActionAttribute},
		{"cc code in an spdx line", "SPDX-License-Identifier: CC-BY-NC-4.0", []string{"CC-BY-NC-4.0"}, detectors.ActionExclude},
		{"cc code after an spdx line", "# SPDX-License-Identifier: MIT\nPhotos: CC BY-NC 4.0", []string{"MIT", "CC-BY-NC-4.0"}, detectors.ActionAttribute},
		{"cc code before an spdx tag", "Photos CC BY 4.0; code SPDX-License-Identifier: MIT", []string{"CC-BY-4.0", "MIT"}, detectors.ActionAttribute},
		{"deed url", `<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">`, []string{"CC-BY-SA-4.0"}, detectors.ActionAttribute},
		{"badge", `![badge](https://i.creativecommons.org/l/by-nc-nd/3.0/88x31.png)`, []string{"CC-BY-NC-ND-3.0"}, detectors.ActionExclude},
		{"licensebuttons badge", `<img src="https://licensebuttons.net/l/by-nd/4.0/88x31.png">`, []string{"CC-BY-ND-4.0"}, detectors.ActionExclude},
		{"cc0 url", "https://creativecommons.org/publicdomain/zero/1.0/", []string{"CC0-1.0"}, ""},
		{"public domain mark", "creativecommons.org/publicdomain/mark/1.0/", []string{"LicenseRef-CC-PDM-1.0"}, ""},
		{"short code", "Photos: CC BY-NC-SA 4.0", []string{"CC-BY-NC-SA-4.0"}, detectors.ActionExclude},
		{"short code without version", "License: CC-BY", []string{"CC-BY"}, detectors.ActionAttribute},
		{"name with share alike", "Creative Commons Attribution-ShareAlike 3.0 Unported", []string{"CC-BY-SA-3.0"}, detectors.ActionAttribute},
		{"name no derivatives", "under a Creative Commons Attribution-NoDerivatives 4.0 International License", []string{"CC-BY-ND-4.0"}, detectors.ActionExclude},
		{"cc0 name", "Released under CC0 1.0.", []string{"CC0-1.0"}, ""},
		{"prose", "We talked about licensing and creative work at the commons.", nil, ""},
		{"not a cc code", "ACC BYTES", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := d.Find(&detectors.Item{}, []byte(c.text))
			var got []string
			for _, m := range ms {
				got = append(got, m.Detail)
				if m.Start < 0 || m.End > len(c.text) || m.Start >= m.End || m.Kind != KindLicense {
					t.Errorf("bad match %+v", m)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("licences %q, want %q", got, c.want)
			}
			if len(ms) > 0 && ms[0].Action != c.action {
				t.Errorf("action %q, want %q", ms[0].Action, c.action)
			}
		})
	}
}

func TestLicenseScannerCompiles(t *testing.T) {
	if textScanner() == nil {
		t.Fatal("the licence scanner did not compile")
	}
}
