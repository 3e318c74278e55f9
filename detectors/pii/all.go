package pii

import "github.com/consignhq/consign/detectors"

// All lists the detectors of this package for detectors.NewRegistry.
func All() []detectors.Registration {
	return []detectors.Registration{
		{Name: CardName, New: NewCard, Tier: detectors.TierMinimal},
		{Name: EmailName, New: NewEmail, Tier: detectors.TierMinimal},
		{Name: IBANName, New: NewIBAN, Tier: detectors.TierMinimal},
		{Name: IPName, New: NewIP, Tier: detectors.TierDefault},
		{Name: SecretsName, New: NewSecrets, Tier: detectors.TierDefault},
		{Name: MACName, New: NewMAC, Tier: detectors.TierStrict},
	}
}
