package cli

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/fetch"
	"github.com/recallcards/recall/deck/deckfile"
	"github.com/recallcards/recall/storage"
)

// deckOrigin is where a shared deck comes from, as the store records it: an
// http(s) URL as given, or a file path made absolute so that sync works from
// any folder. Anything else with a scheme (ftp://…) is kept as given, for
// Fetch to refuse by name.
func deckOrigin(arg string) (string, error) {
	if !fetch.IsPath(arg) {
		return arg, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", fmt.Errorf("%s: %w", arg, err)
	}
	return abs, nil
}

// fetchedDeck is a deck file read from its origin and checked.
type fetchedDeck struct {
	file   deckfile.File
	result fetch.Result // validators for the next sync; NotModified when nothing new
}

// readDeckFile reads the deck file at origin (conditionally, when etag or
// lastModified are known) and decodes and checks it. Nothing is written.
// Errors name the origin.
func readDeckFile(origin, etag, lastModified string, timeout time.Duration) (fetchedDeck, error) {
	res, err := fetch.Fetch(context.Background(), nil, fetch.Request{
		Origin: origin, ETag: etag, LastModified: lastModified,
		MaxBytes: deckfile.MaxFileBytes, Timeout: timeout,
	})
	if err != nil {
		return fetchedDeck{}, err
	}
	if res.NotModified {
		return fetchedDeck{result: res}, nil
	}
	file, err := deckfile.Decode(res.Data)
	if err != nil {
		return fetchedDeck{}, fmt.Errorf("deck file %s: %w", displayOrigin(origin), err)
	}
	return fetchedDeck{file: file, result: res}, nil
}

// trustRefusal words a refusal by the trust-on-first-use policy
// (deckfile.CheckPin) of a deck file read for deck name from origin: it
// shows both keys and how to accept the new one. Any other error is
// returned as it is.
func trustRefusal(err error, name, origin string) error {
	var te *deckfile.TrustError
	if !errors.As(err, &te) {
		return err
	}
	if te.Signer == nil {
		return fmt.Errorf("deck file %s is not signed, but deck %q trusts only %s; refused (ask the publisher for a signed version)",
			displayOrigin(origin), name, deckfile.FormatPublicKey(te.Pinned))
	}
	return fmt.Errorf("deck file %s is signed by %s, not by the trusted key %s; refused. If the publisher really changed keys, accept the new one with: recall deck set-origin %q %s --trust %s",
		displayOrigin(origin), deckfile.FormatPublicKey(te.Signer), deckfile.FormatPublicKey(te.Pinned),
		name, displayOrigin(origin), deckfile.FormatPublicKey(te.Signer))
}

// installedOf is what the rules for a shared deck's next version
// (deckfile.CheckUpdate) need of its subscription.
func installedOf(sub storage.Subscription) deckfile.Installed {
	return deckfile.Installed{Name: sub.NameInFile(), Version: sub.Version, Digest: sub.Digest,
		Pin: deckfile.Pin{Key: sub.PublisherKey, OnFirstUse: sub.TrustedOnFirstUse}}
}

// signerOf is how a subscription records the key a deck file is signed
// with: "" when it is unsigned.
func signerOf(f deckfile.File) string {
	if f.Signer == nil {
		return ""
	}
	return deckfile.FormatPublicKey(f.Signer)
}

// signatureNote says in one line who signed a newly added deck file and
// what that means for its later versions, given the key the user trusted
// (nil if none).
func signatureNote(f deckfile.File, trusted ed25519.PublicKey) string {
	switch {
	case f.Signer == nil:
		return "unsigned (the first signed version will pin its publisher's key)"
	case trusted != nil:
		return "signature verified: " + deckfile.FormatPublicKey(f.Signer)
	default:
		return "signed by " + deckfile.FormatPublicKey(f.Signer) + ": key pinned on first use; later versions must be signed by it"
	}
}

// warnPlainHTTP warns, once, that an http:// origin can be changed by
// anyone between here and the server.
func warnPlainHTTP(w io.Writer, origin string) {
	if u, err := url.Parse(origin); err == nil && strings.EqualFold(u.Scheme, "http") {
		fmt.Fprintf(w, "recall: warning: %s is plain http: anyone on the way can change the deck; prefer https, or a signed deck\n", displayOrigin(origin))
	}
}

// parseTrust reads a --trust value; "" means none.
func parseTrust(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, nil
	}
	key, err := deckfile.ParsePublicKey(s)
	if err != nil {
		return nil, usagef("--trust: %v", err)
	}
	return key, nil
}

// displayOrigin quotes an origin for messages, without anything hostile in it.
// A URL's user:password part is left out.
func displayOrigin(origin string) string {
	if u, err := url.Parse(origin); err == nil && u.User != nil {
		u.User = nil
		origin = u.String()
	}
	return fmt.Sprintf("%q", origin)
}
