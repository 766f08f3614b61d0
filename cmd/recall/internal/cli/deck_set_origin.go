package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/fetch"
	"github.com/recallcards/recall/deck/deckfile"
	"github.com/recallcards/recall/storage"
)

// deckSetOriginOptions are the flags of recall deck set-origin.
type deckSetOriginOptions struct {
	root    *rootOptions
	name    string
	origin  string
	trust   string
	timeout time.Duration
}

func newDeckSetOriginCmd(root *rootOptions) *cobra.Command {
	opts := &deckSetOriginOptions{root: root}
	cmd := &cobra.Command{
		Use:   "set-origin NAME FILE|URL [--trust PUBKEY]",
		Short: "Change where a shared deck is synced from, keeping every card's history",
		Long: `Make "recall deck sync NAME" read shared deck NAME from FILE or URL from now
on. Nothing of the deck's cards, schedules or reviews changes; the next sync
takes the new origin's newer versions as usual.

The new origin is read once and must hold the same deck. With --trust
PUBKEY its versions must be signed by that key from now on: this is how to
accept a publisher's new key after a sync refused a version signed by it.
Without --trust the key already pinned stays, and the file must be signed
by it.`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.name, opts.origin = a[0], a[1]
			return runDeckSetOrigin(opts)
		},
	}
	cmd.Flags().StringVar(&opts.trust, "trust", "", "publisher key every version must be signed with from now on (ed25519:…)")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", fetch.DefaultTimeout, "give up on a URL after this long")
	return cmd
}

func runDeckSetOrigin(opts *deckSetOriginOptions) error {
	env := opts.root.env
	trusted, err := parseTrust(opts.trust)
	if err != nil {
		return err
	}
	origin, err := deckOrigin(opts.origin)
	if err != nil {
		return err
	}
	sub, err := setOriginTarget(opts)
	if err != nil {
		return err
	}
	name := sub.Deck
	// Read the new origin before the store is locked for writing: reviews
	// go on while a slow server answers.
	got, err := readDeckFile(origin, "", "", opts.timeout)
	if err != nil {
		return err
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if now, found, err := st.Subscription(name); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	} else if !found || now.Digest != sub.Digest || now.Origin != sub.Origin {
		return fmt.Errorf("deck %q changed in the store while its new origin was read; run recall deck set-origin again", name)
	}
	f := got.file
	pin, err := deckfile.CheckNewOrigin(installedOf(sub), trusted, f)
	var ue *deckfile.UpdateError
	switch {
	case errors.As(err, &ue) && ue.Err == deckfile.ErrRenamed:
		return fmt.Errorf("deck file %s holds deck %q, not %q; origin not changed", displayOrigin(origin), ue.Name, ue.InstalledName)
	case err != nil:
		return trustRefusal(err, name, origin)
	}
	warnPlainHTTP(env.ErrOut, origin)
	was := sub.Origin
	sub.Origin, sub.ETag, sub.LastModified = origin, "", ""
	sub.PublisherKey, sub.TrustedOnFirstUse = pin.Key, pin.OnFirstUse
	if err := st.SaveSubscription(sub); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	fmt.Fprintf(env.Out, "deck %q now syncs from %s (was %s); its cards and history are unchanged\n",
		name, displayOrigin(origin), displayOrigin(was))
	if trusted != nil {
		fmt.Fprintf(env.Out, "trusted key: %s\n", deckfile.FormatPublicKey(trusted))
	}
	return nil
}

// setOriginTarget returns the subscription of the deck set-origin names.
func setOriginTarget(opts *deckSetOriginOptions) (storage.Subscription, error) {
	st, err := opts.root.openExistingStore()
	if err != nil {
		return storage.Subscription{}, err
	}
	defer st.Close()
	name, err := requireDeck(st, opts.name)
	if err != nil {
		return storage.Subscription{}, err
	}
	sub, found, err := st.Subscription(name)
	if err != nil {
		return storage.Subscription{}, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if !found {
		return storage.Subscription{}, fmt.Errorf("deck %q was not added from a deck file, so it has no origin to change (recall deck add adds a shared deck)", name)
	}
	return sub, nil
}
