package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/fetch"
	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/deck/deckfile"
	"github.com/recallcards/recall/storage"
)

// deckAddOptions are the flags of recall deck add.
type deckAddOptions struct {
	root    *rootOptions
	origin  string
	trust   string
	timeout time.Duration
}

func newDeckAddCmd(root *rootOptions) *cobra.Command {
	opts := &deckAddOptions{root: root}
	cmd := &cobra.Command{
		Use:   "add FILE|URL [--trust PUBKEY]",
		Short: "Add a shared deck from a deck file or an http(s) URL",
		Long: `Add the deck in a deck file ("recall deck pack" makes them), read from a
local FILE or an http(s) URL, and remember where it came from so that
"recall deck sync" can take its new versions.

With --trust PUBKEY (the publisher's "recall key new" output) the file must
be signed by that key, and so must every later version; anything else is
refused before a byte is written. Without --trust a signed file is still
checked against the key it names, but any key is accepted.

The file is untrusted: it is read with bounds (32 MiB, 50,000 cards, field
lengths, a timeout for URLs) and every field is checked. A refusal names the
file and the problem and changes nothing.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.origin = a[0]
			return runDeckAdd(opts)
		},
	}
	cmd.Flags().StringVar(&opts.trust, "trust", "", "publisher key every version must be signed with (ed25519:…)")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", fetch.DefaultTimeout, "give up on a URL after this long")
	return cmd
}

func runDeckAdd(opts *deckAddOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	pinned, err := parseTrust(opts.trust)
	if err != nil {
		return err
	}
	origin, err := deckOrigin(opts.origin)
	if err != nil {
		return err
	}
	// Read and check the file before the store is locked: a slow server
	// must not keep a review waiting.
	got, err := readDeckFile(origin, "", "", opts.timeout)
	if err != nil {
		return err
	}
	f := got.file
	pin, err := deckfile.CheckNew(pinned, f)
	if err != nil {
		return trustRefusal(err, f.Deck.Name, origin)
	}
	warnPlainHTTP(env.ErrOut, origin)
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	name := f.Deck.Name
	if sub, found, err := st.Subscription(name); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	} else if found {
		return fmt.Errorf("deck %q was already added from %s; recall deck sync %q takes its new versions",
			name, displayOrigin(sub.Origin), name)
	}
	if exists, have, err := deckExists(st, name); err != nil {
		return err
	} else if exists {
		return fmt.Errorf("a deck named %q is already in your store; rename yours first (recall deck rename %q NEW), or remove it (recall deck rm)", have, have)
	}
	sub := storage.Subscription{
		Deck: name, Origin: origin, Version: f.Deck.Version, Date: f.Deck.Date,
		Author: f.Deck.Author, Description: f.Deck.Description, Digest: f.Digest,
		ETag: got.result.ETag, LastModified: got.result.LastModified,
		PublisherKey: pin.Key, TrustedOnFirstUse: pin.OnFirstUse, Signer: signerOf(f),
		Added: now.UTC(), Synced: now.UTC(),
	}
	plan, err := st.InstallShared(sub, f.Deck.Cards, now)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	by := ""
	if f.Deck.Author != "" {
		by = " by " + f.Deck.Author
	}
	fmt.Fprintf(env.Out, "added deck %q version %d (%s)%s: %s, from %s\n", name, f.Deck.Version,
		f.Deck.Date, by, stats.CountOf(len(plan.Added)+len(plan.Updated)+len(plan.Unchanged)+len(plan.Relinked), "card"),
		displayOrigin(origin))
	_, err = fmt.Fprintln(env.Out, signatureNote(f, pinned))
	return err
}

// deckExists reports whether the store has a deck of that name, matched
// without regard to case, and its name as the store spells it.
func deckExists(st *storage.Store, name string) (bool, string, error) {
	rec, found, err := st.FindDeck(name)
	if err != nil {
		return false, "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return found, rec.Name, nil
}
