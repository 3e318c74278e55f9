package detectors

import "testing"

func TestMaskValue(t *testing.T) {
	tests := []struct{ name, kind, raw, want string }{
		{"email", "email", "john@example.com", "j***@e******.com"},
		{"card keeps last four", "card", "4111 1111 1111 1234", "**** **** **** 1234"},
		{"iban keeps country", "iban", "DE89 3704 0044 0532 0130 00", "DE** **** **** **** **30 00"},
		{"accents mask by rune", "name", "Zoë Öberg", "Z** Ö****"},
		{"one-letter words are not shown whole", "email", "a@b.co", "*@*.co"},
		{"one-letter name", "person_name", "J. K.", "*. *."},
		{"one-letter words beside longer ones keep their shape", "email", "a@bc.org", "a@b*.org"},
		{"control chars dropped", "token", "ab\x1bcd", "a***"},
		{"long values are cut", "private_key", "-----BEGIN PRIVATE KEY----- " + string(make([]byte, 0)) + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "-----B**** P****** K**----- M*******************…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskValue(tt.kind, tt.raw); got != tt.want {
				t.Errorf("MaskValue(%q, %q) = %q, want %q", tt.kind, tt.raw, got, tt.want)
			}
		})
	}
}

func TestExcerptAmongCutValue(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end int
		kind       string
		others     []Span
		want       string
	}{
		{"card cut by the end shows none of its digits",
			"write to jane@example.com now and then, card 4539 1488 0343 6467", 9, 25, "email",
			[]Span{{45, 64, "card"}}, "write to j***@e******.com now and then, card **** ****"},
		{"email cut by the start shows none of its letters",
			"Contract for Jane Creator, jane.creator@example.com, phone +1 415 555 0100.", 59, 74, "phone",
			[]Span{{27, 51, "email"}}, "**.*******@*******.***, phone +1 4** 5** 0***."},
		{"whole value beside the match keeps its mask",
			"mail jane@example.com, phone +1 415 555 0100.", 29, 44, "phone",
			[]Span{{5, 21, "email"}}, "mail j***@e******.com, phone +1 4** 5** 0***."},
		{"value around the match keeps its mask",
			"(c) 2021 Jane Doe. All rights reserved.", 9, 17, "person_name",
			[]Span{{0, 39, "copyright_notice"}}, "(c) 2*** J*** D**. A** r***** r*******."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExcerptAmong([]byte(tt.text), tt.start, tt.end, tt.kind, tt.others); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end int
		kind, want string
	}{
		{"context on the line", "write to john@example.com today", 9, 25, "email", "write to j***@e******.com today"},
		{"stops at line breaks", "first\nmail john@example.com\nnext", 11, 27, "email", "mail j***@e******.com"},
		{"context cut to about 30 bytes", "a long long long long long long preamble before x@y.io and a long long long long long tail", 48, 54, "email", "long long preamble before *@*.io and a long long long long"},
		{"digits beside the value masked", "call 415-555-0100 or x@y.io", 21, 27, "email", "call ***-***-**** or *@*.io"},
		{"short numbers kept", "page 12 x@y.io", 8, 14, "email", "page 12 *@*.io"},
		{"multibyte context cut on a rune", "ééééééééééééééééééé x@y.io", 39, 45, "email", "éééééééééééééé *@*.io"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt([]byte(tt.text), tt.start, tt.end, tt.kind); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
