package extract

import (
	"strings"
	"testing"
)

const testRTF = `{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}}
{\info{\title Interview notes}{\author Maria Garc\'eda}{\operator Tom Typist}{\keywords press, draft}
{\creatim\yr2019\mo11\dy5\hr9\min30}{\revtim\yr2020\mo1\dy2\hr3\min4}{\*\company Acme}
{\*\copyright \'a9 2019 Maria Garc\'eda}}
{\*\generator Riched20 10.0;}\viewkind4\uc1
\pard\f0\fs24 Caf\'e9 con leche\par
Tab\tab here \u8364? and \u-10179?\u-8704? done\par
{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link text}}\par
{\pict\pngblip 89504e47}escaped \{braces\}\line end}`

func TestRTF(t *testing.T) {
	res, sink := runDoc(t, "notes.rtf", []byte(testRTF))
	wantNoErrors(t, res)
	wantTag(t, res, "author", "Maria García")
	wantTag(t, res, "last_modified_by", "Tom Typist")
	wantTag(t, res, "title", "Interview notes")
	wantTag(t, res, "keywords", "press, draft")
	wantField(t, res, "rtf:company", "Acme")
	wantField(t, res, "rtf:copyright", "© 2019 Maria García")
	wantTag(t, res, "copyright", "© 2019 Maria García")
	wantField(t, res, "rtf:revtim", "2020-01-02T03:04:00")
	wantDate(t, res, "rtf:creatim", "2019-11-05T09:30:00")
	want := "Café con leche\nTab\there € and 😀 done\nlink text\nescaped {braces}\nend"
	if got := sink.texts["body"]; got != want {
		t.Errorf("text = %q\nwant   %q", got, want)
	}
}

func TestRTFHostile(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr bool
	}{
		{name: "deep nesting", data: `{\rtf1 ` + strings.Repeat("{", 100000) + "x", wantErr: true},
		{name: "unbalanced close", data: `{\rtf1 a}}}}} b`},
		{name: "truncated escape", data: `{\rtf1 a\'`, wantErr: true},
		{name: "huge bin", data: `{\rtf1 a\bin999999999 b}`, wantErr: true},
		{name: "long control word", data: `{\rtf1 \` + strings.Repeat("a", 10000) + `}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, sink := runDoc(t, "x.rtf", []byte(tc.data))
			if tc.wantErr != (len(res.Errors) > 0) {
				t.Errorf("errors = %v, want error %v", res.Errors, tc.wantErr)
			}
			if int64(len(sink.all())) > int64(len(tc.data)) {
				t.Errorf("text longer than input")
			}
		})
	}
}
