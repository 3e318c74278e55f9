// Package bagit writes and verifies BagIt bags (RFC 8493, BagIt 1.0): a
// payload directory with sha256 and sha512 manifests made from one read of
// each file, tag files covered by a tag manifest, and a verifier that checks
// any bag other tools made (md5, sha1, sha224, sha256, sha384, sha512
// manifests, versions 0.93 to 1.0) file by file, in parallel.
package bagit
