package extract

// ContentIsText reports whether a file's own bytes are the text to scan:
// plain text, Markdown, data files, subtitles, calendars, address cards
// and XML dialects, whose raw content the pipeline hands to the text
// detectors directly. HTML and XHTML are false: markup is not text, and
// the HTML extractor emits their visible text instead. Binary formats are
// false; their extractors emit whatever text they hold.
func ContentIsText(mediaType string) bool {
	switch mediaType {
	case "text/plain", "text/markdown", "text/csv", "text/tab-separated-values",
		"application/yaml", "application/json", "application/x-ndjson", "application/geo+json",
		"application/x-subrip", "text/vtt", "text/calendar", "text/vcard", "text/x-vcard",
		"text/xml", "application/xml", "application/rdf+xml", "application/gpx+xml",
		"application/vnd.google-earth.kml+xml", "text/x-tex", "text/troff",
		// Mail and source code: where addresses, numbers and keys are
		// pasted most.
		"message/rfc822", "application/javascript", "application/x-sh",
		"application/x-php", "application/x-python", "text/x-python", "text/x-php",
		"text/javascript", "text/x-shellscript", "text/x-c", "text/x-go", "text/x-java",
		"application/toml", "text/x-ini":
		return true
	}
	return false
}
