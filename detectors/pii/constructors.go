package pii

import "github.com/consignhq/consign/detectors"

// IdentifierConstructors returns the constructors of the number and
// identifier detectors in this package, keyed by detector name, for the
// detector registry. region is an ISO 3166-1 alpha-2 code ("GB") or empty;
// only the phone detector uses it.
func IdentifierConstructors() map[string]func(region string) detectors.TextDetector {
	return map[string]func(string) detectors.TextDetector{
		PhoneName:        func(region string) detectors.TextDetector { return NewPhone(region) },
		SSNName:          func(string) detectors.TextDetector { return NewSSN() },
		NationalIDName:   func(string) detectors.TextDetector { return NewNationalID() },
		CryptoWalletName: func(string) detectors.TextDetector { return NewCryptoWallet() },
	}
}
