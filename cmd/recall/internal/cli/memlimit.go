package cli

import "runtime/debug"

// vaultMemoryLimit is the soft limit on the memory of the Go runtime that
// recall import and recall preview work under. They hold every card of
// the notes they read (200,000 cards of a large vault take about 200 MB);
// with Go's default pacing the heap then grows to twice that before it is
// collected. Under the limit the collector runs more often as the heap
// nears it, which costs a little CPU on a vault that size and nothing on a
// smaller one; a heap that must be larger still grows past it (the runtime
// bounds the extra collection to about half the CPU).
const vaultMemoryLimit = 270 << 20

// limitVaultMemory sets vaultMemoryLimit, unless GOMEMLIMIT already sets
// a limit of the user's.
func limitVaultMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(vaultMemoryLimit)
}
