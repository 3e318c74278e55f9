package pii

import "github.com/consignhq/consign/detectors"

// All lists the detectors of this package for detectors.NewRegistry.
func All() []detectors.Registration {
	return []detectors.Registration{
		{Name: CardName, New: NewCard, Tier: detectors.TierMinimal},
		{Name: EmailName, New: NewEmail, Tier: detectors.TierMinimal},
		{Name: IBANName, New: NewIBAN, Tier: detectors.TierMinimal},
		{Name: SSNName, New: func(detectors.Config) detectors.Detector { return NewSSN() }, Tier: detectors.TierMinimal},
		{Name: NationalIDName, New: func(detectors.Config) detectors.Detector { return NewNationalID() }, Tier: detectors.TierMinimal},
		{Name: PhoneName, New: func(c detectors.Config) detectors.Detector { return NewPhone(c.PhoneRegion) }, Tier: detectors.TierDefault},
		{Name: IPName, New: NewIP, Tier: detectors.TierDefault},
		{Name: SecretsName, New: NewSecrets, Tier: detectors.TierDefault},
		{Name: CryptoWalletName, New: func(detectors.Config) detectors.Detector { return NewCryptoWallet() }, Tier: detectors.TierDefault},
		{Name: NameName, New: NewName, Tier: detectors.TierDefault},
		{Name: HandleName, New: NewHandle, Tier: detectors.TierDefault},
		{Name: DOBName, New: NewDOB, Tier: detectors.TierDefault},
		{Name: AddressName, New: NewAddress, Tier: detectors.TierDefault},
		{Name: MACName, New: NewMAC, Tier: detectors.TierStrict},
		{Name: GPSName, New: NewGPS, Tier: detectors.TierMinimal},
		{Name: DeviceSerialName, New: NewDeviceSerial, Tier: detectors.TierDefault},
		{Name: OwnerName, New: NewOwner, Tier: detectors.TierDefault},
		{Name: AuthorName, New: NewAuthor, Tier: detectors.TierDefault},
		{Name: PeopleName, New: NewPeople, Tier: detectors.TierDefault},
		{Name: FilenameName, New: NewFilename, Tier: detectors.TierDefault},
	}
}
