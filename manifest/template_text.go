package manifest

// profileTemplateText is the consign.yaml that `consign init` writes. Each
// section says what it is for and, for the licence, what creators are
// advised to get in writing. docs/consign-yaml.md documents every key.
const profileTemplateText = `# consign.yaml: the content profile of this folder.
#
# consign scan reads it to recognise your own names and addresses, and
# consign pack copies it into the bundle a buyer receives: the catalog
# description, the licence offer, the consent records and the redaction
# policy. Every key is documented in docs/consign-yaml.md; the file is
# checked against its JSON Schema (docs/schema/consign.schema.json), and a
# misspelt key is an error, not silently ignored.
version: 1

# Who you are. Your names, handles, emails, phone numbers and domains are
# reported as "self" when they appear in your files, not as someone else's
# personal data. emails and phones here are only used for that matching;
# they are not published. contact is what buyers see.
creator:
{{- if .Name}}
  name: {{q .Name}}
{{- else}}
  # name: "Your Name"
{{- end}}
  aliases: []      # pen names, stage names
  handles: []      # social handles, "@you"
  emails: {{if .Email}}[{{q .Email}}]{{else}}[]{{end}}
  phones: []       # any notation; compared by their digits
{{- if .Organisation}}
  organisation: {{q .Organisation}}
{{- else}}
  # organisation: "Your Studio Ltd"
{{- end}}
  domains: []      # your own web domains, "example.com"
{{- if .Email}}
  contact:   # where buyers write about the licence
    email: {{q .Email}}
    # url: "https://example.com/licensing"
{{- else}}
  # contact:   # where buyers write about the licence
  #   email: "licensing@example.com"
  #   url: "https://example.com/licensing"
{{- end}}

# The collection as a dataset. external_identifier stays the same for every
# bundle of this catalog, so buyers can tell a new edition from a new
# catalog: keep it.
catalog:
{{- if .Title}}
  title: {{q .Title}}
{{- else}}
  # title: "Street photography, Lisbon 2018-2023"
{{- end}}
{{- if .Description}}
  description: {{q .Description}}
{{- else}}
  # description: "What the collection shows, how and why it was made."
{{- end}}
  keywords: {{list .Keywords}}
  external_identifier: {{q .ExternalIdentifier}}
  version: "1.0.0"
  origin_geography: []   # where the content was made: ISO 3166-1 codes, "PT"
  # url: "https://example.com/catalog"

# The licence offer: what a buyer may do with your work, and what they owe
# you. Creators are advised to get every one of these terms in writing in
# the signed agreement, not only in this file: permitted uses and model
# types, commercial scope, exclusivity, territory, term and renewal, how
# you can revoke, compensation, reporting and audits, attribution,
# sublicensing and assignment, privacy duties and breach notice, and what
# happens to copies and trained models when the licence ends. The values
# below are cautious starting points: read each one.
licence:
  # id: "LicenseRef-my-agreement"   # SPDX id or LicenseRef- of the agreement
{{- if .LicenseURL}}
  url: {{q .LicenseURL}}
{{- else}}
  # url: "https://example.com/licence.pdf"   # its full text
{{- end}}
  # Permitted uses: training, fine_tuning, embeddings, retrieval,
  # inference, evaluation. With none, the bundle offers no use at all.
  uses: {{list .Uses}}
  model_types: ["any"]   # or language, image, audio, speech, video, multimodal, embedding, classification
  commercial: {{.Commercial}}      # false: research and non-commercial use only
  exclusivity: {{if .Exclusive}}exclusive{{else}}non_exclusive{{end}}   # exclusive means you may not license it to anyone else
  territory: {{list .Territory}}   # or ISO 3166-1 codes: ["US", "GB"]
  term:
    months: {{.TermMonths}}
    renewal: by_agreement   # none, automatic or by_agreement
    # renewal_months: 12
  revocation_notice_days: 90   # notice you give to end the licence early
  # Compensation: any mix of a one-time fee, a share of revenue, a
  # minimum guarantee and a per-use rate, in one currency (ISO 4217).
  compensation:
    currency: {{q .Currency}}
{{- if .Fee}}
    one_time_fee: {{num .Fee}}
{{- else}}
    # one_time_fee: 5000
{{- end}}
{{- if .RevenueSharePercent}}
    revenue_share_percent: {{num .RevenueSharePercent}}
{{- else}}
    # revenue_share_percent: 10
{{- end}}
    # minimum_guarantee: 1000
    # per_use_rate: 0.01
    # per_use_unit: "1000 generations"
  # How often the buyer reports use of your work, and whether you may
  # audit those reports.
  reporting:
    cadence: quarterly   # none, monthly, quarterly, semiannual, annual
    audit_rights: true
    audit_notice_days: 30
  attribution:
{{- if .Attribution}}
    required: true
    text: {{q .Attribution}}
{{- else}}
    required: false
    # text: "Photographs by Your Name"
{{- end}}
  sublicensing: prohibited   # prohibited, with_consent or allowed
  assignment: with_consent   # may the buyer transfer the licence?
  # What the buyer owes the people who appear in your work.
  privacy:
    obligations:
      - "no attempt to identify the people shown or named"
      - "no use of the content to profile individuals"
    breach_notice_hours: 72
  # When the licence ends or consent is withdrawn: delete copies, and
  # stop using models trained on them (none, stop_distribution,
  # filter_outputs, retrain), and certify it in writing.
  deletion:
    on_termination: true
    within_days: 30
    model_remediation: stop_distribution
    certify: true

# Releases from the people in your work: who agreed, to what, for which
# files (globs), where the signed document is (a path in this folder or a
# reference), and when. Keep the signed releases: buyers will ask.
consent: []
#  - who: "Jane Doe"
#    what: "model release including AI training"
#    files: ["portraits/jane/**"]
#    reference: "releases/jane-doe-2023.pdf"
#    date: 2023-05-01

# What the content earns and reaches today: the baseline a buyer's offer
# is weighed against. Shared with the buyer in the bundle.
monetization:
  currency: {{q .Currency}}
  # as_of: 2025-01-01
  # annual_revenue: 12000
  channels: []   # stock agencies, prints, commissions, subscriptions
  audience: []
#    - platform: "instagram"
#      followers: 12000
#      monthly_views: 80000

# What consign pack does with each kind of finding: mask (replace the
# text), remove (strip the metadata field), exclude (leave the file out),
# keep (ship as is), review (you decide finding by finding; pack refuses
# while high-severity findings are open). default applies to every kind
# not named.
redaction:
  default: review
  gps: remove
  device_serial: remove
  owner_name: remove
  email: mask
  phone: mask
  social_handle: mask
  card: mask
  iban: mask
  ssn: mask
  password: mask
  private_key: exclude
  person_name: review

# Globs (gitignore style) that scan and pack leave out.
exclude: []

# Detectors to run (names or presets minimal, default, strict); empty:
# the default preset.
detectors: []

# Region assumed for phone numbers written without a country code.
# phone_region: "GB"

# Languages to choose from when detecting them (ISO 639-1); empty: all.
languages: []
`
