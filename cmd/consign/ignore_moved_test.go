package main

import (
	"fmt"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestAnyStale checks which ignore lists name a finding the scan no
// longer has, and that an empty list, the common case, costs a pack no
// set of its findings' ids.
func TestAnyStale(t *testing.T) {
	recs := []*pipeline.Record{
		{Path: "a.txt", Findings: []detectors.Finding{{ID: "f1"}, {ID: "f2"}}},
		{Path: "b.txt"},
		{Path: "c.txt", Findings: []detectors.Finding{{ID: "f3"}}},
	}
	list := func(ids ...string) *detectors.IgnoreList {
		l := &detectors.IgnoreList{}
		for _, id := range ids {
			l.Entries = append(l.Entries, detectors.IgnoreEntry{ID: id, Reason: "reviewed"})
		}
		return l
	}
	for _, tt := range []struct {
		name string
		list *detectors.IgnoreList
		want bool
	}{
		{"empty list", list(), false},
		{"every entry matched", list("f3", "f1"), false},
		{"an entry twice", list("f2", "f2"), false},
		{"an entry matching nothing", list("f1", "gone"), true},
		{"only entries matching nothing", list("gone"), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := anyStale(tt.list, recs); got != tt.want {
				t.Errorf("anyStale = %v, want %v", got, tt.want)
			}
		})
	}
	many := make([]*pipeline.Record, 1000)
	for i := range many {
		many[i] = &pipeline.Record{Findings: []detectors.Finding{{ID: fmt.Sprint("a", i)}, {ID: fmt.Sprint("b", i)}}}
	}
	if n := testing.AllocsPerRun(10, func() { anyStale(list(), many) }); n > 1 {
		t.Errorf("anyStale with an empty list made %v allocations for 2,000 findings, want at most the list's own", n)
	}
}
