package rights

import "github.com/consignhq/consign/detectors"

// Prefix starts the name of every detector of this package.
const Prefix = "rights/"

// All lists the detectors of this package for detectors.NewRegistry.
func All() []detectors.Registration {
	return []detectors.Registration{
		{Name: C2PAName, New: NewC2PA, Tier: detectors.TierMinimal},
		{Name: CopyrightName, New: NewCopyright, Tier: detectors.TierDefault},
		{Name: MetadataName, New: NewMetadata, Tier: detectors.TierDefault},
		{Name: DataMiningName, New: NewDataMining, Tier: detectors.TierMinimal},
		{Name: EmbeddedName, New: NewEmbedded, Tier: detectors.TierDefault},
		{Name: LicenseName, New: NewLicense, Tier: detectors.TierDefault},
		{Name: MusicName, New: NewMusic, Tier: detectors.TierDefault},
		{Name: QuotationName, New: NewQuotation, Tier: detectors.TierDefault},
		{Name: StockName, New: NewStock, Tier: detectors.TierDefault},
		{Name: TDMRepName, New: NewTDMRep, Tier: detectors.TierMinimal},
		{Name: SyntheticName, New: NewSynthetic, Tier: detectors.TierMinimal},
	}
}
