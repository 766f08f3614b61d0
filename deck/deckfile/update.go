package deckfile

import (
	"crypto/ed25519"
	"errors"
	"fmt"
)

// Pin is the publisher key a shared deck trusts, as a store records it.
type Pin struct {
	// Key is the key in the form FormatPublicKey writes; "" when none is
	// pinned yet.
	Key string
	// OnFirstUse is true when Key was taken from the first signed version
	// received, false when the user gave it (--trust).
	OnFirstUse bool
}

// Installed is what a store knows of the version of a shared deck it has:
// all that the rules for taking another version of it look at.
type Installed struct {
	Name    string // the deck's name in its deck file, which a store may show under another
	Version uint64
	Digest  string // File.Digest of the installed file
	Pin     Pin
}

// key returns the pinned key, nil if none.
func (in Installed) key() (ed25519.PublicKey, error) {
	if in.Pin.Key == "" {
		return nil, nil
	}
	k, err := ParsePublicKey(in.Pin.Key)
	if err != nil {
		return nil, fmt.Errorf("the trusted key recorded for the deck is unreadable: %w", err)
	}
	return k, nil
}

// Errors from CheckUpdate and CheckNewOrigin, inside an *UpdateError.
var (
	// ErrRenamed means the file holds a deck of another name than the
	// one installed from it.
	ErrRenamed = errors.New("deck file holds another deck")
	// ErrOlderVersion means the file's version is older than the one
	// installed.
	ErrOlderVersion = errors.New("older than the installed version")
	// ErrSameVersion means the file changed but kept the installed
	// version's number.
	ErrSameVersion = errors.New("changed without a new version number")
)

// UpdateError is a deck file refused as the next version of an installed
// deck: what the file says and what is installed.
type UpdateError struct {
	Err                       error // ErrRenamed, ErrOlderVersion or ErrSameVersion
	Name, InstalledName       string
	Version, InstalledVersion uint64
}

func (e *UpdateError) Error() string {
	switch e.Err {
	case ErrRenamed:
		return fmt.Sprintf("deck file holds deck %q, not %q", e.Name, e.InstalledName)
	case ErrOlderVersion:
		return fmt.Sprintf("deck file has version %d, older than the installed version %d", e.Version, e.InstalledVersion)
	case ErrSameVersion:
		return fmt.Sprintf("deck file changed but still says version %d; the publisher must pack it as a new version", e.Version)
	}
	return e.Err.Error()
}

// Unwrap returns ErrRenamed, ErrOlderVersion or ErrSameVersion.
func (e *UpdateError) Unwrap() error { return e.Err }

func refuse(err error, f File, in Installed) *UpdateError {
	return &UpdateError{Err: err, Name: f.Deck.Name, InstalledName: in.Name, Version: f.Deck.Version, InstalledVersion: in.Version}
}

// CheckNew decides whether f may be added as a new shared deck, trusting
// the key trusted (nil: any, see CheckPin), and returns the pin to record:
// trusted, or else the key f is signed with, pinned on first use.
func CheckNew(trusted ed25519.PublicKey, f File) (Pin, error) {
	key, err := CheckPin(trusted, f.Signer)
	if err != nil {
		return Pin{}, err
	}
	if key == nil {
		return Pin{}, nil
	}
	return Pin{Key: FormatPublicKey(key), OnFirstUse: trusted == nil}, nil
}

// Update is CheckUpdate's decision on a deck file that may be installed.
type Update struct {
	// Unchanged is true when the file is the one installed, byte for byte:
	// there is nothing to install.
	Unchanged bool
	// Pin is the pin to record from now on.
	Pin Pin
	// NewlyPinned is true when this file pinned the key it is signed with,
	// on first use.
	NewlyPinned bool
}

// CheckUpdate decides whether f may replace the installed version in of a
// shared deck. In order: f must pass the pinned key (CheckPin; a deck
// with none pins f's signer); hold the same deck; and, unless it is the
// installed file again (same digest), carry a newer version: an older
// one is refused unless allowDowngrade, and a changed file under the same
// version always is. Refusals are a *TrustError, an *UpdateError, or an
// error saying the recorded pin is unreadable.
func CheckUpdate(in Installed, f File, allowDowngrade bool) (Update, error) {
	pinned, err := in.key()
	if err != nil {
		return Update{}, err
	}
	key, err := CheckPin(pinned, f.Signer)
	if err != nil {
		return Update{}, err
	}
	switch {
	case f.Deck.Name != in.Name:
		return Update{}, refuse(ErrRenamed, f, in)
	case f.Digest == in.Digest:
		return Update{Unchanged: true, Pin: in.Pin}, nil
	case f.Deck.Version < in.Version && !allowDowngrade:
		return Update{}, refuse(ErrOlderVersion, f, in)
	case f.Deck.Version == in.Version:
		return Update{}, refuse(ErrSameVersion, f, in)
	}
	if pinned == nil && key != nil {
		return Update{Pin: Pin{Key: FormatPublicKey(key), OnFirstUse: true}, NewlyPinned: true}, nil
	}
	return Update{Pin: in.Pin}, nil
}

// CheckNewOrigin decides whether the deck installed as in may be synced
// from now on from the origin f was read from, and returns the pin to
// record. f must hold the same deck, and be signed by trusted if given
// (which then becomes the pin, given by the user), else by the key
// already pinned if any (which stays). Its version does not matter: the
// next sync takes the new origin's newer versions as usual. A key f is
// signed with is not pinned here; the next sync pins it.
func CheckNewOrigin(in Installed, trusted ed25519.PublicKey, f File) (Pin, error) {
	if f.Deck.Name != in.Name {
		return Pin{}, refuse(ErrRenamed, f, in)
	}
	pinned := trusted
	if pinned == nil {
		var err error
		if pinned, err = in.key(); err != nil {
			return Pin{}, err
		}
	}
	if _, err := CheckPin(pinned, f.Signer); err != nil {
		return Pin{}, err
	}
	if trusted != nil {
		return Pin{Key: FormatPublicKey(trusted)}, nil
	}
	return in.Pin, nil
}
