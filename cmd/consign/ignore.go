package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

type ignoreOptions struct {
	dir       string
	reason    string
	remove    bool
	moved     bool
	selection selection
}

func newIgnoreCommand(g *globalOptions) *cobra.Command {
	opts := &ignoreOptions{}
	cmd := &cobra.Command{
		Use:   "ignore ID...",
		Short: "Mark findings as reviewed, with the reason, in .consign/ignore",
		Long: `ignore records that findings were reviewed and accepted. The ids are the
"id" of findings in consign scan --format jsonl. Each decision is one line of
DIR/.consign/ignore, with its reason and, for readers, the file and the
detector; the file is meant to be read, diffed and kept with the folder.

Ignored findings keep appearing in reports, with "status": "ignored" and the
reason, but no longer count for --fail-on or for the verdict. A finding's id
stays the same while the file, the detector and the matched value do, so a
decision survives edits elsewhere in the file.

ignore scans the folder first to check that every id is a finding there:
nothing is written when one is not. It then names the entries of the list
that no finding has any more (the value was removed, or its file changed
or left the folder), and the command that takes them off.

A finding's id also holds its file's path, so renaming or moving a file
gives its findings new ids, and their entries no longer match: consign
status lists such entries. ignore --moved carries each over to the new id,
with its reason, when the file's content is unchanged (the same sha256 at
a new path since the last pack) and the finding is the same detector, kind,
place in the file and value.`,
		Example: `  consign ignore 17215de2f29a226c00ef --reason "shop's public support address" -C ~/my-content
  consign ignore 06856e0f5a1d232ddde6 e155827ce04710e46b1f --reason "test data" -C ~/my-content
  consign ignore --remove 17215de2f29a226c00ef -C ~/my-content
  consign ignore --moved -C ~/my-content`,
		Args: func(cmd *cobra.Command, args []string) error {
			// --reason with --remove or --moved was dropped without a word:
			// neither records a reason, and --moved keeps each entry's own.
			reason := cmd.Flags().Changed("reason")
			switch {
			case opts.moved && opts.remove:
				return usagef("--moved and --remove cannot be given together: --remove takes ids off the list, --moved carries entries over to new ids")
			case opts.moved && len(args) > 0:
				return usagef("ignore --moved takes no ids: it carries over every entry a rename left behind")
			case opts.moved && reason:
				return usagef("ignore --moved takes no --reason: each entry carried over keeps its own")
			case opts.moved:
				return nil
			case opts.remove && len(args) == 0:
				return usagef("give the id of each entry to take off the ignore list (consign ignore --remove ID...)")
			case opts.remove && reason:
				return usagef("ignore --remove takes no --reason: it takes the ids off the list, with their reasons")
			case len(args) == 0:
				return usagef("give the id of each finding to record (consign ignore ID... --reason TEXT), or --moved; the ids are in consign scan --format jsonl")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIgnore(cmd.Context(), args, opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.dir, "dir", "C", ".", "the content folder")
	f.StringVar(&opts.reason, "reason", "", "why the findings are acceptable (required, except with --remove or --moved, which take none)")
	f.BoolVar(&opts.remove, "remove", false, "take the ids off the ignore list instead")
	f.BoolVar(&opts.moved, "moved", false, "carry the entries of findings whose file was renamed since the last pack over to their new ids")
	opts.selection.addFlags(f)
	return cmd
}

func runIgnore(ctx context.Context, ids []string, opts *ignoreOptions, g *globalOptions) error {
	// An id given twice (or in two cases) is one decision: keeping both
	// made --remove fail on the second copy and ignore name it twice.
	for i, id := range ids {
		ids[i] = strings.ToLower(strings.TrimSpace(id))
	}
	seen := make(map[string]bool, len(ids))
	ids = slices.DeleteFunc(ids, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
	// Said before the scan a check against the findings would cost: an
	// id that cannot be one (an email pasted instead) is found at once.
	for _, id := range ids {
		if !isFindingID(id) {
			// The other commands take the folder as an argument: ignore
			// takes it with -C, so a folder here is the folder meant.
			if fi, err := os.Stat(id); err == nil && fi.IsDir() {
				return usagef("%q is a folder, not a finding id: give the folder with -C %s, and the ids as arguments", id, shellPath(id))
			}
			return usagef("%q is not a finding id: ids are 20 hexadecimal digits, as consign scan --format jsonl shows them", id)
		}
	}
	if err := checkFolder(opts.dir); err != nil {
		return err
	}
	abs, err := filepath.Abs(opts.dir)
	if err != nil {
		return err
	}
	state, err := folderState(abs, g)
	if err != nil {
		return err
	}
	path := filepath.Join(state, ignoreFile)
	list, err := detectors.LoadIgnore(path)
	if err != nil {
		return usagef("%v", err)
	}
	if opts.remove {
		return removeIgnored(list, path, ids, g)
	}
	if opts.moved {
		return carryMoved(ctx, list, path, opts, g)
	}
	if strings.TrimSpace(opts.reason) == "" {
		return usagef("--reason is required: say why the findings are acceptable")
	}
	scanOpts, _, done, err := newPipeline(ctx, opts.dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer done()
	if scanOpts.Detection == nil {
		return usagef("--detectors none finds nothing to ignore")
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	found := map[string]detectors.Finding{}
	// The ids of the list's entries that a finding still has: the others
	// are stale, and ignore says so while it has the scan at hand.
	live := map[string]bool{}
	listed := make(map[string]bool, len(list.Entries))
	for _, e := range list.Entries {
		listed[e.ID] = true
	}
	pr := startProgress(ctx, g, scanOpts, "checking ids", false)
	if pr != nil {
		scanOpts.Progress = pr.record
	}
	var current []*pipeline.Record // what pairing findings moved by a rename needs
	_, err = pipeline.Scan(ctx, scanOpts, func(rec *pipeline.Record) error {
		sayUnread(g, rec)
		current = append(current, &pipeline.Record{Path: rec.Path, SHA256: rec.SHA256, Findings: rec.Findings})
		for _, f := range rec.Findings {
			if want[f.ID] {
				found[f.ID] = f
			}
			if listed[f.ID] {
				live[f.ID] = true
			}
		}
		return nil
	})
	partial := errors.Is(err, pipeline.ErrPartial)
	pr.finish()
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return err
	}
	var missing []string
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return usagef("no finding with id %s in %s (ids are in consign scan --format jsonl); nothing was written",
			strings.Join(missing, ", "), opts.dir)
	}
	for _, id := range ids {
		list.Add(found[id], opts.reason)
	}
	if err := list.Save(path); err != nil {
		return err
	}
	if !g.quiet {
		for _, id := range ids {
			f := found[id]
			fmt.Fprintf(g.stdout, "ignored %s  %s  %s %s\n", id, manifest.DisplayPath(f.Path), f.Detector, f.Excerpt)
		}
		// A file that could not be read hides its findings: its entries
		// are not called stale on that evidence.
		if !partial {
			for _, id := range ids {
				live[id] = true
			}
			// The catalog only helps name moved entries: without it they
			// are stale like the others.
			moved, _ := movedEntries(ctx, scanOpts.Catalog, list, current)
			sayStale(g, list, live, moved, opts.dir)
		}
	}
	if partial {
		// Written all the same, but the run exits 3 as ignore --moved,
		// scan, status and pack do: a file could not be read.
		return pipeline.ErrPartial
	}
	return nil
}

// sayStale names the ignore list's entries no finding of the scan has any
// more: the value was removed, the file changed or left the folder. They
// do no harm, but the list reads better without them.
func sayStale(g *globalOptions, list *detectors.IgnoreList, live map[string]bool, moved []movedEntry, dir string) {
	movedTo := make(map[string]detectors.Finding, len(moved))
	for _, m := range moved {
		movedTo[m.entry.ID] = m.finding
	}
	var stale []string
	carry := false
	for _, e := range list.Entries {
		// A moved finding listed under its new id too (just now, say)
		// needs nothing carried: the old entry is merely stale.
		switch f, ok := movedTo[e.ID]; {
		case live[e.ID]:
		case ok && !live[f.ID]:
			carry = true
			fmt.Fprintf(g.stderr, "consign: ignore list entry %s%s matches no finding now: its file was renamed to %s, where the finding is %s\n",
				e.ID, entryWhere(e), manifest.DisplayPath(f.Path), f.ID)
		default:
			stale = append(stale, e.ID)
			fmt.Fprintf(g.stderr, "consign: ignore list entry %s%s matches no finding now\n", e.ID, entryWhere(e))
		}
	}
	if carry {
		fmt.Fprintf(g.stderr, "consign: to carry the entries of renamed files over to the new ids: consign ignore --moved -C %s%s\n", shellPath(dir), stateArg(g))
	}
	if len(stale) > 0 {
		fmt.Fprintf(g.stderr, "consign: to take stale entries off the list: consign ignore --remove %s -C %s%s\n", strings.Join(stale, " "), shellPath(dir), stateArg(g))
	}
}

// entryWhere is " (path, detector)" from an ignore list entry's comment,
// or as much of it as the entry has: one written by hand may have none.
func entryWhere(e detectors.IgnoreEntry) string {
	var parts []string
	if e.Path != "" {
		parts = append(parts, manifest.DisplayPath(e.Path))
	}
	if e.Detector != "" {
		parts = append(parts, e.Detector)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// shellWord quotes s for a POSIX shell when it holds anything but the
// characters a path usually has, or starts with ~, which the shell would
// replace with a home folder.
func shellWord(s string) string {
	plain := s != "" && s[0] != '~'
	for _, c := range s {
		if !(c == '/' || c == '.' || c == '_' || c == '-' || c == '~' || c == '+' ||
			'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellPath is shellWord for a path: a relative path that starts with -
// gets ./ in front, so that consign does not read it as a flag.
func shellPath(path string) string {
	if strings.HasPrefix(path, "-") {
		path = "./" + path
	}
	return shellWord(path)
}

func removeIgnored(list *detectors.IgnoreList, path string, ids []string, g *globalOptions) error {
	var missing []string
	for _, id := range ids {
		n := len(list.Entries)
		list.Entries = slices.DeleteFunc(list.Entries, func(e detectors.IgnoreEntry) bool { return e.ID == id })
		if len(list.Entries) == n {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return usagef("not on the ignore list: %s; nothing was written", strings.Join(missing, ", "))
	}
	if err := list.Save(path); err != nil {
		return err
	}
	if !g.quiet {
		fmt.Fprintf(g.stdout, "removed %s from %s\n", manifest.Count(len(ids), "id"), path)
	}
	return nil
}

// isFindingID reports whether id has the form of a finding id: the ignore
// list takes 8 to 64 hexadecimal digits, and consign writes 20.
func isFindingID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
