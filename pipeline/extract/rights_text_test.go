package extract

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

const rightsMarkdown = `---
title: Walking the coast
---
# Walking the coast

![the cliffs](https://janedoe.net/img/cliffs.jpg)
![a lighthouse](https://upload.example.org/lighthouse.jpg)

> The sea, once it casts its spell, holds one in its net of wonder forever.
> — Jacques Cousteau

{{< youtube dQw4w9WgXcQ >}}

Photo: Getty Images

© 2024 Jane Doe. All rights reserved. Text licensed CC BY-NC 4.0.
`

const rightsHTML = `<!doctype html><html><head><title>Clips</title></head><body>
<p>My favourite clip:</p>
<iframe src="https://player.vimeo.com/video/76979871"></iframe>
<img src="https://i.imgur.com/abc.png">
<blockquote cite="https://example.org/speech">Words that are not mine.</blockquote>
</body></html>`

const mitLicenseFile = `Copyright (c) 2020 Ann Lee

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

const ccByNCFile = `Attribution-NonCommercial 4.0 International

This work by Ann Lee is licensed under a Creative Commons Attribution-NonCommercial 4.0 International License.
See https://creativecommons.org/licenses/by-nc/4.0/legalcode
`

// TestRightsInText follows Markdown, HTML and licence files through the
// extractors and the rights detectors into their records' rights.
func TestRightsInText(t *testing.T) {
	cfg := detectors.Config{Identity: detectors.Identity{Names: []string{"Jane Doe"}, Domains: []string{"janedoe.net"}}}
	cases := []struct {
		name, text string
		want       detectors.Rights
		details    []string // details of findings that must be there
	}{
		{"walk.md", rightsMarkdown,
			detectors.Rights{Copyright: "© 2024 Jane Doe", License: "CC-BY-NC-4.0", Owner: detectors.OwnerThirdParty},
			[]string{"img upload.example.org", "blockquote", "YouTube", "Getty Images", "CC-BY-NC-4.0", "© 2024 Jane Doe"}},
		{"clips.html", rightsHTML, detectors.Rights{}, []string{"Vimeo", "img i.imgur.com", "blockquote"}},
		{"LICENSE.txt", mitLicenseFile,
			detectors.Rights{Copyright: "© 2020 Ann Lee", License: "MIT", Owner: detectors.OwnerThirdParty},
			[]string{"MIT", "© 2020 Ann Lee"}},
		{"LICENSE-NC.txt", ccByNCFile,
			detectors.Rights{License: "CC-BY-NC-4.0", Owner: detectors.OwnerUnknown},
			[]string{"CC-BY-NC-4.0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, findings, r := rightsOf(t, cfg, bytesSource(c.name, []byte(c.text)), []byte(c.text))
			var got []string
			for _, f := range findings {
				got = append(got, f.Detail)
			}
			for _, d := range c.details {
				if !slices.Contains(got, d) {
					t.Errorf("no finding with detail %q in %q", d, got)
				}
			}
			if c.want == (detectors.Rights{}) {
				if r != nil && r.Owner != "" {
					t.Errorf("rights %+v: embeds and quotes make no owner", *r)
				}
				return
			}
			if r == nil || *r != c.want {
				t.Errorf("rights %+v, want %+v", r, c.want)
			}
		})
	}
}

// TestRightsLicenseActions checks the actions licences ask for.
func TestRightsLicenseActions(t *testing.T) {
	_, findings, _ := rightsOf(t, detectors.Config{}, bytesSource("a.txt", []byte(ccByNCFile)), []byte(ccByNCFile))
	for _, f := range findings {
		if f.Kind == rights.KindLicense && f.Action != detectors.ActionExclude {
			t.Errorf("licence finding %+v: a non-commercial licence excludes the file", f)
		}
	}
	_, findings, _ = rightsOf(t, detectors.Config{}, bytesSource("b.txt", []byte(mitLicenseFile)), []byte(mitLicenseFile))
	for _, f := range findings {
		if f.Kind == rights.KindLicense && f.Action != detectors.ActionAttribute {
			t.Errorf("licence finding %+v: MIT asks for attribution", f)
		}
	}
}
