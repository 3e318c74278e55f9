// Package manifest writes what consign produces for others to read: scan
// reports in text, JSON and JSON Lines; the creator's content profile
// (consign.yaml), its template and its schema; and the bundle's metadata
// documents (croissant.json, content-profile.json, dps.json, the dataset
// card) with the JSON Schemas that verify checks them against.
package manifest
