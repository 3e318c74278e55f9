package bagit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/consignhq/consign/manifest/internal/display"
)

// FetchOptions tune Fetch.
type FetchOptions struct {
	// Jobs is how many files are downloaded at once; 0 means 4.
	Jobs int
	// Client makes the HTTP requests; nil means http.DefaultClient.
	Client *http.Client
}

// FetchReport is what Fetch did: the files it wrote into the payload, and
// one problem per entry it could not fetch.
type FetchReport struct {
	Fetched  int       `json:"fetched"`
	Bytes    int64     `json:"bytes"`
	Present  int       `json:"present"` // already in the bag, left alone
	Problems []Problem `json:"problems"`
}

// ErrFetchScheme is returned (wrapped) for a fetch.txt URL whose scheme
// Fetch does not download: only http, https and file are.
var ErrFetchScheme = errors.New("unsupported URL scheme")

// Fetch completes the holey bag at dir: it downloads every file fetch.txt
// lists that the payload does not hold yet into its place under data/,
// streaming each to a temporary file beside it, hashed as it arrives, that
// is renamed into place only when its length is the one fetch.txt gives
// and its checksums are the ones every payload manifest lists: a wrong
// file never lands in the bag (a file:// or internal URL in a hostile
// fetch.txt cannot copy anything into it). Verify checks the whole bag
// afterwards. The error is only for a bag whose fetch.txt cannot be read,
// or a cancelled ctx; every failed download is a problem in the report.
func Fetch(ctx context.Context, dir string, opts FetchOptions) (*FetchReport, error) {
	v := &verifier{dir: dir, report: &Report{Problems: []Problem{}}}
	raw, err := v.readFile("bagit.txt")
	if err != nil {
		return nil, fmt.Errorf("fetch into %s: bagit.txt: %w", display.Path(dir), err)
	}
	if v.decl, err = parseDeclaration(raw); err != nil {
		return nil, fmt.Errorf("fetch into %s: bagit.txt: %w", display.Path(dir), err)
	}
	if v.enc, err = tagEncoding(v.decl.Encoding); err != nil {
		return nil, fmt.Errorf("fetch into %s: bagit.txt: %w", display.Path(dir), err)
	}
	v.readFetch()
	all, err := v.listManifests()
	if err != nil {
		return nil, err
	}
	manifests := slices.Concat(v.readManifests(all, false), v.readManifests(all, true))
	rep := &FetchReport{Problems: v.report.Problems}
	if !rep.valid() {
		return rep, nil
	}
	f := &fetcher{dir: dir, client: opts.Client, rep: rep, sums: expectedSums(manifests, v.fetch), down: map[string]error{}, skipped: map[string]int{}}
	if f.client == nil {
		f.client = defaultClient()
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = 4
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, e := range sortedEntries(v.fetch) {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			f.fetch(gctx, e)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep.Problems = append(rep.Problems, f.skippedProblems()...)
	sortProblems(rep.Problems)
	return rep, nil
}

func (r *FetchReport) valid() bool { return len(r.Problems) == 0 }

type fetcher struct {
	dir    string
	client *http.Client
	sums   map[string][]check // by NFC path: what each fetched file must hash to
	mu     sync.Mutex
	rep    *FetchReport
	down   map[string]error // by urlHost: why a connection to it failed
	// skipped counts, by urlHost, the files not asked for because their
	// server was found down.
	skipped map[string]int
}

// skippedProblems says, for each server found down, how many more files
// on it were not asked for. They stay listed in fetch.txt and unfetched,
// which verify reports, so they are counted, not named one by one.
func (f *fetcher) skippedProblems() []Problem {
	var out []Problem
	for _, host := range slices.Sorted(maps.Keys(f.skipped)) {
		n := f.skipped[host]
		files := "1 more file"
		if n != 1 {
			files = strconv.Itoa(n) + " more files"
		}
		out = append(out, Problem{Message: fmt.Sprintf("%s: %s listed on it not tried: %v", host, files, f.down[host])})
	}
	return out
}

// unreachable is why host could not be connected to earlier in this run,
// or nil.
func (f *fetcher) unreachable(host string) error {
	if host == "" {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.down[host]
}

// defaultClient gives up on a server that accepts a connection but never
// answers; a body that stalls is stopped by cancelling the context. It is
// made when a bag first fetches, not at start-up.
var defaultClient = sync.OnceValue(func() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = time.Minute
	return &http.Client{Transport: t}
})

// expectedSums collects, for each fetch.txt entry, the checksum every
// payload manifest lists for it.
func expectedSums(manifests []*manifestFile, fetch map[string]FetchEntry) map[string][]check {
	out := map[string][]check{}
	for _, m := range manifests {
		if m.tag {
			continue
		}
		for _, e := range m.entries {
			key := nfc(e.path)
			if _, ok := fetch[key]; ok {
				out[key] = append(out[key], newCheck(m.src, e.sum))
			}
		}
	}
	return out
}

func (f *fetcher) problem(path string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rep.Problems = append(f.rep.Problems, Problem{Path: path, Message: err.Error()})
}

// fetch downloads one entry, unless the bag already holds its file.
func (f *fetcher) fetch(ctx context.Context, e FetchEntry) {
	v := &verifier{dir: f.dir}
	switch err := v.regular(e.Path); {
	case err == nil:
		f.mu.Lock()
		f.rep.Present++
		f.mu.Unlock()
		return
	case !errors.Is(err, errMissing):
		f.problem(e.Path, fmt.Errorf("cannot fetch into it: %w", err))
		return
	}
	if err := v.safeParents(e.Path); err != nil {
		f.problem(e.Path, fmt.Errorf("cannot fetch into it: %w", err))
		return
	}
	host := urlHost(e.URL)
	if f.unreachable(host) != nil {
		f.mu.Lock()
		f.skipped[host]++
		f.mu.Unlock()
		return
	}
	n, err := f.download(ctx, e)
	if err != nil {
		if ctx.Err() == nil {
			var ue *unreachableError
			if errors.As(err, &ue) && host != "" {
				f.mu.Lock()
				f.down[host] = err
				f.mu.Unlock()
			}
			f.problem(e.Path, fmt.Errorf("fetch %s: %w", e.URL, err))
		}
		return
	}
	f.mu.Lock()
	f.rep.Fetched++
	f.rep.Bytes += n
	f.mu.Unlock()
}

// download streams e's URL into a temporary file beside its place, checks
// its length, and renames it into place.
func (f *fetcher) download(ctx context.Context, e FetchEntry) (int64, error) {
	// The place is made first: a bag that cannot take the file asks
	// nothing of the server.
	target := filepath.Join(f.dir, filepath.FromSlash(e.Path))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return 0, fmt.Errorf("create directory: %w", unwrapPath(err))
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".consign-fetch-*")
	if err != nil {
		return 0, fmt.Errorf("create file: %w", unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	defer tmp.Close()           // a no-op once closed below
	body, err := f.open(ctx, e)
	if err != nil {
		return 0, err
	}
	defer body.Close()
	checks := f.sums[nfc(e.Path)]
	if len(checks) == 0 {
		return 0, errors.New("no payload manifest lists it, so nothing could check it")
	}
	var algs []string
	for _, c := range checks {
		if !slices.Contains(algs, c.src.alg) {
			algs = append(algs, c.src.alg)
		}
	}
	h := newMultiHash(algs)
	r := io.Reader(&ctxReader{ctx: ctx, r: body})
	if e.Length >= 0 {
		r = io.LimitReader(r, e.Length+1) // one byte more shows a file too long
	}
	n, err := io.CopyBuffer(io.MultiWriter(tmp, h), r, make([]byte, 256<<10))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("download: %w", unwrapPath(err))
	case e.Length >= 0 && n > e.Length:
		return 0, fmt.Errorf("longer than the %d bytes fetch.txt gives", e.Length)
	case e.Length >= 0 && n < e.Length:
		return 0, fmt.Errorf("got %d bytes, fetch.txt gives %d", n, e.Length)
	}
	got := h.sums()
	for _, c := range checks {
		if got[c.src.alg] != c.hex() {
			return 0, fmt.Errorf("%s checksum differs from %s (listed %s, fetched file has %s): not kept", c.src.alg, c.src.name, c.hex(), got[c.src.alg])
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return 0, fmt.Errorf("move into place: %w", unwrapPath(err))
	}
	return n, nil
}

// open starts reading e's URL: http and https with a GET that must answer
// 200, file with the local file it names.
func (f *fetcher) open(ctx context.Context, e FetchEntry) (io.ReadCloser, error) {
	u, err := url.Parse(e.URL)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.URL, nil)
		if err != nil {
			return nil, err
		}
		resp, err := f.client.Do(req)
		if err != nil {
			return nil, requestError(err)
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("server answered %s", resp.Status)
		}
		if e.Length >= 0 && resp.ContentLength >= 0 && resp.ContentLength != e.Length {
			resp.Body.Close()
			return nil, fmt.Errorf("server announces %d bytes, fetch.txt gives %d", resp.ContentLength, e.Length)
		}
		return resp.Body, nil
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("file URL on host %q: only local files can be fetched", u.Host)
		}
		file, err := os.Open(fileURLPath(u.Path))
		if err != nil {
			return nil, unwrapPath(err)
		}
		if info, err := file.Stat(); err != nil || !info.Mode().IsRegular() {
			file.Close()
			return nil, fmt.Errorf("%s is not a regular file", display.Path(u.Path))
		}
		return file, nil
	}
	return nil, fmt.Errorf("%w %q: consign fetches http, https and file URLs", ErrFetchScheme, u.Scheme)
}

// fileURLPath is the local path of a file URL's path: with the system's
// separators, and on Windows without the slash before the drive letter
// (file:///C:/photos/a.jpg names C:\photos\a.jpg).
func fileURLPath(p string) string {
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' &&
		('a' <= p[1] && p[1] <= 'z' || 'A' <= p[1] && p[1] <= 'Z') {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// safeParents checks that every directory on the way to rel that already
// exists is a real directory inside the bag, not a symbolic link that a
// download would follow out of it.
func (v *verifier) safeParents(rel string) error {
	p := v.dir
	els := strings.Split(rel, "/")
	for i, el := range els[:len(els)-1] {
		p = filepath.Join(p, el)
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return unwrapPath(err)
		}
		if !info.IsDir() || info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is not a directory of the bag", display.Path(strings.Join(els[:i+1], "/")))
		}
	}
	return nil
}

func sortedEntries(m map[string]FetchEntry) []FetchEntry {
	out := make([]FetchEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	sortFetch(out)
	return out
}
