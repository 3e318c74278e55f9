package manifest

import (
	"errors"
	"testing"
)

func TestRemoteBase(t *testing.T) {
	tests := []struct {
		name, root, base string
		remote           bool
		err              bool
	}{
		{name: "local absolute", root: "/home/ada/photos"},
		{name: "local relative", root: "photos"},
		{name: "gcs", root: "gs://bucket/photos/", base: "https://storage.googleapis.com/bucket/photos/", remote: true},
		{name: "gcs without slash", root: "gs://bucket/my photos", base: "https://storage.googleapis.com/bucket/my%20photos/", remote: true},
		{name: "gcs bucket only", root: "gs://bucket", base: "https://storage.googleapis.com/bucket/", remote: true},
		{name: "s3", root: "s3://bucket/x/", base: "https://bucket.s3.amazonaws.com/x/", remote: true},
		{name: "https", root: "https://cdn.example.org/cat", base: "https://cdn.example.org/cat/", remote: true},
		{name: "query", root: "https://cdn.example.org/cat?sig=1", remote: true, err: true},
		{name: "no bucket", root: "gs:///x", remote: true, err: true},
		{name: "unknown scheme", root: "ftp://host/x", remote: true, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, remote, err := RemoteBase(tt.root)
			if (err != nil) != tt.err || err != nil && !errors.Is(err, ErrRemoteRoot) {
				t.Fatalf("error %v, want error %v", err, tt.err)
			}
			if remote != tt.remote || base != tt.base {
				t.Fatalf("RemoteBase(%q) = %q, %v; want %q, %v", tt.root, base, remote, tt.base, tt.remote)
			}
		})
	}
}

func TestFetchURL(t *testing.T) {
	tests := []struct{ name, rel, want string }{
		{name: "plain", rel: "a/b.jpg", want: "https://h/p/a/b.jpg"},
		{name: "space and percent", rel: "my dir/100%.txt", want: "https://h/p/my%20dir/100%25.txt"},
		{name: "query characters", rel: "what?#.md", want: "https://h/p/what%3F%23.md"},
		{name: "unicode", rel: "café.txt", want: "https://h/p/caf%C3%A9.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FetchURL("https://h/p/", tt.rel); got != tt.want {
				t.Fatalf("FetchURL = %q, want %q", got, tt.want)
			}
		})
	}
}
