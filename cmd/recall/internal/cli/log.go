package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

func newLogCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Work with the review log",
		Long:  `The review log holds every review: card, time, grade, the schedule before and after, and the time taken to answer.`,
		Args:  args(cobra.NoArgs),
	}
	cmd.AddCommand(newLogExportCmd(root))
	return cmd
}

// logExportOptions are the flags of recall log export.
type logExportOptions struct {
	root   *rootOptions
	format string
	output string
}

func newLogExportCmd(root *rootOptions) *cobra.Command {
	opts := &logExportOptions{root: root}
	cmd := &cobra.Command{
		Use:   "export [--format csv|jsonl] [-o FILE]",
		Short: "Write the whole review log as CSV or JSON lines",
		Long: `Write the whole review log, oldest first, one line per review, to standard
output or to FILE (replaced atomically).

Fields: seq, card_id, time (RFC 3339, UTC), grade (0-5), prev_reps, prev_ef,
prev_interval_days, prev_due, next_reps, next_ef, next_interval_days,
next_due, answer_ms. A due date is empty (CSV) or null (JSON) for a card
never reviewed. CSV starts with a header row.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runLogExport(opts) },
	}
	cmd.Flags().StringVar(&opts.format, "format", "csv", "csv or jsonl")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

// logRecord is one review as recall log export writes it.
type logRecord struct {
	Seq              uint64     `json:"seq"`
	CardID           string     `json:"card_id"`
	Time             time.Time  `json:"time"`
	Grade            int        `json:"grade"`
	PrevReps         int        `json:"prev_reps"`
	PrevEF           float64    `json:"prev_ef"`
	PrevIntervalDays int        `json:"prev_interval_days"`
	PrevDue          *time.Time `json:"prev_due"`
	NextReps         int        `json:"next_reps"`
	NextEF           float64    `json:"next_ef"`
	NextIntervalDays int        `json:"next_interval_days"`
	NextDue          *time.Time `json:"next_due"`
	AnswerMS         int64      `json:"answer_ms"`
	// Practice marks a grade given while cramming: it changed no schedule.
	Practice bool `json:"practice,omitempty"`
}

var logCSVHeader = []string{"seq", "card_id", "time", "grade",
	"prev_reps", "prev_ef", "prev_interval_days", "prev_due",
	"next_reps", "next_ef", "next_interval_days", "next_due", "answer_ms", "practice"}

func newLogRecord(e storage.LogEntry) logRecord {
	due := func(s scheduler.State) *time.Time {
		if s.Due.IsZero() {
			return nil
		}
		t := s.Due.UTC()
		return &t
	}
	return logRecord{
		Seq: e.Seq, CardID: e.CardID, Time: e.Time.UTC(), Grade: int(e.Grade),
		PrevReps: e.Prev.Reps, PrevEF: e.Prev.EF.Float(), PrevIntervalDays: e.Prev.IntervalDays, PrevDue: due(e.Prev),
		NextReps: e.Next.Reps, NextEF: e.Next.EF.Float(), NextIntervalDays: e.Next.IntervalDays, NextDue: due(e.Next),
		AnswerMS: e.Answer.Milliseconds(), Practice: e.Practice,
	}
}

func (r logRecord) csvRow() []string {
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	itoa := strconv.Itoa
	ef := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	return []string{strconv.FormatUint(r.Seq, 10), r.CardID, r.Time.Format(time.RFC3339Nano), itoa(r.Grade),
		itoa(r.PrevReps), ef(r.PrevEF), itoa(r.PrevIntervalDays), date(r.PrevDue),
		itoa(r.NextReps), ef(r.NextEF), itoa(r.NextIntervalDays), date(r.NextDue),
		strconv.FormatInt(r.AnswerMS, 10), strconv.FormatBool(r.Practice)}
}

func runLogExport(opts *logExportOptions) error {
	if opts.format != "csv" && opts.format != "jsonl" {
		return usagef("--format must be csv or jsonl, not %q", opts.format)
	}
	st, err := opts.root.openStoreReadOnly()
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	out, err := opts.root.createOutput(opts.output, files.Private)
	if err != nil {
		return err
	}
	defer out.Close()
	write := writeLogJSONL(out)
	if opts.format == "csv" {
		write = writeLogCSV(out)
	}
	if st != nil {
		if err := st.ForEachLogWithPractice(func(e storage.LogEntry) error { return write(&e) }); err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
	}
	if err := write(nil); err != nil {
		return err
	}
	return out.Commit()
}

// writeLogCSV returns a writer of log entries as CSV; nil flushes it.
func writeLogCSV(out io.Writer) func(*storage.LogEntry) error {
	w := csv.NewWriter(out)
	header := false
	return func(e *storage.LogEntry) error {
		if !header {
			header = true
			if err := w.Write(logCSVHeader); err != nil {
				return err
			}
		}
		if e == nil {
			w.Flush()
			return w.Error()
		}
		return w.Write(newLogRecord(*e).csvRow())
	}
}

// writeLogJSONL returns a writer of log entries as JSON lines.
func writeLogJSONL(out io.Writer) func(*storage.LogEntry) error {
	enc := json.NewEncoder(out)
	return func(e *storage.LogEntry) error {
		if e == nil {
			return nil
		}
		return enc.Encode(newLogRecord(*e))
	}
}
