package main

import "path/filepath"

// profileYAML is the fixture's consign.yaml: it names the creator, so the
// creator's own details are reported as "self".
const profileYAML = `# The creator of this fixture folder.
creator:
  name: Jane Doe
  emails: [hello@janedoe.photo]
  domains: [janedoe.photo]
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

// writePlanted writes the files that carry planted personal data, and the
// creator's profile.
func writePlanted(dir string) error {
	if err := writeFile(filepath.Join(dir, "consign.yaml"), []byte(profileYAML)); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "mail", "print-order.txt"), []byte(readerLetters))
}
