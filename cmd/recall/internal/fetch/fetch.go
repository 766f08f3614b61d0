// Package fetch reads a file from its origin, a local path or an http(s) URL, with the bounds an
// untrusted origin needs.
//
// A shared deck's origin is someone else's file or server, so nothing about it is trusted: its
// size is capped (by the declared length, the file size and again while reading, so a lying
// Content-Length, a chunked stream or a growing file cannot exceed the cap), a URL fetch has one
// deadline from connecting to the last byte (so a server that trickles its body is cut off),
// redirects are few and never leave http(s) or downgrade from https, and a local path must be a
// regular file (a FIFO or device could block us or never end).
//
// Error messages never carry raw bytes from the origin: paths are quoted, URLs are re-encoded with
// their user:password@ part removed, and statuses are rebuilt from the numeric code rather than
// the server's reason phrase, so an error printed to a terminal cannot smuggle escape sequences.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

// Request says what to read and how much to trust it.
type Request struct {
	Origin       string        // a file path, or an http:// or https:// URL
	ETag         string        // validator from the last fetch: sent as If-None-Match
	LastModified string        // from the last fetch: sent as If-Modified-Since
	MaxBytes     int64         // refuse anything larger (required, > 0)
	Timeout      time.Duration // for URLs: the whole request, connect to last byte (0 = DefaultTimeout)
}

// Result is what was read.
type Result struct {
	Data []byte
	// NotModified means the server answered 304: Data is nil, keep the installed version. ETag
	// and LastModified are then the validators to keep: the 304's own if it sent any, else the
	// request's.
	NotModified bool
	// ETag and LastModified are the validators to send next time ("" if the server gave none,
	// gave an unusable one, or the origin is a local file).
	ETag         string
	LastModified string
}

// DefaultTimeout bounds a URL fetch when Request.Timeout is zero: long enough for a slow link
// to deliver a deck file, short enough that a stalled server does not hang `recall deck sync`.
const DefaultTimeout = 30 * time.Second

// MaxRedirects is how many redirects a URL fetch follows; one more is refused. A deck host
// needs one or two (http→https, a moved file); a long chain is a misconfiguration or a trap.
const MaxRedirects = 5

// userAgent names us to the deck's server, so its operator can tell sync traffic apart.
const userAgent = "recall-deck-sync"

// maxValidatorLen bounds an ETag or Last-Modified we keep: they are stored and sent back, so a
// hostile server must not be able to make us store megabytes or send back control bytes.
const maxValidatorLen = 512

// ErrTooLarge is wrapped by the error Fetch returns when the origin is larger than
// Request.MaxBytes, so callers can errors.Is it.
var ErrTooLarge = errors.New("larger than the limit")

// ErrTimeout is wrapped by the error Fetch returns when a URL fetch did not finish within its
// timeout, so callers can errors.Is it.
var ErrTimeout = errors.New("timed out")

// errUnsupported is the reason for refusing any origin that is neither a local path nor an
// http(s) URL: file:, ftp:, javascript: and the like.
var errUnsupported = errors.New("only http(s) URLs and local files are supported")

// errDeadline is the cause our own timer sets, so a timeout of ours can be told apart from the
// caller's context being cancelled or running out.
var errDeadline = errors.New("fetch deadline")

// IsURL reports whether origin is an http(s) URL rather than a path. Any other "scheme:" form
// (ftp:, file:, javascript:…) is neither: Fetch refuses it with a clear error. Windows-like
// "C:\..." paths are paths: the rule is that an origin containing "://" is a URL only when its
// scheme is http or https (in any case).
func IsURL(origin string) bool {
	i := strings.Index(origin, "://")
	if i < 0 {
		return false
	}
	scheme := strings.ToLower(origin[:i])
	return scheme == "http" || scheme == "https"
}

// looksLikeScheme reports whether origin starts like a URL with a scheme of two or more
// characters ("ftp:", "javascript:", "file:"), which is refused rather than read as a relative
// path; a one-letter "scheme" is a Windows drive ("C:\deck.md"). A local file whose name has
// such a colon can still be read as "./name".
func looksLikeScheme(origin string) bool {
	i := strings.IndexByte(origin, ':')
	if i < 2 || !isLetter(origin[0]) {
		return false
	}
	for _, c := range []byte(origin[1:i]) {
		if !isLetter(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// IsPath reports whether Fetch reads origin as a local file: it is neither
// an http(s) URL nor anything with a scheme, which Fetch refuses.
func IsPath(origin string) bool {
	return !strings.Contains(origin, "://") && !looksLikeScheme(origin)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// Fetch reads req.Origin. client may be nil (a default client); tests pass httptest's.
// Whatever client is given, Fetch applies its own redirect policy (at most MaxRedirects, each hop
// http(s) only, never from https to http) and its timeout; the client's Transport and Jar are
// used as they are.
func Fetch(ctx context.Context, client *http.Client, req Request) (Result, error) {
	switch {
	case req.Origin == "":
		return Result{}, errors.New("fetch: no origin given")
	case req.MaxBytes <= 0:
		return Result{}, fmt.Errorf("fetch %q: MaxBytes is %d, want > 0", redactRaw(req.Origin), req.MaxBytes)
	case IsURL(req.Origin):
		return fetchURL(ctx, client, req)
	case strings.Contains(req.Origin, "://"):
		return Result{}, fmt.Errorf("fetch %q: %w", redactRaw(req.Origin), errUnsupported)
	case looksLikeScheme(req.Origin):
		return Result{}, fmt.Errorf("fetch %q: %w (for a local file whose name has a colon, write ./%s)",
			redactRaw(req.Origin), errUnsupported, escapeText(req.Origin))
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("read %q: %w", req.Origin, err)
	}
	return readFile(req.Origin, req.MaxBytes)
}

// readFile reads a local regular file of at most maxBytes.
func readFile(path string, maxBytes int64) (Result, error) {
	fail := func(err error) (Result, error) {
		return Result{}, fmt.Errorf("read %q: %w", path, err)
	}
	// O_NONBLOCK so that opening a FIFO with no writer returns at once instead of waiting for
	// one; the Stat below then refuses it. It changes nothing for a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail(unwrapPathError(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(unwrapPathError(err))
	}
	if !info.Mode().IsRegular() {
		return fail(fmt.Errorf("is %s, not a regular file", describeMode(info.Mode())))
	}
	if info.Size() > maxBytes {
		return fail(fmt.Errorf("%w of %d bytes (the file has %d)", ErrTooLarge, maxBytes, info.Size()))
	}
	// Read through a limit too: the file may grow after the Stat, and some files (in /proc, for
	// one) report a size of 0 whatever they hold.
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return fail(unwrapPathError(err))
	}
	if int64(len(data)) > maxBytes {
		return fail(fmt.Errorf("%w of %d bytes", ErrTooLarge, maxBytes))
	}
	return Result{Data: data}, nil
}

// unwrapPathError drops an *fs.PathError's "open PATH:" prefix, since our own message already
// names the path (quoted).
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// describeMode names the kind of a file that is not a regular file, for the refusal message.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "a special file"
	}
}

// fetchURL GETs an http(s) URL under one deadline covering the whole exchange.
func fetchURL(ctx context.Context, client *http.Client, req Request) (Result, error) {
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, errDeadline)
	defer cancel()

	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.Origin, nil)
	if err != nil {
		return Result{}, parseError(req.Origin)
	}
	shown := redactURL(hreq.URL)
	if hreq.URL.Host == "" {
		return Result{}, fmt.Errorf("GET %s: the URL has no host", shown)
	}
	hreq.Header.Set("User-Agent", userAgent)
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	c := http.Client{}
	if client != nil {
		c = *client
	}
	c.CheckRedirect = checkRedirect
	c.Timeout = 0 // ours, on the context, is the one deadline

	resp, err := c.Do(hreq)
	if err != nil {
		return Result{}, requestError(ctx, shown, timeout, err)
	}
	defer resp.Body.Close()
	if final := resp.Request.URL; final.String() != hreq.URL.String() {
		shown += " (redirected to " + redactURL(final) + ")"
	}

	switch resp.StatusCode {
	case http.StatusOK:
		if resp.ContentLength > req.MaxBytes {
			return Result{}, fmt.Errorf("GET %s: %w of %d bytes (Content-Length is %d)",
				shown, ErrTooLarge, req.MaxBytes, resp.ContentLength)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, req.MaxBytes+1))
		if err != nil {
			return Result{}, requestError(ctx, shown, timeout, err)
		}
		if int64(len(data)) > req.MaxBytes {
			return Result{}, fmt.Errorf("GET %s: %w of %d bytes", shown, ErrTooLarge, req.MaxBytes)
		}
		return Result{
			Data:         data,
			ETag:         validator(resp.Header.Get("ETag")),
			LastModified: validator(resp.Header.Get("Last-Modified")),
		}, nil
	case http.StatusNotModified:
		// A 304 to a request without validators says nothing about any version we hold.
		if req.ETag == "" && req.LastModified == "" {
			return Result{}, fmt.Errorf("GET %s: server answered 304 Not Modified to a request that named no version", shown)
		}
		res := Result{NotModified: true, ETag: req.ETag, LastModified: req.LastModified}
		if v := validator(resp.Header.Get("ETag")); v != "" {
			res.ETag = v
		}
		if v := validator(resp.Header.Get("Last-Modified")); v != "" {
			res.LastModified = v
		}
		return res, nil
	default:
		return Result{}, fmt.Errorf("GET %s: server answered %s", shown, statusText(resp.StatusCode))
	}
}

// parseError describes why origin is not a valid URL without showing its user:password part.
// url.Parse's error repeats the whole URL, and its reason can quote part of the password (an
// invalid %-escape in it), so the reason given is the one for the origin without that part; if
// that origin parses, the fault was in the part itself, which is then not quoted.
func parseError(origin string) error {
	shown := redactRaw(origin)
	_, err := url.Parse(shown)
	if err == nil {
		return fmt.Errorf("GET %q: invalid URL: its user:password part is invalid", shown)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("GET %q: invalid URL: %w", shown, safeError{err})
}

// requestError describes a failed exchange: our own deadline becomes ErrTimeout; anything else
// keeps its reason (the caller's cancellation stays errors.Is-able) without the *url.Error
// wrapper, whose URL would repeat the username.
func requestError(ctx context.Context, shown string, timeout time.Duration, err error) error {
	if errors.Is(context.Cause(ctx), errDeadline) {
		return fmt.Errorf("GET %s: %w after %v", shown, ErrTimeout, timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("GET %s: %w", shown, safeError{err})
}

// checkRedirect is the redirect policy Fetch imposes on any client: at most MaxRedirects hops,
// each to http or https, and never from https to http, which would let anyone on the path
// replace the deck.
func checkRedirect(next *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("stopped after %d redirects (the next was to %s)", MaxRedirects, redactURL(next.URL))
	}
	if s := next.URL.Scheme; s != "http" && s != "https" {
		return fmt.Errorf("refused redirect to %s: only http and https are followed", redactURL(next.URL))
	}
	if prev := via[len(via)-1].URL; prev.Scheme == "https" && next.URL.Scheme == "http" {
		return fmt.Errorf("refused redirect from https to http (%s to %s)", redactURL(prev), redactURL(next.URL))
	}
	return nil
}

// statusText names a status from its code alone: the reason phrase the server sent is
// untrusted text and might carry escape sequences.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// validator returns v if it is fit to store and send back as If-None-Match or
// If-Modified-Since: short and printable ASCII. Anything else is dropped, which only costs a
// full download next time.
func validator(v string) string {
	if len(v) > maxValidatorLen {
		return ""
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return ""
		}
	}
	return v
}

// redactURL prints u without its user:password@ part, so a credential in a deck's URL never
// reaches an error message or a log.
func redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// redactRaw removes the user:password@ part from an origin that may not parse as a URL: the
// authority after "://" ends at the first "/", "?" or "#", and its userinfo ends at its last
// "@" (as url.Parse splits them).
func redactRaw(s string) string {
	i := strings.Index(s, "://")
	if i < 0 {
		return s
	}
	rest := s[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndexByte(rest[:end], '@'); at >= 0 {
		return s[:i+3] + rest[at+1:]
	}
	return s
}

// safeError keeps an error's chain but escapes non-printable characters in its text: transport
// and TLS errors can quote what the server sent (a certificate's names, for one), and the CLI
// prints errors to a terminal as they are.
type safeError struct{ err error }

func (e safeError) Error() string { return escapeText(e.err.Error()) }
func (e safeError) Unwrap() error { return e.err }

// escapeText replaces every non-printable rune (controls, bidi overrides, invalid UTF-8) with
// its Go escape, leaving ordinary text unchanged.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == ' ' || unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
