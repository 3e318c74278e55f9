package pipeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestBatcher checks how the walk's entries travel: those the catalog
// holds in batches of at most maxBatch, those to read alone, in order.
func TestBatcher(t *testing.T) {
	hits := func(n int) string { return strings.Repeat("h", n) }
	tests := []struct {
		name string
		walk string // h: an entry the catalog holds, r: one to read
		want []string
	}{
		{"nothing", "", nil},
		{"all read", "rrr", []string{"r", "r", "r"}},
		{"all held", hits(150), []string{hits(64), hits(64), hits(22)}},
		{"read among held", "hhrhhhr", []string{"hh", "r", "hhh", "r"}},
		{"held at the end", "rhh", []string{"r", "hh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			b := &batcher{send: func(_ context.Context, b batch) error {
				if b.seq != len(got) {
					t.Errorf("batch %d numbered %d", len(got), b.seq)
				}
				s := ""
				for _, e := range b.entries {
					s += e.rel[:1]
				}
				got = append(got, s)
				return nil
			}}
			ctx := context.Background()
			for i, c := range tt.walk {
				e := entry{rel: fmt.Sprintf("%c%d", c, i)}
				if c == 'h' {
					e.hint = &catalogHint{hit: true}
				}
				if err := b.add(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.flush(ctx); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("batches %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("send fails", func(t *testing.T) {
		stop := errors.New("stop")
		b := &batcher{send: func(context.Context, batch) error { return stop }}
		if err := b.add(context.Background(), entry{rel: "r"}); !errors.Is(err, stop) {
			t.Errorf("add = %v, want the send's error", err)
		}
	})
}
