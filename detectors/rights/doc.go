// Package rights finds what a creator may not be able to sell as training
// data: copyright notices and licences, stock and agency material, other
// artists' work, embedded and quoted material, and "no AI training" marks
// (IPTC data mining, TDMRep, C2PA). An Assessor turns a file's findings
// into the rights object of its record, with an owner verdict.
package rights
