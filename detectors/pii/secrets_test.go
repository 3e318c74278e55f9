package pii

import (
	"strings"
	"testing"
)

// Fake credentials in the vendors' formats, assembled so that the source
// itself does not trip secret scanners.
var (
	fakeAWS     = "AKIA" + "IOSFODNN7EXAMPLE"
	fakeGitHub  = "ghp_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"
	fakeFineGH  = "github_pat_" + "11ABCDEFG0" + strings.Repeat("aB3_", 18)
	fakeSlack   = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
	fakeStripe  = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
	fakeGoogle  = "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"
	fakeOpenAI  = "sk-" + "proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34"
	fakeJWT     = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	fakeKeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
	fakeKey     = "-----BEGIN " + "PRIVATE KEY-----\n" + fakeKeyBody + "-----END PRIVATE KEY-----"
)

var secretCases = []detectorCase{
	{"aws key id", "aws_access_key_id = " + fakeAWS + "\n", []string{fakeAWS}},
	{"github classic", "token " + fakeGitHub + " end", []string{fakeGitHub}},
	{"github fine-grained", fakeFineGH, []string{fakeFineGH}},
	{"slack", "SLACK=" + fakeSlack, []string{fakeSlack}},
	{"stripe", "key: " + fakeStripe, []string{fakeStripe}},
	{"google", "maps?key=" + fakeGoogle + "&", []string{fakeGoogle}},
	{"openai", "OPENAI " + fakeOpenAI, []string{fakeOpenAI}},
	{"jwt", "Authorization: Bearer " + fakeJWT, []string{fakeJWT}},
	{"private key block", "key:\n" + fakeKey + "\nend", []string{fakeKey}},
	{"rsa key header only", "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIE", []string{"-----BEGIN RSA PRIVATE KEY-----"}},
	{"password assignment", `db_password: "Tr0ub4dor&3xyz"`, []string{"Tr0ub4dor&3xyz"}},
	{"env token", "API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0", []string{"9f8e7d6c5b4a39281706f5e4d3c2b1a0"}},
	{"go assignment", `secret := "q8Zr-2vLx!pW7"`, []string{"q8Zr-2vLx!pW7"}},
	{"public key", "-----BEGIN PUBLIC KEY-----\nMIIB", nil},
	{"aws too short", "AKIA" + "IOSFODNN7EXAMP", nil},
	{"github too short", "ghp_abc123", nil},
	{"jwt header not json", "eyJub3Rqc29u.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P", nil},
	{"prose about passwords", "Your password: choose it wisely.", nil},
	{"placeholder", "password = changeme123", nil},
	{"variable reference", "token: ${GITHUB_TOKEN}", nil},
	{"code reference", "password = request.form", nil},
	{"low entropy", "password: aaaaaaaa1", nil},
	{"no keyword", `name: "Tr0ub4dor&3xyz"`, nil},
	{"sk in a word", "task-list-item-number-one-two", nil},
	{"glued prefix", "xAKIA" + "IOSFODNN7EXAMPLE", nil},
	{"said in english", "the router password is Qz8!mW3#kT, change it", []string{"Qz8!mW3#kT"}},
	{"said with words between", "le mot de passe du compte c'est Vr4i!Secret7.", []string{"Vr4i!Secret7"}},
	{"said in german", "Das WLAN-Passwort lautet \"Hx7$pL2#nQ\"", []string{"Hx7$pL2#nQ"}},
	{"said in portuguese", "a senha é Ab9#zX4!qR", []string{"Ab9#zX4!qR"}},
	{"said but a word", "the password is stored in 1Password", nil},
	{"said but required", "a password is required to open it", nil},
	{"verb too far", "the password for the studio account that we share is Qz8!mW3#kT", nil},
	{"passwords plural", "passwords is Qz8!mW3#kT", nil},
	{"next line", "password is\nQz8!mW3#kT", nil},
}

func TestSecrets(t *testing.T) { runCases(t, &Secrets{}, secretCases) }

func TestSecretsCategory(t *testing.T) {
	ms := (&Secrets{}).Find(nil, []byte(fakeKey))
	if len(ms) != 1 || ms[0].Category != "secret" || ms[0].Severity != "high" || ms[0].Kind != "private_key" {
		t.Fatalf("got %+v", ms)
	}
	if strings.Contains(ms[0].Value, "\n") || strings.Contains(ms[0].Value, "BEGIN") {
		t.Errorf("a key's value is its body without spacing, got %q", ms[0].Value)
	}
}

func FuzzSecrets(f *testing.F) { fuzzDetector(f, &Secrets{}, secretCases) }
