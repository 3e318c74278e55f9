package pipeline

import (
	"fmt"
	"testing"
	"unsafe"
)

// TestNameValue checks that a name decodes to its value, one kept copy
// for every line that has it, and that escaped or long values and values
// past the bound are decoded without being kept.
func TestNameValue(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
		kept bool
	}{
		{"plain name", `"pii/email"`, "pii/email", true},
		{"escaped", `"a\"b"`, `a"b`, false},
		{"long", `"` + string(make([]byte, 65)) + `"`, string(make([]byte, 65)), false},
		{"empty", `""`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n names
			first, err := n.value([]byte(tt.raw))
			if err != nil || first != tt.want {
				t.Fatalf("value(%s) = %q, %v; want %q", tt.raw, first, err, tt.want)
			}
			second, _ := n.value([]byte(tt.raw))
			if same := unsafe.StringData(first) == unsafe.StringData(second); same != tt.kept && len(tt.want) > 0 {
				t.Errorf("second decode shares the first's bytes: %v, want %v", same, tt.kept)
			}
		})
	}
	t.Run("bound", func(t *testing.T) {
		var n names
		for i := range maxNames + 10 {
			raw := []byte(fmt.Sprintf(`"name%d"`, i))
			if s, err := n.value(raw); err != nil || s != fmt.Sprintf("name%d", i) {
				t.Fatalf("value(%s) = %q, %v", raw, s, err)
			}
		}
		if got := len(*n.set.Load()); got != maxNames {
			t.Errorf("%d names kept, want the bound %d", got, maxNames)
		}
	})
	t.Run("not a string", func(t *testing.T) {
		var n names
		if _, err := n.value([]byte(`12`)); err == nil {
			t.Error("a number decoded as a name")
		}
	})
}
