package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/fetch"
	"github.com/recallcards/recall/deck"
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
	file   deck.SharedFile
	result fetch.Result // validators for the next sync; NotModified when nothing new
}

// readDeckFile reads the deck file at origin (conditionally, when etag or
// lastModified are known) and decodes and checks it. Nothing is written.
// Errors name the origin.
func readDeckFile(origin, etag, lastModified string, timeout time.Duration) (fetchedDeck, error) {
	res, err := fetch.Fetch(context.Background(), nil, fetch.Request{
		Origin: origin, ETag: etag, LastModified: lastModified,
		MaxBytes: deck.MaxSharedFileBytes, Timeout: timeout,
	})
	if err != nil {
		return fetchedDeck{}, err
	}
	if res.NotModified {
		return fetchedDeck{result: res}, nil
	}
	file, err := deck.DecodeShared(res.Data)
	if err != nil {
		return fetchedDeck{}, fmt.Errorf("deck file %s: %w", displayOrigin(origin), err)
	}
	return fetchedDeck{file: file, result: res}, nil
}

// checkTrust refuses a deck file that is not signed by the pinned key. With
// no key pinned every file passes (DecodeShared has already refused a
// signature that does not verify).
func checkTrust(f deck.SharedFile, pinned ed25519.PublicKey, origin string) error {
	if pinned == nil {
		return nil
	}
	if f.Signer == nil {
		return fmt.Errorf("deck file %s is not signed, but deck %q trusts only %s; refused",
			displayOrigin(origin), sanitize(f.Deck.Name), deck.FormatPublicKey(pinned))
	}
	if !bytes.Equal(f.Signer, pinned) {
		return fmt.Errorf("deck file %s is signed by %s, not by the trusted key %s; refused",
			displayOrigin(origin), deck.FormatPublicKey(f.Signer), deck.FormatPublicKey(pinned))
	}
	return nil
}

// signatureNote says in one line who signed a deck file and whether that
// was checked against a trusted key.
func signatureNote(f deck.SharedFile, pinned ed25519.PublicKey) string {
	switch {
	case f.Signer == nil:
		return "unsigned"
	case pinned != nil:
		return "signature verified: " + deck.FormatPublicKey(f.Signer)
	default:
		return "signed by " + deck.FormatPublicKey(f.Signer) + " (not a trusted key: add with --trust to have updates verified)"
	}
}

// parseTrust reads a --trust value; "" means none.
func parseTrust(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, nil
	}
	key, err := deck.ParsePublicKey(s)
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
	return fmt.Sprintf("%q", sanitize(origin))
}
