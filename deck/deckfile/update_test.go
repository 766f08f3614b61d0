package deckfile_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck/deckfile"
)

// Keys for the policy tests: a publisher's and a stranger's.
var (
	keyA  = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	keyB  = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	textA = deckfile.FormatPublicKey(keyA)
	textB = deckfile.FormatPublicKey(keyB)
)

// file is a decoded deck file as far as the policy looks at it.
func file(name string, version uint64, digest string, signer ed25519.PublicKey) deckfile.File {
	return deckfile.File{Deck: deckfile.Deck{Name: name, Version: version}, Signer: signer, Digest: digest}
}

// installed is version 3 of deck "Trust", file digest "d3", with pin.
func installed(pin deckfile.Pin) deckfile.Installed {
	return deckfile.Installed{Name: "Trust", Version: 3, Digest: "d3", Pin: pin}
}

// checkRefusal checks err against the refusal a test wants: nil, a
// sentinel (ErrOtherKey, ErrRenamed, …), or errUnreadablePin.
func checkRefusal(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("refused: %v", err)
	case want == nil:
	case want == errUnreadablePin:
		if err == nil || !strings.Contains(err.Error(), "recorded for the deck is unreadable") {
			t.Fatalf("err = %v, want the recorded key reported unreadable", err)
		}
	case !errors.Is(err, want):
		t.Fatalf("err = %v, want %v", err, want)
	}
}

var errUnreadablePin = errors.New("unreadable pin")

func TestCheckNew(t *testing.T) {
	tests := []struct {
		name    string
		trusted ed25519.PublicKey
		signer  ed25519.PublicKey
		want    deckfile.Pin
		wantErr error
	}{
		{"unsigned, no key given: nothing pinned", nil, nil, deckfile.Pin{}, nil},
		{"signed, no key given: pinned on first use", nil, keyA, deckfile.Pin{Key: textA, OnFirstUse: true}, nil},
		{"signed by the key given: pinned as given", keyA, keyA, deckfile.Pin{Key: textA}, nil},
		{"signed by another key than given: refused", keyA, keyB, deckfile.Pin{}, deckfile.ErrOtherKey},
		{"unsigned but a key given: refused", keyA, nil, deckfile.Pin{}, deckfile.ErrUnsigned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pin, err := deckfile.CheckNew(tt.trusted, file("Trust", 1, "d1", tt.signer))
			checkRefusal(t, err, tt.wantErr)
			if pin != tt.want {
				t.Errorf("pin = %+v, want %+v", pin, tt.want)
			}
		})
	}
}

func TestCheckUpdate(t *testing.T) {
	givenA := deckfile.Pin{Key: textA}
	firstUseA := deckfile.Pin{Key: textA, OnFirstUse: true}
	tests := []struct {
		name      string
		pin       deckfile.Pin // installed
		file      deckfile.File
		downgrade bool
		want      deckfile.Update
		wantErr   error
	}{
		{"newer, unsigned, nothing pinned: installed", deckfile.Pin{}, file("Trust", 4, "d4", nil), false,
			deckfile.Update{}, nil},
		{"newer, first signed version: its key is pinned", deckfile.Pin{}, file("Trust", 4, "d4", keyA), false,
			deckfile.Update{Pin: firstUseA, NewlyPinned: true}, nil},
		{"newer, signed by the given key: pin kept as given", givenA, file("Trust", 4, "d4", keyA), false,
			deckfile.Update{Pin: givenA}, nil},
		{"newer, signed by the key pinned on first use: pin kept", firstUseA, file("Trust", 4, "d4", keyA), false,
			deckfile.Update{Pin: firstUseA}, nil},
		{"signed by another key: refused", givenA, file("Trust", 4, "d4", keyB), false,
			deckfile.Update{}, deckfile.ErrOtherKey},
		{"unsigned after a pin: refused", firstUseA, file("Trust", 4, "d4", nil), false,
			deckfile.Update{}, deckfile.ErrUnsigned},
		{"the installed file again: unchanged", givenA, file("Trust", 3, "d3", keyA), false,
			deckfile.Update{Unchanged: true, Pin: givenA}, nil},
		{"the installed file, now signed by another key: the key is checked first", givenA, file("Trust", 3, "d3", keyB), false,
			deckfile.Update{}, deckfile.ErrOtherKey},
		{"unchanged, unsigned: nothing pinned", deckfile.Pin{}, file("Trust", 3, "d3", nil), false,
			deckfile.Update{Unchanged: true}, nil},
		{"another deck: refused", deckfile.Pin{}, file("Feedback", 4, "d4", nil), false,
			deckfile.Update{}, deckfile.ErrRenamed},
		{"another deck, older: refused as another deck", deckfile.Pin{}, file("Feedback", 2, "d2", nil), false,
			deckfile.Update{}, deckfile.ErrRenamed},
		{"name differs in case only: another deck", deckfile.Pin{}, file("trust", 4, "d4", nil), false,
			deckfile.Update{}, deckfile.ErrRenamed},
		{"older version: refused", deckfile.Pin{}, file("Trust", 2, "d2", nil), false,
			deckfile.Update{}, deckfile.ErrOlderVersion},
		{"older version with allowDowngrade: installed", givenA, file("Trust", 2, "d2", keyA), true,
			deckfile.Update{Pin: givenA}, nil},
		{"changed under the same version: refused", deckfile.Pin{}, file("Trust", 3, "d3b", nil), false,
			deckfile.Update{}, deckfile.ErrSameVersion},
		{"changed under the same version, allowDowngrade: still refused", deckfile.Pin{}, file("Trust", 3, "d3b", nil), true,
			deckfile.Update{}, deckfile.ErrSameVersion},
		{"recorded key unreadable: refused", deckfile.Pin{Key: "ed25519:short"}, file("Trust", 4, "d4", keyA), false,
			deckfile.Update{}, errUnreadablePin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := deckfile.CheckUpdate(installed(tt.pin), tt.file, tt.downgrade)
			checkRefusal(t, err, tt.wantErr)
			if u != tt.want {
				t.Errorf("update = %+v, want %+v", u, tt.want)
			}
		})
	}
}

// TestUpdateErrorSays checks that a refused update carries what the file
// and the store say, for a front end's message, and says it itself.
func TestUpdateErrorSays(t *testing.T) {
	tests := []struct {
		file deckfile.File
		want deckfile.UpdateError
		text string
	}{
		{file("Feedback", 4, "d4", nil),
			deckfile.UpdateError{Err: deckfile.ErrRenamed, Name: "Feedback", InstalledName: "Trust", Version: 4, InstalledVersion: 3},
			`deck file holds deck "Feedback", not "Trust"`},
		{file("Trust", 2, "d2", nil),
			deckfile.UpdateError{Err: deckfile.ErrOlderVersion, Name: "Trust", InstalledName: "Trust", Version: 2, InstalledVersion: 3},
			"deck file has version 2, older than the installed version 3"},
		{file("Trust", 3, "d3b", nil),
			deckfile.UpdateError{Err: deckfile.ErrSameVersion, Name: "Trust", InstalledName: "Trust", Version: 3, InstalledVersion: 3},
			"deck file changed but still says version 3; the publisher must pack it as a new version"},
	}
	for _, tt := range tests {
		_, err := deckfile.CheckUpdate(installed(deckfile.Pin{}), tt.file, false)
		var ue *deckfile.UpdateError
		if !errors.As(err, &ue) {
			t.Fatalf("%s: err = %v, want an *UpdateError", tt.text, err)
		}
		if *ue != tt.want {
			t.Errorf("error = %+v, want %+v", *ue, tt.want)
		}
		if err.Error() != tt.text {
			t.Errorf("error says %q, want %q", err, tt.text)
		}
	}
}

func TestCheckNewOrigin(t *testing.T) {
	firstUseA := deckfile.Pin{Key: textA, OnFirstUse: true}
	unreadable := deckfile.Pin{Key: "ed25519:short"}
	tests := []struct {
		name    string
		pin     deckfile.Pin // installed
		trusted ed25519.PublicKey
		file    deckfile.File
		want    deckfile.Pin
		wantErr error
	}{
		{"same deck, signed by the pinned key: pin kept", firstUseA, nil, file("Trust", 3, "d3", keyA), firstUseA, nil},
		{"any version will do", firstUseA, nil, file("Trust", 1, "d1", keyA), firstUseA, nil},
		{"signed by another key: refused", firstUseA, nil, file("Trust", 4, "d4", keyB), deckfile.Pin{}, deckfile.ErrOtherKey},
		{"unsigned after a pin: refused", firstUseA, nil, file("Trust", 4, "d4", nil), deckfile.Pin{}, deckfile.ErrUnsigned},
		{"the new key given: it becomes the pin, as given", firstUseA, keyB, file("Trust", 4, "d4", keyB), deckfile.Pin{Key: textB}, nil},
		{"a key given, the file signed by the old one: refused", firstUseA, keyB, file("Trust", 4, "d4", keyA), deckfile.Pin{}, deckfile.ErrOtherKey},
		{"a key given replaces an unreadable one", unreadable, keyB, file("Trust", 4, "d4", keyB), deckfile.Pin{Key: textB}, nil},
		{"no key given, the recorded one unreadable: refused", unreadable, nil, file("Trust", 4, "d4", keyB), deckfile.Pin{}, errUnreadablePin},
		{"nothing pinned, a signed file: not pinned here", deckfile.Pin{}, nil, file("Trust", 4, "d4", keyA), deckfile.Pin{}, nil},
		{"another deck: refused before any key is read", unreadable, nil, file("Feedback", 4, "d4", keyA), deckfile.Pin{}, deckfile.ErrRenamed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pin, err := deckfile.CheckNewOrigin(installed(tt.pin), tt.trusted, tt.file)
			checkRefusal(t, err, tt.wantErr)
			if pin != tt.want {
				t.Errorf("pin = %+v, want %+v", pin, tt.want)
			}
		})
	}
}
