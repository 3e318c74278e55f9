package extract

import (
	"slices"
	"testing"
)

func TestTrackLog(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             map[string][]string
	}{
		{
			name: "nmea rmc and gga", path: "drive.nmea",
			data: "$GPGSV,3,1,11,03,03,111,00*74\r\n" +
				"$GPRMC,112723.000,V,5040.3182,N,00505.9469,E,0,0,240410,,,N*51\r\n" +
				"$GPRMC,112723.000,A,5040.3182,N,00505.9469,E,28.66,138.74,240410,,,A*51\r\n" +
				"$GPGGA,112724.000,5040.3000,N,00505.9500,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n" +
				"$GPGGA,112725.000,5040.3000,N,00505.9500,E,0,00,,,M,,M,,*47\r\n",
			want: map[string][]string{"nmea:trkpt": {"50.671970,5.099115"}, "nmea:points": {"2"}},
		},
		{
			name: "magellan track", path: "Geotag.log",
			data: "$PMGNTRK,4415.163,N,07631.126,W,00095,M,110833.53,A,,030409*68\n$PMGNTRK,4414.765,N,07631.087,W,00100,M,110905.52,A,,030409*6B\n",
			want: map[string][]string{"nmea:trkpt": {"44.252717,-76.518767"}, "nmea:points": {"2"}},
		},
		{
			name: "gll south west", path: "log.txt",
			data: "$GNGLL,3351.4080,S,15112.9180,W,002153.000,A,A*48\n",
			want: map[string][]string{"nmea:trkpt": {"-33.856800,-151.215300"}, "nmea:points": {"1"}},
		},
		{
			name: "igc b records", path: "flight.IGC",
			data: "AXMP eTrex\nHFDTE050110\nHOPLTPILOT: Josef Klein\nB0723154916430N00643910EA0000000443\nB0731584915416N00645637EA0000000620\nBbad\n",
			want: map[string][]string{"igc:trkpt": {"49.273833,6.731833"}, "igc:points": {"2"}},
		},
		{
			name: "no fix", path: "idle.nmea",
			data: "$GPRMC,112723.000,A,9940.3182,N,00505.9469,E,0,0,240410,,,A*51\n$GPGGA,1,5040.3000,N,00505.9500,E,0,00*47\n",
			want: map[string][]string{"nmea:trkpt": nil, "nmea:points": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &Source{Path: tt.path, Head: []byte(tt.data), MediaType: "text/plain", Kind: "text"}
			if !NewTrackLog().Applies(src) {
				if tt.want["nmea:trkpt"] == nil && tt.want["igc:trkpt"] == nil {
					return
				}
				t.Fatalf("does not apply to %s", tt.path)
			}
			res := runExtractor(t, NewTrackLog(), tt.path, "text/plain", []byte(tt.data))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			for name, want := range tt.want {
				if got := fieldValues(res, name); !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestTrackLogLeavesTextAlone(t *testing.T) {
	for _, s := range []string{"Price: $5,1234.56,N,0,E", "hello\nworld\n", "$GPRMC without fields"} {
		src := &Source{Path: "notes.txt", Head: []byte(s), MediaType: "text/plain", Kind: "text"}
		if NewTrackLog().Applies(src) {
			t.Errorf("applies to %q", s)
		}
	}
}

func FuzzTrackLog(f *testing.F) {
	for _, s := range []string{"$GPRMC,1,A,5040.3182,N,00505.9469,E", "B0723154916430N00643910EA", "$PMGNTRK,4415.163,N,07631.126,W", "$GPGGA,,,,,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if lat, lon, ok := nmeaPosition(line); ok && (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
			t.Fatalf("nmea %q: %v,%v", line, lat, lon)
		}
		if lat, lon, ok := igcPosition(line); ok && (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
			t.Fatalf("igc %q: %v,%v", line, lat, lon)
		}
	})
}
