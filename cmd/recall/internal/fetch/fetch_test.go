package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestIsURL sorts origins into http(s) URLs, local paths, and the rest,
// which Fetch refuses.
func TestIsURL(t *testing.T) {
	tests := []struct {
		origin string
		want   bool // an http(s) URL
		path   bool // read as a local file
	}{
		{"http://example.test/deck.md", true, false},
		{"https://example.test/deck.md", true, false},
		{"HTTPS://example.test/deck.md", true, false},
		{"https://user:pw@example.test/deck.md", true, false},
		{"http://", true, false}, // a URL, if a useless one: Fetch says it has no host
		{"ftp://example.test/deck.md", false, false},
		{"file:///etc/passwd", false, false},
		{"javascript:alert(1)", false, false},
		{"http:example.test/deck.md", false, false},
		{"http:/example.test/deck.md", false, false},
		{" https://example.test/deck.md", false, false},
		{"deck.md", false, true},
		{"./decks/deck.md", false, true},
		{"/home/me/deck.md", false, true},
		{`C:\decks\deck.md`, false, true},
		{"C:/decks/deck.md", false, true},
		{"", false, true},
	}
	for _, tt := range tests {
		if got := IsURL(tt.origin); got != tt.want {
			t.Errorf("IsURL(%q) = %v, want %v", tt.origin, got, tt.want)
		}
		if got := IsPath(tt.origin); got != tt.path {
			t.Errorf("IsPath(%q) = %v, want %v", tt.origin, got, tt.path)
		}
	}
}

func TestLooksLikeScheme(t *testing.T) {
	tests := []struct {
		origin string
		want   bool
	}{
		{"javascript:alert(1)", true},
		{"file:/etc/passwd", true},
		{"mailto:a@example.test", true},
		{"svn+ssh:x", true},
		{"http:example.test", true},
		{`C:\deck.md`, false},
		{"c:deck.md", false},
		{"./a:b.md", false},
		{"decks/a:b.md", false},
		{"1ab:c", false},
		{":x", false},
		{"deck.md", false},
	}
	for _, tt := range tests {
		if got := looksLikeScheme(tt.origin); got != tt.want {
			t.Errorf("looksLikeScheme(%q) = %v, want %v", tt.origin, got, tt.want)
		}
	}
}

// blocker lets handlers wait "forever" yet return when the test ends, so that
// httptest.Server.Close does not wait on them.
func blocker(t *testing.T) <-chan struct{} {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	return done
}

// newServer starts a loopback server that is closed when the test ends. It is
// registered before any blocker the test makes, so (cleanups running last
// first) the handlers are released before Close waits for them.
func newServer(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

const lastModified = "Wed, 21 Oct 2026 07:28:00 GMT"

func TestFetchURL(t *testing.T) {
	body := []byte("# Deck\n\n- front: back\n")
	tests := []struct {
		name    string
		handler func(done <-chan struct{}) http.HandlerFunc
		path    string  // appended to the server's URL
		req     Request // Origin is set from the server and path
		want    Result
		wantErr error    // errors.Is target, or nil
		errHas  []string // substrings of the error; "URL" stands for the server's URL
	}{
		{
			name: "200 records the validators",
			handler: func(<-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if ua := r.Header.Get("User-Agent"); ua != "recall-deck-sync" {
						http.Error(w, "bad user agent "+ua, http.StatusBadRequest)
						return
					}
					if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
						http.Error(w, "unexpected conditional request", http.StatusBadRequest)
						return
					}
					w.Header().Set("ETag", `"v1"`)
					w.Header().Set("Last-Modified", lastModified)
					w.Write(body)
				}
			},
			want: Result{Data: body, ETag: `"v1"`, LastModified: lastModified},
		},
		{
			name:    "conditional request answered 304",
			handler: conditional(body),
			req:     Request{ETag: `"v1"`, LastModified: lastModified},
			want:    Result{NotModified: true, ETag: `"v1"`, LastModified: lastModified},
		},
		{
			name:    "conditional request with only If-Modified-Since answered 304",
			handler: conditional(body),
			req:     Request{LastModified: lastModified},
			want:    Result{NotModified: true, ETag: `"v1"`, LastModified: lastModified},
		},
		{
			name:    "conditional request for an old version gets the new one",
			handler: conditional(body),
			req:     Request{ETag: `"v0"`},
			want:    Result{Data: body, ETag: `"v1"`, LastModified: lastModified},
		},
		{
			name: "304 to an unconditional request",
			handler: func(<-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) }
			},
			errHas: []string{"GET URL/deck.md", "304 Not Modified", "named no version"},
		},
		{
			name:    "404",
			handler: status(http.StatusNotFound),
			errHas:  []string{"GET URL/deck.md: server answered 404 Not Found"},
		},
		{
			name:    "500",
			handler: status(http.StatusInternalServerError),
			errHas:  []string{"GET URL/deck.md: server answered 500 Internal Server Error"},
		},
		{
			name:    "unknown status",
			handler: status(599),
			errHas:  []string{"server answered 599"},
		},
		{
			name:    "other 2xx is not a deck",
			handler: status(http.StatusNoContent),
			errHas:  []string{"server answered 204 No Content"},
		},
		{
			name: "exactly MaxBytes",
			handler: func(<-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("x"), 100)) }
			},
			req:  Request{MaxBytes: 100},
			want: Result{Data: bytes.Repeat([]byte("x"), 100)},
		},
		{
			name: "Content-Length over the limit is refused before reading",
			handler: func(done <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", "101")
					w.WriteHeader(http.StatusOK)
					w.(http.Flusher).Flush()
					// Send no body: a fetch that waited for it would time out instead.
					select {
					case <-done:
					case <-r.Context().Done():
					}
				}
			},
			req:     Request{MaxBytes: 100},
			wantErr: ErrTooLarge,
			errHas:  []string{"larger than the limit of 100 bytes", "Content-Length is 101"},
		},
		{
			name: "chunked body over the limit",
			handler: func(<-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					for range 101 {
						if _, err := w.Write([]byte("x")); err != nil {
							return
						}
						w.(http.Flusher).Flush() // no Content-Length: chunked
					}
				}
			},
			req:     Request{MaxBytes: 100},
			wantErr: ErrTooLarge,
			errHas:  []string{"GET URL/deck.md: larger than the limit of 100 bytes"},
		},
		{
			name: "headers too slow",
			handler: func(done <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-done:
					case <-r.Context().Done():
					}
				}
			},
			req:     Request{Timeout: 200 * time.Millisecond},
			wantErr: ErrTimeout,
			errHas:  []string{"GET URL/deck.md: timed out after 200ms"},
		},
		{
			name: "body stalls after the headers",
			handler: func(done <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Write([]byte("# Deck\n"))
					w.(http.Flusher).Flush()
					select {
					case <-done:
					case <-r.Context().Done():
					}
				}
			},
			req:     Request{Timeout: 200 * time.Millisecond},
			wantErr: ErrTimeout,
			errHas:  []string{"timed out after 200ms"},
		},
		{
			name:    "MaxRedirects redirects are followed",
			handler: redirectChain(MaxRedirects, body),
			path:    "/r/0",
			want:    Result{Data: body},
		},
		{
			name:    "MaxRedirects+1 redirects are refused",
			handler: redirectChain(MaxRedirects+1, body),
			path:    "/r/0",
			errHas:  []string{"GET URL/r/0: stopped after 5 redirects (the next was to URL/r/6)"},
		},
		{
			name:    "redirect to ftp",
			handler: redirectTo("ftp://files.example.test/deck.md"),
			errHas:  []string{"GET URL/deck.md: refused redirect to ftp://files.example.test/deck.md: only http and https"},
		},
		{
			name:    "redirect to javascript",
			handler: redirectTo("javascript:alert(1)"),
			errHas:  []string{"refused redirect to javascript:alert(1)"},
		},
		{
			name:    "redirect target's password is not shown",
			handler: redirectTo("ftp://bob:hunter2@files.example.test/deck.md"),
			errHas:  []string{"refused redirect to ftp://files.example.test/deck.md"},
		},
		{
			name:    "error after a redirect names both URLs",
			handler: redirectChain(1, nil),
			path:    "/r/0",
			errHas:  []string{"GET URL/r/0 (redirected to URL/r/1): server answered 404 Not Found"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, tt.handler(blocker(t)))
			req := tt.req
			path := tt.path
			if path == "" {
				path = "/deck.md"
			}
			req.Origin = srv.URL + path
			if req.MaxBytes == 0 {
				req.MaxBytes = 1 << 20
			}
			if req.Timeout == 0 {
				req.Timeout = 10 * time.Second
			}
			got, err := Fetch(context.Background(), srv.Client(), req)
			checkResult(t, got, err, tt.want, tt.wantErr, tt.errHas, srv.URL)
		})
	}
}

// checkResult compares a Fetch outcome with the wanted one; in errHas, "URL"
// stands for base.
func checkResult(t *testing.T, got Result, err error, want Result, wantErr error, errHas []string, base string) {
	t.Helper()
	if wantErr == nil && errHas == nil {
		if err != nil {
			t.Fatalf("Fetch: unexpected error %v", err)
		}
		if !bytes.Equal(got.Data, want.Data) || got.NotModified != want.NotModified ||
			got.ETag != want.ETag || got.LastModified != want.LastModified {
			t.Fatalf("Fetch = %+v\nwant    %+v", got, want)
		}
		if want.NotModified && got.Data != nil {
			t.Fatalf("NotModified with Data %q", got.Data)
		}
		return
	}
	if err == nil {
		t.Fatalf("Fetch = %+v, want an error", got)
	}
	if wantErr != nil && !errors.Is(err, wantErr) {
		t.Errorf("error %q does not wrap %q", err, wantErr)
	}
	for _, s := range errHas {
		s = strings.ReplaceAll(s, "URL", base)
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
	for _, secret := range []string{"hunter2", "bob:", "secret"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q shows the credential %q", err, secret)
		}
	}
	if got.Data != nil || got.NotModified {
		t.Errorf("Fetch returned %+v along with its error", got)
	}
}

// conditional serves body as version "v1", answering 304 to a request that
// already has it by either validator.
func conditional(body []byte) func(<-chan struct{}) http.HandlerFunc {
	return func(<-chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Last-Modified", lastModified)
			inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
			if inm == `"v1"` || inm == "" && ims == lastModified {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write(body)
		}
	}
}

func status(code int) func(<-chan struct{}) http.HandlerFunc {
	return func(<-chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
	}
}

func redirectTo(location string) func(<-chan struct{}) http.HandlerFunc {
	return func(<-chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", location)
			w.WriteHeader(http.StatusFound)
		}
	}
}

// redirectChain redirects /r/0 to /r/1 … to /r/n, which serves body (or 404
// when body is nil).
func redirectChain(n int, body []byte) func(<-chan struct{}) http.HandlerFunc {
	return func(<-chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
			switch {
			case err != nil:
				http.NotFound(w, r)
			case i < n:
				http.Redirect(w, r, fmt.Sprintf("/r/%d", i+1), http.StatusFound)
			case body == nil:
				http.NotFound(w, r)
			default:
				w.Write(body)
			}
		}
	}
}

// TestFetchOverridesClientPolicy checks that a caller's lax client still gets
// Fetch's redirect bound and timeout.
func TestFetchOverridesClientPolicy(t *testing.T) {
	srv := newServer(t, redirectChain(MaxRedirects+1, []byte("deck"))(nil))
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
	client.Timeout = time.Hour
	_, err := Fetch(context.Background(), client, Request{Origin: srv.URL + "/r/0", MaxBytes: 100})
	if err == nil || !strings.Contains(err.Error(), "stopped after 5 redirects") {
		t.Fatalf("Fetch through a client that follows everything: err = %v, want the redirect bound", err)
	}
	if client.CheckRedirect == nil || client.Timeout != time.Hour {
		t.Errorf("Fetch changed the caller's client")
	}
}

func TestFetchHTTPSDowngrade(t *testing.T) {
	plain := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("deck")) }))
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/same" {
			http.Redirect(w, r, "/deck.md", http.StatusFound)
			return
		}
		if r.URL.Path == "/down" {
			http.Redirect(w, r, plain.URL+"/deck.md", http.StatusFound)
			return
		}
		w.Write([]byte("secure deck"))
	}))
	t.Cleanup(tls.Close)

	got, err := Fetch(context.Background(), tls.Client(), Request{Origin: tls.URL + "/same", MaxBytes: 100})
	if err != nil || string(got.Data) != "secure deck" {
		t.Fatalf("https to https redirect: Fetch = %q, %v; want the deck", got.Data, err)
	}
	_, err = Fetch(context.Background(), tls.Client(), Request{Origin: tls.URL + "/down", MaxBytes: 100})
	want := fmt.Sprintf("GET %s/down: refused redirect from https to http (%s/down to %s/deck.md)", tls.URL, tls.URL, plain.URL)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("https to http redirect: err = %v, want %q", err, want)
	}
}

func TestFetchRedactsUserinfo(t *testing.T) {
	srv := newServer(t, status(http.StatusNotFound)(nil))
	origin := strings.Replace(srv.URL, "http://", "http://bob:hunter2@", 1) + "/deck.md"
	_, err := Fetch(context.Background(), srv.Client(), Request{Origin: origin, MaxBytes: 100})
	want := "GET " + srv.URL + "/deck.md: server answered 404 Not Found"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}

	// A connection failure goes through the client's *url.Error, which keeps
	// the username: it must not show either.
	addr := srv.Listener.Addr().String()
	srv.Close()
	_, err = Fetch(context.Background(), nil, Request{Origin: "http://bob:hunter2@" + addr + "/deck.md", MaxBytes: 100})
	if err == nil || strings.Contains(err.Error(), "bob") || strings.Contains(err.Error(), "hunter2") ||
		!strings.HasPrefix(err.Error(), "GET http://"+addr+"/deck.md: ") {
		t.Fatalf("err = %v, want a GET error naming http://%s/deck.md without credentials", err, addr)
	}
}

func TestFetchCallerCancel(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Fetch(ctx, srv.Client(), Request{Origin: srv.URL, MaxBytes: 100})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want context.Canceled and not ErrTimeout", err)
	}
}

// fakeTransport answers every request with its response, so tests can send
// what a real server library would not: a hostile reason phrase, bad
// validators.
type fakeTransport struct{ resp *http.Response }

func (f fakeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp := *f.resp
	resp.Request = r
	resp.Body = io.NopCloser(strings.NewReader("deck"))
	return &resp, nil
}

func TestFetchUntrustedHeaders(t *testing.T) {
	tests := []struct {
		name     string
		resp     http.Response
		req      Request
		want     Result
		wantErrs string
	}{
		{
			name:     "reason phrase is not echoed",
			resp:     http.Response{StatusCode: 404, Status: "404 \x1b]52;c;ZXZpbA==\x07Gone"},
			wantErrs: "GET https://deck.example.test/deck.md: server answered 404 Not Found",
		},
		{
			name: "validators with control bytes are dropped",
			resp: http.Response{StatusCode: 200, Header: http.Header{
				"Etag":          {"\"v1\x1b[2J\""},
				"Last-Modified": {lastModified + "\r\nX: y"},
			}},
			want: Result{Data: []byte("deck")},
		},
		{
			name: "an overlong ETag is dropped",
			resp: http.Response{StatusCode: 200, Header: http.Header{
				"Etag":          {`"` + strings.Repeat("a", maxValidatorLen) + `"`},
				"Last-Modified": {lastModified},
			}},
			want: Result{Data: []byte("deck"), LastModified: lastModified},
		},
		{
			name: "304 without validators keeps the request's",
			resp: http.Response{StatusCode: 304},
			req:  Request{ETag: `"v1"`, LastModified: lastModified},
			want: Result{NotModified: true, ETag: `"v1"`, LastModified: lastModified},
		},
		{
			name: "304 with a new ETag",
			resp: http.Response{StatusCode: 304, Header: http.Header{"Etag": {`"v2"`}}},
			req:  Request{ETag: `"v1"`, LastModified: lastModified},
			want: Result{NotModified: true, ETag: `"v2"`, LastModified: lastModified},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.resp.Header == nil {
				tt.resp.Header = http.Header{}
			}
			tt.resp.ContentLength = -1
			client := &http.Client{Transport: fakeTransport{&tt.resp}}
			req := tt.req
			req.Origin, req.MaxBytes = "https://deck.example.test/deck.md", 100
			got, err := Fetch(context.Background(), client, req)
			if tt.wantErrs != "" {
				if err == nil || err.Error() != tt.wantErrs {
					t.Fatalf("err = %q, want %q", err, tt.wantErrs)
				}
				return
			}
			checkResult(t, got, err, tt.want, nil, nil, "")
		})
	}
}

func TestFetchRefusesOtherOrigins(t *testing.T) {
	tests := []struct {
		origin string
		errHas string
	}{
		{"ftp://files.example.test/deck.md", `fetch "ftp://files.example.test/deck.md": only http(s) URLs and local files are supported`},
		{"ftp://bob:hunter2@files.example.test/deck.md", `fetch "ftp://files.example.test/deck.md": only http(s)`},
		{"file:///etc/passwd", "only http(s) URLs and local files are supported"},
		{"javascript:alert(1)", "only http(s) URLs and local files are supported (for a local file whose name has a colon, write ./javascript:alert(1))"},
		{"mailto:a@example.test", "only http(s) URLs and local files are supported"},
		{"http:deck.md", "only http(s) URLs and local files are supported"},
		{"https://", "GET https:: the URL has no host"},
		{"https://bob:hunter2@exa mple.test/", `GET "https://exa mple.test/": invalid URL: invalid character " " in host name`},
		{"https://deck.example.test/\x1b[2J", `invalid URL: net/url: invalid control character in URL`},
		{"https://bob:hunter2%zz@deck.example.test/", `GET "https://deck.example.test/": invalid URL: its user:password part is invalid`},
		{"https://bob:hunter2@deck.example.test/%zz", `GET "https://deck.example.test/%zz": invalid URL: invalid URL escape "%zz"`},
		{"", "fetch: no origin given"},
	}
	for _, tt := range tests {
		_, err := Fetch(context.Background(), nil, Request{Origin: tt.origin, MaxBytes: 100})
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("Fetch(%q): err = %v, want it to contain %q", tt.origin, err, tt.errHas)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") || strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("Fetch(%q): err = %q shows a credential or an escape byte", tt.origin, err)
		}
	}
	if _, err := Fetch(context.Background(), nil, Request{Origin: "deck.md"}); err == nil ||
		!strings.Contains(err.Error(), "MaxBytes is 0, want > 0") {
		t.Errorf("Fetch without MaxBytes: err = %v", err)
	}
}

func TestFetchFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	deck := []byte("# Deck\n\n- front: back\n")
	tests := []struct {
		name    string
		path    string
		max     int64
		want    []byte
		wantErr error
		errHas  string
	}{
		{name: "regular file", path: write("deck.md", deck), max: 100, want: deck},
		{name: "exactly MaxBytes", path: write("exact.md", deck), max: int64(len(deck)), want: deck},
		{name: "empty file", path: write("empty.md", nil), max: 100, want: []byte{}},
		{name: "missing", path: filepath.Join(dir, "missing.md"), max: 100, wantErr: fs.ErrNotExist,
			errHas: fmt.Sprintf("read %q: ", filepath.Join(dir, "missing.md"))},
		{name: "directory", path: dir, max: 100, errHas: fmt.Sprintf("read %q: is a directory, not a regular file", dir)},
		{name: "too large", path: write("big.md", deck), max: int64(len(deck)) - 1, wantErr: ErrTooLarge,
			errHas: fmt.Sprintf("larger than the limit of %d bytes (the file has %d)", len(deck)-1, len(deck))},
		{name: "name with control bytes is quoted", path: filepath.Join(dir, "\x1b[2J.md"), max: 100,
			wantErr: fs.ErrNotExist, errHas: `\x1b[2J.md": `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Fetch(context.Background(), nil, Request{Origin: tt.path, MaxBytes: tt.max})
			if tt.errHas == "" {
				if err != nil || !bytes.Equal(got.Data, tt.want) || got.ETag != "" || got.NotModified {
					t.Fatalf("Fetch = %+v, %v; want data %q", got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.errHas)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err %q does not wrap %v", err, tt.wantErr)
			}
			if strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("err %q has an escape byte", err)
			}
		})
	}
}

// TestFetchFileColonName reads a relative file whose name has a one-letter
// "scheme", which is a path (as a Windows drive is), and refuses the same
// file named with a longer one unless written as ./name.
func TestFetchFileColonName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("colons are not allowed in Windows file names")
	}
	t.Chdir(t.TempDir())
	for _, name := range []string{"c:deck.md", "my:deck.md"} {
		if err := os.WriteFile(name, []byte("deck"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := Fetch(context.Background(), nil, Request{Origin: "c:deck.md", MaxBytes: 10}); err != nil || string(got.Data) != "deck" {
		t.Errorf(`Fetch("c:deck.md") = %q, %v; want the file`, got.Data, err)
	}
	if _, err := Fetch(context.Background(), nil, Request{Origin: "my:deck.md", MaxBytes: 10}); err == nil {
		t.Errorf(`Fetch("my:deck.md") read the file; want it refused as a scheme`)
	}
	if got, err := Fetch(context.Background(), nil, Request{Origin: "./my:deck.md", MaxBytes: 10}); err != nil || string(got.Data) != "deck" {
		t.Errorf(`Fetch("./my:deck.md") = %q, %v; want the file`, got.Data, err)
	}
}

// TestFetchFileGrowsPastStat reads a file whose Stat size (0) says nothing
// of its contents, as if it had grown after the Stat: the limited read must
// still refuse it.
func TestFetchFileGrowsPastStat(t *testing.T) {
	const path = "/proc/self/status"
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != 0 {
		t.Skipf("no regular, zero-size %s here", path)
	}
	_, err = Fetch(context.Background(), nil, Request{Origin: path, MaxBytes: 10})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), `read "/proc/self/status": larger than the limit of 10 bytes`) {
		t.Fatalf("err = %v, want ErrTooLarge from the limited read", err)
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, ünïcode", "plain text, ünïcode"},
		{"a\x1b[2Jb", `a\x1b[2Jb`},
		{"tab\there", `tab\there`},
		{"bidi \u202e", `bidi \u202e`},
		{"bad \xff utf8", `bad \xff utf8`},
		{"c1 \u009b", `c1 \u009b`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactRaw(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://bob:pw@host/x", "https://host/x"},
		{"https://bob@host", "https://host"},
		{"https://a@b:pw@host?q=@x", "https://host?q=@x"},
		{"https://host/p@x", "https://host/p@x"},
		{"ftp://u:p@host#frag@", "ftp://host#frag@"},
		{"deck.md", "deck.md"},
		{"mailto:a@b", "mailto:a@b"},
	}
	for _, tt := range tests {
		if got := redactRaw(tt.in); got != tt.want {
			t.Errorf("redactRaw(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzRedact checks that no password survives redaction, whether the URL
// parses or not: an origin with user:password@ must give exactly the error
// the same origin without it gives, unless the userinfo itself is what
// url.Parse refuses (and then the message does not quote it).
func FuzzRedact(f *testing.F) {
	f.Add("hunter2", "host/deck.md")
	f.Add("p", "[::1]:80/x?y#z")
	f.Add("a:b", "h%zz/")
	f.Add("7", "\x7f")
	f.Add("%zz", "host")
	f.Fuzz(func(t *testing.T, secret, rest string) {
		if strings.ContainsAny(secret, "/?#@") {
			return // not part of the userinfo then
		}
		with, without := "https://user:"+secret+"@"+rest, "https://"+rest
		if a, b := redactRaw(with), redactRaw(without); a != b {
			t.Fatalf("redactRaw(%q) = %q, but without the userinfo %q", with, a, b)
		}
		client := &http.Client{Transport: fakeTransport{&http.Response{StatusCode: 500}}}
		_, errWith := Fetch(context.Background(), client, Request{Origin: with, MaxBytes: 10})
		_, errWithout := Fetch(context.Background(), client, Request{Origin: without, MaxBytes: 10})
		if errWith == nil || errWithout == nil {
			t.Fatalf("Fetch through a server answering 500 succeeded: %v, %v", errWith, errWithout)
		}
		if errWith.Error() != errWithout.Error() && !strings.HasSuffix(errWith.Error(), ": invalid URL: its user:password part is invalid") {
			t.Fatalf("Fetch(%q): err %q\nwithout the userinfo %q", with, errWith, errWithout)
		}
	})
}
