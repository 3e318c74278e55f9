// Package htmlreport writes the content profile as one self-contained HTML
// page (consign report): the creator and the licence offer, the catalog as
// charts, a marketplace-readiness score, the redaction checklist, the terms
// to get in writing and the files to exclude. The page makes no requests:
// its CSS and SVG charts are inline, and it prints on A4.
package htmlreport
