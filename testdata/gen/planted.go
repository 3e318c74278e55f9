package main

import (
	"path/filepath"
	"strings"
)

// profileYAML is the fixture's consign.yaml: it names the creator, so the
// creator's own details are reported as "self", and gives the address
// buyers write to, which the bundle's bag-info.txt publishes.
const profileYAML = `# The creator of this fixture folder.
creator:
  name: Jane Doe
  emails: [hello@janedoe.photo]
  domains: [janedoe.photo]
  contact:
    email: hello@janedoe.photo
phone_region: GB
`

// readerLetters is a reader's letter and the creator's reply, with the
// personal data a real inbox export carries: a third party's email, phone,
// card and bank details, and the creator's own address.
const readerLetters = `From: Oliver Grant <oliver.grant@fastmail.com>
To: Jane Doe <hello@janedoe.photo>
Subject: Print order

Hello Jane,

I would love the estuary print in A2. You can reach me on 07911 123456 in
the evenings. Please charge my card 4539 1488 0343 6467 (exp 09/27), or I can
transfer from GB82 WEST 1234 5698 7654 32 if that is easier.

Thanks, Oliver

--
Jane Doe Photography · hello@janedoe.photo · https://janedoe.photo
`

// lettersPlanted are the third party's details in readerLetters, which
// the manifest of planted values lists with the extras'.
var lettersPlanted = []Plant{
	{Detector: "pii/email", Category: "pii", Kind: "email", Value: "oliver.grant@fastmail.com"},
	{Detector: "pii/phone", Category: "pii", Kind: "phone", Value: "07911 123456"},
	{Detector: "pii/card", Category: "pii", Kind: "card", Value: "4539 1488 0343 6467"},
	{Detector: "pii/iban", Category: "pii", Kind: "iban", Value: "GB82 WEST 1234 5698 7654 32"},
}

// writePlanted writes the files that carry planted personal data, and the
// creator's profile, and records the letter's planted values.
func writePlanted(dir string, pl *planter) error {
	if err := writeFile(filepath.Join(dir, "consign.yaml"), []byte(profileYAML)); err != nil {
		return err
	}
	for _, p := range lettersPlanted {
		p.Path = "mail/print-order.txt"
		p.Start = strings.Index(readerLetters, p.Value)
		p.End = p.Start + len(p.Value)
		pl.plants = append(pl.plants, p)
	}
	return writeFile(filepath.Join(dir, "mail", "print-order.txt"), []byte(readerLetters))
}
