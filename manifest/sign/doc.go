// Package sign makes and checks the bundle's provenance: ed25519 key pairs
// kept in the user's configuration directory, and a DSSE envelope over an
// in-toto Statement v1 whose subject is the bag's tagmanifest-sha256.txt and
// whose predicate is SLSA v1 provenance (who built the bag, with which
// consign and parameters, and when).
package sign
