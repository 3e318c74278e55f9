package manifest

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrRemoteRoot is returned (wrapped) for a scan root that names remote
// storage consign cannot turn into fetchable URLs.
var ErrRemoteRoot = errors.New("unsupported remote root")

// RemoteBase returns the HTTPS URL prefix a plain HTTP client fetches the
// files under root from, or ok false when root is a local path. Object
// storage roots are written in their public HTTPS form, so that any BagIt
// tool can fetch a holey bag's fetch.txt without consign:
//
//	gs://BUCKET/PREFIX/  ->  https://storage.googleapis.com/BUCKET/PREFIX/
//	s3://BUCKET/PREFIX/  ->  https://BUCKET.s3.amazonaws.com/PREFIX/
//	http(s)://HOST/PREFIX/  unchanged
//
// The prefix always ends in "/": a root names a folder.
func RemoteBase(root string) (base string, ok bool, err error) {
	scheme, rest, found := strings.Cut(root, "://")
	if !found {
		return "", false, nil
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	if bucket == "" {
		return "", true, fmt.Errorf("%w: %q names no bucket or host", ErrRemoteRoot, root)
	}
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	switch strings.ToLower(scheme) {
	case "gs":
		return "https://storage.googleapis.com/" + url.PathEscape(bucket) + "/" + escapeSegments(prefix), true, nil
	case "s3":
		if strings.ContainsAny(bucket, ":@") {
			return "", true, fmt.Errorf("%w: %q is not an S3 bucket name", ErrRemoteRoot, bucket)
		}
		return "https://" + bucket + ".s3.amazonaws.com/" + escapeSegments(prefix), true, nil
	case "http", "https":
		u, err := url.Parse(root)
		if err != nil {
			return "", true, fmt.Errorf("%w: %v", ErrRemoteRoot, err)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return "", true, fmt.Errorf("%w: %q has a query or fragment, so file names cannot be appended to it", ErrRemoteRoot, root)
		}
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		return root, true, nil
	}
	return "", true, fmt.Errorf("%w: %q (consign lists gs://, s3://, http:// and https:// roots in fetch.txt)", ErrRemoteRoot, root)
}

// FetchURL is the URL of the file rel ("/"-separated, relative to the
// root) under base, a prefix RemoteBase returned: each path element is
// percent-encoded, so names with spaces, "%", "#" or "?" stay one file.
func FetchURL(base, rel string) string {
	return base + escapeSegments(rel)
}

func escapeSegments(p string) string {
	els := strings.Split(p, "/")
	for i, el := range els {
		els[i] = url.PathEscape(el)
	}
	return strings.Join(els, "/")
}
