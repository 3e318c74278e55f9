package pii

import "testing"

// The addresses are the published examples of the Bitcoin wiki, BIP-173,
// BIP-350 and EIP-55.
func TestCryptoWallet(t *testing.T) {
	runSamples(t, NewCryptoWallet(), nil, []sample{
		{"p2pkh", "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 please", []string{"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"}},
		{"genesis", "(1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa)", []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}},
		{"p2sh", "multisig 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.", []string{"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}},
		{"bech32", "tips: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", []string{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}},
		{"bech32 upper", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", []string{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"}},
		{"bech32m taproot", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", []string{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"}},
		{"eip55", "ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", []string{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}},
		{"eip55 second", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", []string{"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"}},
		{"eth lower", "to 0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", []string{"0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"}},
		{"base58 bad checksum", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", nil},
		{"base58 bad char", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0", nil},
		{"v0 with bech32m", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", nil},
		{"v1 with bech32", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", nil},
		{"bech32 mixed case", "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", nil},
		{"eip55 wrong case", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", nil},
		{"tx hash", "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b", nil},
		{"not hex", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ", nil},
		{"in longer token", "x1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", nil},
		{"prose", "In 2021 we shipped 1200 units of model X3000 to 35 countries.", nil},
		{"sha1", "commit 3f786850e387550fdab836ed7e6dc881de23001b", nil},
	})
}
