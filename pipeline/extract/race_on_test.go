//go:build race

package extract

// raceDetector says whether the tests run with -race.
const raceDetector = true
