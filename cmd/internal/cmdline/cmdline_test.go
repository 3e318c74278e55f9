package cmdline

import "testing"

func TestCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "dir"}, "scan"},
		{[]string{"--no-color", "pack", "dir", "-o", "out"}, "pack"},
		{[]string{"-v", "--format=json", "status"}, "status"},
		{[]string{"--state", "dir", "scan"}, "dir"},
		{[]string{"--version"}, ""},
		{nil, ""},
	} {
		if got := Command(tc.args); got != tc.want {
			t.Errorf("Command(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
