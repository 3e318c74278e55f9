package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/mail"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/consignhq/consign/manifest"
)

// stdinIsTerminal reports whether consign's standard input is a terminal,
// where init asks its questions instead of taking only flags.
func stdinIsTerminal() bool {
	return isatty.IsTerminal(os.Stdin.Fd()) || isatty.IsCygwinTerminal(os.Stdin.Fd())
}

// prompter asks one question per line and reads the answers.
type prompter struct {
	in  *bufio.Scanner
	out io.Writer
	eof bool
}

// ask prints the question with the current value as default; an empty
// answer keeps it. At the end of the input every question keeps its
// default, so a short answer file is not an error.
func (p *prompter) ask(question, current string) string {
	if p.eof {
		return current
	}
	if current != "" {
		fmt.Fprintf(p.out, "%s [%s]: ", question, current)
	} else {
		fmt.Fprintf(p.out, "%s: ", question)
	}
	if !p.in.Scan() {
		p.eof = true
		fmt.Fprintln(p.out)
		return current
	}
	if a := strings.TrimSpace(p.in.Text()); a != "" {
		return a
	}
	return current
}

// askChecked asks until check accepts the answer: check gives the value
// to keep (an answer put in the form consign.yaml wants, "eur" as "EUR")
// or the hint to print before asking again. consign.yaml is checked only
// after the last question, so an answer refused there cost every other
// answer; here it is asked again at once. At the end of the input the
// answer stands, for that final check to report.
func (p *prompter) askChecked(question, current string, check func(string) (string, string)) string {
	for {
		a := p.ask(question, current)
		v, hint := check(a)
		if hint == "" || p.eof {
			return v
		}
		fmt.Fprintln(p.out, "  "+hint)
	}
}

// askList reads a comma-separated list; each item goes through item,
// which gives it in the form to keep, or false with the list refused.
// whole, when not nil, then says what is wrong with the list as a whole,
// or "".
func (p *prompter) askList(question string, current []string, item func(string) (string, bool), hint string, whole func([]string) string) []string {
	var out []string
	p.askChecked(question, strings.Join(current, ","), func(a string) (string, string) {
		out = out[:0]
		bad := ""
		for _, v := range strings.Split(a, ",") {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			w, ok := item(v)
			if !ok && bad == "" {
				bad = v
			}
			out = append(out, w)
		}
		if bad != "" {
			return a, fmt.Sprintf("%q: %s", bad, hint)
		}
		if whole != nil {
			return a, whole(out)
		}
		return a, ""
	})
	return out
}

// licenceUses are the uses consign.yaml's licence.uses takes.
var licenceUses = []string{"training", "fine_tuning", "embeddings", "retrieval", "inference", "evaluation"}

func anyItem(v string) (string, bool) { return v, true }

func useItem(v string) (string, bool) {
	v = strings.ToLower(v)
	return v, slices.Contains(licenceUses, v)
}

// territoryItem takes "worldwide" or an ISO 3166-1 alpha-2 code, in
// either case.
func territoryItem(v string) (string, bool) {
	if strings.EqualFold(v, "worldwide") {
		return "worldwide", true
	}
	return strings.ToUpper(v), len(v) == 2 && isASCIILetters(v) && manifest.KnownTerritory(strings.ToUpper(v))
}

// territoryList refuses worldwide listed with country codes, as
// consign.yaml's schema does.
func territoryList(ts []string) string {
	if len(ts) > 1 && slices.Contains(ts, "worldwide") {
		return "worldwide cannot be listed with country codes: answer worldwide, or only the codes"
	}
	return ""
}

func isASCIILetters(v string) bool {
	for _, c := range []byte(v) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// checkCurrency takes an ISO 4217 code, in either case.
func checkCurrency(a string) (string, string) {
	if len(a) != 3 || !isASCIILetters(a) {
		return a, "answer with a three-letter ISO 4217 code, like USD or EUR"
	}
	return strings.ToUpper(a), ""
}

// checkEmail takes an empty answer (no email) or a bare address.
func checkEmail(a string) (string, string) {
	if a == "" {
		return a, ""
	}
	if addr, err := mail.ParseAddress(a); err != nil || addr.Address != a {
		return a, "answer with an email address, like ada@example.com, or leave it empty"
	}
	return a, ""
}

// checkMonths takes a whole number of months, at least one.
func checkMonths(a string) (string, string) {
	if n, err := strconv.Atoi(a); err != nil || n < 1 {
		return a, "answer with a whole number of months, 1 or more"
	}
	return a, ""
}

func (p *prompter) askBool(question string, current bool) bool {
	def := "no"
	if current {
		def = "yes"
	}
	for {
		switch strings.ToLower(p.ask(question+" (yes/no)", def)) {
		case "y", "yes":
			return true
		case "n", "no":
			return false
		}
		fmt.Fprintln(p.out, "  answer yes or no")
	}
}

// askNumber reads a number from 0 to max; empty keeps current (nil: not
// set).
func (p *prompter) askNumber(question string, current *float64, max float64) *float64 {
	for {
		def := ""
		if current != nil {
			def = strconv.FormatFloat(*current, 'f', -1, 64)
		}
		a := p.ask(question, def)
		if a == "" {
			return current
		}
		if n, err := strconv.ParseFloat(a, 64); err == nil && n >= 0 && n <= max {
			return &n
		}
		if max < math.Inf(1) {
			fmt.Fprintf(p.out, "  answer with a number from 0 to %g\n", max)
		} else {
			fmt.Fprintln(p.out, "  answer with a number, like 2500 or 12.5")
		}
		if p.eof {
			return current
		}
	}
}

// askProfile walks the creator through the questions that matter most,
// starting from what the flags already said.
func askProfile(in io.Reader, out io.Writer, v *manifest.TemplateValues) {
	p := &prompter{in: bufio.NewScanner(in), out: out}
	fmt.Fprintln(out, "consign init: a few questions for consign.yaml (press Enter to keep the value in brackets).")
	fmt.Fprintln(out, "Everything can be edited in the file afterwards.")
	fmt.Fprintln(out, "\nWho you are: your own details are reported as yours, not as someone's personal data.")
	v.Name = p.ask("Your name", v.Name)
	v.Email = p.askChecked("Your email", v.Email, checkEmail)
	v.Organisation = p.ask("Your company or studio", v.Organisation)
	fmt.Fprintln(out, "\nThe catalog.")
	v.Title = p.ask("Title", v.Title)
	v.Description = p.ask("What it is, in a sentence", v.Description)
	v.Keywords = p.askList("Keywords, comma-separated", v.Keywords, anyItem, "", nil)
	fmt.Fprintln(out, "\nThe licence offer: the terms to get in writing.")
	v.Uses = p.askList("Permitted uses ("+strings.Join(licenceUses, ", ")+")", v.Uses, useItem,
		"not a use: answer with some of "+strings.Join(licenceUses, ", "), nil)
	v.Commercial = p.askBool("Allow commercial use?", v.Commercial)
	v.Exclusive = p.askBool("Exclusive licence?", v.Exclusive)
	v.Territory = p.askList("Territories, ISO country codes (empty: worldwide)", v.Territory, territoryItem,
		"not a territory: answer with two-letter ISO 3166-1 codes, like US, GB, or worldwide", territoryList)
	term := p.askChecked("Term in months", strconv.Itoa(v.TermMonths), checkMonths)
	if n, err := strconv.Atoi(term); err == nil {
		v.TermMonths = n
	}
	v.Currency = p.askChecked("Currency (ISO 4217)", v.Currency, checkCurrency)
	v.Fee = p.askNumber("One-time fee (empty: none)", v.Fee, math.Inf(1))
	v.RevenueSharePercent = p.askNumber("Revenue share in percent (empty: none)", v.RevenueSharePercent, 100)
	v.Attribution = p.ask("Credit line buyers must show (empty: none)", v.Attribution)
	fmt.Fprintln(out)
}
