package manifest

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// iso3166 lists the ISO 3166-1 alpha-2 country codes, the places a
// licence's territory may name besides "worldwide" and EU.
const iso3166 = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

// KnownTerritory reports whether t may stand in a licence's territory:
// "worldwide", EU, or an ISO 3166-1 alpha-2 code, in capitals.
func KnownTerritory(t string) bool {
	if t == "worldwide" || t == "EU" {
		return true
	}
	return len(t) == 2 && 'A' <= t[0] && t[0] <= 'Z' && 'A' <= t[1] && t[1] <= 'Z' && strings.Contains(iso3166, t)
}

// checkTerritory refuses a licence territory that is neither "worldwide",
// EU, nor an ISO 3166-1 alpha-2 code, and a catalog origin that is not
// such a code: the schema takes any two capitals, and "UK" (for GB) would
// reach the buyer's offer, or the DPS record's data origin geography, as
// a place that is not one.
func checkTerritory(file string, root *yaml.Node, p *Profile) error {
	var problems []Problem
	add := func(path []string, msg string) {
		n := lookup(root, path)
		problems = append(problems, Problem{File: file, Line: n.Line, Column: n.Column, Key: dotted(path), Message: msg})
	}
	for i, t := range p.Catalog.OriginGeography {
		if KnownTerritory(t) && t != "worldwide" && t != "EU" {
			continue
		}
		msg := fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code", t)
		if t == "UK" {
			msg += ": the United Kingdom is GB"
		}
		add([]string{"catalog", "origin_geography", strconv.Itoa(i)}, msg)
	}
	for i, t := range p.Licence.Territory {
		if KnownTerritory(t) {
			continue
		}
		msg := fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code (nor EU)", t)
		if t == "UK" {
			msg = fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB", t)
		}
		add([]string{"licence", "territory", strconv.Itoa(i)}, msg)
	}
	if len(problems) > 0 {
		return &ProfileError{Problems: problems}
	}
	return nil
}
