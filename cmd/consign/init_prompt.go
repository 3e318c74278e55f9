package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
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

func (p *prompter) askList(question string, current []string) []string {
	a := p.ask(question, strings.Join(current, ","))
	var out []string
	for _, v := range strings.Split(a, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
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

// askNumber reads a number; empty keeps current (nil: not set).
func (p *prompter) askNumber(question string, current *float64) *float64 {
	for {
		def := ""
		if current != nil {
			def = strconv.FormatFloat(*current, 'f', -1, 64)
		}
		a := p.ask(question, def)
		if a == "" {
			return current
		}
		if n, err := strconv.ParseFloat(a, 64); err == nil && n >= 0 {
			return &n
		}
		fmt.Fprintln(p.out, "  answer with a number, like 2500 or 12.5")
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
	v.Email = p.ask("Your email", v.Email)
	v.Organisation = p.ask("Your company or studio", v.Organisation)
	fmt.Fprintln(out, "\nThe catalog.")
	v.Title = p.ask("Title", v.Title)
	v.Description = p.ask("What it is, in a sentence", v.Description)
	v.Keywords = p.askList("Keywords, comma-separated", v.Keywords)
	fmt.Fprintln(out, "\nThe licence offer: the terms to get in writing.")
	v.Uses = p.askList("Permitted uses (training, fine_tuning, embeddings, retrieval, inference, evaluation)", v.Uses)
	v.Commercial = p.askBool("Allow commercial use?", v.Commercial)
	v.Exclusive = p.askBool("Exclusive licence?", v.Exclusive)
	v.Territory = p.askList("Territories, ISO country codes (empty: worldwide)", v.Territory)
	if n := p.askNumber("Term in months", ptr(float64(v.TermMonths))); n != nil {
		v.TermMonths = int(*n)
	}
	v.Currency = p.ask("Currency (ISO 4217)", v.Currency)
	v.Fee = p.askNumber("One-time fee (empty: none)", v.Fee)
	v.RevenueSharePercent = p.askNumber("Revenue share in percent (empty: none)", v.RevenueSharePercent)
	v.Attribution = p.ask("Credit line buyers must show (empty: none)", v.Attribution)
	fmt.Fprintln(out)
}

func ptr[T any](v T) *T { return &v }
