package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/storage"
)

// syncOptions are the flags of recall sync and its subcommands.
type syncOptions struct {
	root *rootOptions
	json bool
}

func newSyncCmd(root *rootOptions) *cobra.Command {
	opts := &syncOptions{root: root}
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync reviews with your other machines through a synced folder",
		Long: `Sync this store's reviews, undos, suspensions and burials with other
machines through a folder that Syncthing, Dropbox, iCloud, OneDrive, git,
rsync or NFS already moves between them. recall runs no server.

  recall sync init DIR   set this store up to sync through DIR (once per machine)
  recall sync            write this machine's new events to DIR and apply the others'
  recall sync status     devices, how far each is applied, what is pending
  recall config set sync.auto on   sync before and after every review session

Each machine writes only its own files (DIR/recall-sync/<device>/), append-only,
so no sync engine ever sees a conflict. A card reviewed on two machines keeps
both reviews: its schedule is the two folded in time order. A file that is
still arriving waits for the next sync; a damaged file, one from a newer
recall, or one that names another device is refused by name and nothing of it
is applied. Conflict copies an engine makes are reported, never read.

Card text is not synced: import your notes (synced the same way) on each
machine; their cards get the same IDs everywhere. A deck this machine made
apart under a synced deck's name (renamed from another) merges into the
synced deck, at sync init or, if the other deck arrives later and was made
first, at a sync: its cards take the synced IDs, every review kept.`,
		Args: noSubcommand,
		RunE: func(*cobra.Command, []string) error { return runSync(opts) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "init DIR",
		Short: "Set this store up to sync through DIR",
		Args:  args(cobra.ExactArgs(1)),
		RunE:  func(_ *cobra.Command, a []string) error { return runSyncInit(opts, a[0]) },
	})
	status := &cobra.Command{
		Use:   "status [--json]",
		Short: "Show this device, the others and what is pending",
		Args:  args(cobra.NoArgs),
		RunE:  func(*cobra.Command, []string) error { return runSyncStatus(opts) },
	}
	status.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	cmd.AddCommand(status)
	return cmd
}

func runSyncInit(opts *syncOptions, dir string) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	// Decks the folder already has under this store's deck names are
	// merged into before the store's history becomes events.
	merges, err := joinMerges(opts.root.env, st, dir)
	if err != nil {
		return fmt.Errorf("sync init: %w", err)
	}
	info, merged, err := st.InitSyncMerging(dir, merges)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	fmt.Fprintf(opts.root.env.Out, "this store syncs through %s as device %s (%d events so far)\n", info.Folder, info.Device, info.LastSeq)
	printMerged(opts.root.env, merged)
	return runSyncWith(opts, st)
}

func runSync(opts *syncOptions) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	return runSyncWith(opts, st)
}

// runSyncWith syncs an open store and prints what happened; a refused
// journal file makes it fail after everything else was applied.
func runSyncWith(opts *syncOptions, st *storage.Store) error {
	rep, err := syncStore(opts.root, st)
	if errors.Is(err, storage.ErrNoSync) {
		return usagef("%v", err)
	}
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	printSyncReport(opts.root.env.Out, opts.root.env.ErrOut, rep)
	if len(rep.Refused) > 0 {
		return fmt.Errorf("sync: %d journal file(s) refused; the rest is applied", len(rep.Refused))
	}
	return nil
}

func syncStore(root *rootOptions, st *storage.Store) (storage.SyncReport, error) {
	cfg, err := root.settings(st)
	if err != nil {
		return storage.SyncReport{}, err
	}
	rep, err := st.Sync(cfg)
	if err != nil {
		return rep, err
	}
	return rep, mergePending(root.env, st, cfg, &rep)
}

func printSyncReport(out, errOut io.Writer, rep storage.SyncReport) {
	received, devices := 0, 0
	for _, n := range rep.Received {
		received += n
		devices++
	}
	fmt.Fprintf(out, "sent %d events, received %d from %d devices, %d cards updated\n", rep.Sent, received, devices, rep.Cards)
	for _, d := range rep.Decks {
		fmt.Fprintln(out, d)
	}
	sayEdits(out, "", rep)
	for _, d := range rep.Pending {
		fmt.Fprintf(out, "waiting for the rest of device %s's journal (a file is still arriving)\n", d)
	}
	for _, n := range rep.Notices {
		fmt.Fprintf(errOut, "recall: passed over %s: %s\n", n.Path, n.Reason)
	}
	for _, e := range rep.Refused {
		fmt.Fprintf(errOut, "recall: refused %v\n", e)
	}
}

// syncDeviceStatus is one device in recall sync status.
type syncDeviceStatus struct {
	Device  string `json:"device"`
	Applied uint64 `json:"applied"` // last event applied here
	Pending int    `json:"pending"` // events in the folder not applied yet
	Problem string `json:"problem,omitempty"`
}

type syncStatus struct {
	Device   string             `json:"device"`
	Folder   string             `json:"folder"`
	Events   uint64             `json:"events"`  // this device's
	Unsent   uint64             `json:"unsent"`  // of them, not yet in the folder
	AutoSync bool               `json:"auto"`    // sync.auto
	Others   []syncDeviceStatus `json:"devices"` // other devices
	Notices  []string           `json:"notices"` // files passed over
}

func runSyncStatus(opts *syncOptions) error {
	st, err := opts.root.openStoreReadOnly()
	if err != nil {
		return err
	}
	if st == nil {
		return usagef("%v", storage.ErrNoSync)
	}
	defer st.Close()
	info, err := st.SyncInfo()
	if errors.Is(err, storage.ErrNoSync) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	auto, err := st.AutoSync()
	if err != nil {
		return err
	}
	s := syncStatus{Device: info.Device, Folder: info.Folder, Events: info.LastSeq, AutoSync: auto, Notices: []string{}, Others: []syncDeviceStatus{}}
	root := filepath.Join(info.Folder, journal.Subdir)
	if inFolder, err := journal.LastSeq(root, info.Device); err == nil {
		s.Unsent = info.LastSeq - min(info.LastSeq, inFolder)
	}
	devices, notices, err := journal.Devices(root)
	if err != nil {
		return err
	}
	for _, n := range notices {
		s.Notices = append(s.Notices, n.Path+": "+n.Reason)
	}
	for _, d := range devices {
		if d == info.Device {
			continue
		}
		ds := syncDeviceStatus{Device: d, Applied: info.Cursors[d]}
		pending, ns, err := st.PendingEvents(root, d)
		if err != nil {
			ds.Problem = err.Error()
		}
		ds.Pending = pending
		for _, n := range ns {
			s.Notices = append(s.Notices, n.Path+": "+n.Reason)
		}
		s.Others = append(s.Others, ds)
	}
	for d := range info.Cursors {
		if !slices.Contains(devices, d) {
			s.Others = append(s.Others, syncDeviceStatus{Device: d, Applied: info.Cursors[d], Problem: "its folder is gone from the sync folder"})
		}
	}
	if opts.json {
		return writeJSON(opts.root.env.Out, s)
	}
	out := opts.root.env.Out
	fmt.Fprintf(out, "device   %s (this store)\nfolder   %s\nevents   %d recorded here, %d not yet in the folder\nauto     %s\n", s.Device, s.Folder, s.Events, s.Unsent, onOff(s.AutoSync))
	if len(s.Others) == 0 {
		fmt.Fprintln(out, "no other device has synced into the folder yet")
	}
	for _, d := range s.Others {
		line := fmt.Sprintf("  %s  applied up to event %d, %d pending", d.Device, d.Applied, d.Pending)
		if d.Problem != "" {
			line += ": " + d.Problem
		}
		fmt.Fprintln(out, line)
	}
	for _, n := range s.Notices {
		fmt.Fprintf(out, "passed over %s\n", n)
	}
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// autoSyncBefore syncs before a review session when sync.auto is on, and
// reports whether it is. A sync that fails only warns: the session goes on
// with what the store has.
func autoSyncBefore(root *rootOptions, st *storage.Store) bool {
	on, err := st.AutoSync()
	if err != nil || !on {
		return false
	}
	rep, err := syncStore(root, st)
	if err != nil {
		fmt.Fprintf(root.env.ErrOut, "recall: sync before the session failed, reviewing without it: %v\n", err)
	}
	sayDecks(root.env.ErrOut, rep)
	return true
}

// sayDecks tells, on stderr, what an automatic sync did to decks (a merge,
// a rename or removal made on another machine): a change to the user's
// decks is never silent.
func sayDecks(errOut io.Writer, rep storage.SyncReport) {
	for _, d := range rep.Decks {
		fmt.Fprintf(errOut, "recall: sync: %s\n", d)
	}
	sayEdits(errOut, "recall: sync: ", rep)
}

// sayEdits tells of each edit of this machine's that a later one from
// another machine replaced, with the text it had, so that it is not lost
// unsaid (recall edit --from takes it back).
func sayEdits(out io.Writer, prefix string, rep storage.SyncReport) {
	for _, e := range rep.Edits {
		fmt.Fprintf(out, "%s%s; yours read:\n", prefix, e)
		printText(out, "  ", e.Text, deck.Text{})
	}
}

// autoSyncAfter syncs the reviews of a session that just ended.
func autoSyncAfter(root *rootOptions, path string) {
	st, err := storage.Open(path, root.storeOptions(sessionLockTimeout, false))
	if err == nil {
		var rep storage.SyncReport
		rep, err = syncStore(root, st)
		st.Close()
		sayDecks(root.env.ErrOut, rep)
	}
	if err != nil {
		fmt.Fprintf(root.env.ErrOut, "recall: sync after the session failed; run recall sync later: %v\n", err)
	}
}

// syncAutoKey is the setting that turns automatic syncing on.
const syncAutoKey = "sync.auto"

func setAutoSync(root *rootOptions, value string) error {
	var on bool
	switch value {
	case "on", "true", "yes", "1":
		on = true
	case "off", "false", "no", "0":
	default:
		return usagef("%s must be on or off, not %q", syncAutoKey, value)
	}
	st, err := root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetAutoSync(on); errors.Is(err, storage.ErrNoSync) {
		return usagef("%s: %v", syncAutoKey, err)
	} else if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return nil
}

// showAutoSync adds sync.auto to recall config's list for a store that syncs.
func showAutoSync(root *rootOptions) error {
	st, err := root.openStoreReadOnly()
	if err != nil || st == nil {
		return err
	}
	defer st.Close()
	if _, err := st.SyncInfo(); err != nil {
		return nil // not syncing: nothing to show
	}
	on, err := st.AutoSync()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(root.env.Out, "%-18s %s\n", syncAutoKey, onOff(on))
	return err
}
