package extract

// Default returns the extractors a scan runs, in the order that decides
// which source of a tag wins: the first extractor to set a tag keeps it.
// Container parsers run before XMP, which parses the packets they found;
// the file-name date runs last, as the least trusted embedded source.
func Default() []Extractor {
	return []Extractor{
		NewEXIF(),
		NewIPTC(),
		NewAudio(),
		NewMP4(),
		NewM2TS(),
		NewDV(),
		NewMXF(),
		NewMatroska(),
		NewASF(),
		NewRIFF(),
		NewAIFF(),
		NewOOXML(),
		NewODF(),
		NewOLE(),
		NewPDF(),
		NewEPUB(),
		NewMOBI(),
		NewRTF(),
		NewMarkdown(),
		NewHTML(),
		NewSubtitles(),
		NewStructured(),
		NewGPX(),
		NewTrackLog(),
		NewFIT(),
		NewXMP(),
		NewC2PA(),
		NewFilenameDate(),
	}
}
