package main

// Prose samples for the text fixtures, one per language, long enough for a
// language detector to judge (100+ words each, Japanese a few sentences).

// proseFirstLight is the English body of blog/_posts/2021-09-14-first-light.md.
const proseFirstLight = `# First light

I carried the new camera up the hill before dawn, mostly to prove to myself
that I would actually get out of bed for it. The path was wet and the grass
soaked my shoes within a minute, but the air had that thin, cold clarity that
only lasts until the sun clears the ridge.

For twenty minutes nothing happened. Then the clouds over the estuary turned
the colour of weak tea, then copper, and the gulls started arguing on the
mudflats below. I took far too many frames of the same view, because every
few seconds the light changed just enough to make the previous picture feel
wrong.

Back home I kept only four of them. The rest were fine, but fine is not the
reason anyone climbs a hill in the dark. Next week I want to try the same
spot with a longer lens and a little more patience.
`

// proseLeap is the English body of blog/_posts/2020-02-29-leap.md.
const proseLeap = `# An extra day

A leap day always feels like a small gift that nobody asked for. I spent mine
sorting old prints from a shoebox that has followed me through three
different flats. Most of them were blurred, badly framed, or taken through a
dirty bus window, and yet I could remember almost every one of those
afternoons as soon as I held the picture.

There is a lesson in that, although I am not sure I like it. The photographs
I worked hardest on are the ones I remember least. The careless snapshots,
taken with no plan at all, carry the whole day with them: the smell of the
station, the song on the radio, the friend who insisted we take the long way
round. I put the best of them on the kitchen wall and threw the box away.
`

// proseFrench is the French body of blog/fr/carnet.md.
const proseFrench = `# Carnet de route

Nous sommes partis de Lyon un mardi matin, sous une pluie fine qui ne voulait
pas s'arrêter. La voiture sentait le café froid et les vieilles cartes
routières que personne n'ose jeter. Au bout de deux heures, les collines ont
remplacé les entrepôts, et le ciel s'est enfin ouvert au-dessus des vignes.

Le village où nous avons dormi comptait à peine trois rues, une boulangerie et
une église dont la cloche sonnait avec dix minutes de retard. La patronne de
l'auberge nous a expliqué que personne ne voulait la réparer, parce que tout
le monde s'était habitué à ce décalage.

Le lendemain, j'ai photographié le marché pendant que les commerçants
installaient leurs étals. Les tomates étaient encore couvertes de rosée, et un
vieil homme m'a demandé très sérieusement si mon appareil était assez bon
pour ses fromages. Je lui ai promis de revenir avec un tirage.
`

// proseGerman is the German text of blog/de/reise.md (no front matter).
const proseGerman = `# Eine Reise an die Küste

Am ersten Morgen war das Meer so ruhig, dass man die Grenze zwischen Wasser
und Himmel kaum erkennen konnte. Wir haben lange am Hafen gesessen und den
Fischern zugesehen, die ihre Netze mit einer Geduld flickten, die ich selbst
nie aufbringen würde.

Am Nachmittag sind wir mit dem Fahrrad zum Leuchtturm gefahren. Der Wind kam
natürlich von vorne, und zwar die ganze Strecke lang, obwohl der Weg zweimal
die Richtung wechselte. Oben auf der Düne hat sich die Mühe trotzdem gelohnt:
Das Licht fiel schräg über die Wiesen, und die Schafe warfen lange Schatten
bis zum Deich.

Abends gab es Fischbrötchen und viel zu süßen Tee. Ich habe die Bilder des
Tages auf dem kleinen Bildschirm durchgesehen und gemerkt, dass die besten
Aufnahmen genau die waren, bei denen ich nicht lange nachgedacht hatte.
`

// proseSpanish is the Spanish text of blog/es/notas.txt.
const proseSpanish = `Notas de un verano en el sur

Llegamos a Cádiz a media tarde, cuando el calor todavía apretaba y las calles
estaban casi vacías. Dejamos las maletas en una pensión pequeña, con un patio
lleno de macetas, y salimos a caminar sin rumbo hasta encontrar el mar.

Por la noche la ciudad cambió por completo. Las familias sacaban sillas a la
puerta de casa, los niños jugaban al fútbol entre los coches aparcados y
alguien tocaba la guitarra en una ventana abierta. Nadie parecía tener prisa
por irse a dormir.

Durante la semana aprendí a levantarme temprano para fotografiar el mercado
de abastos, donde los pescaderos gritaban los precios con una alegría
contagiosa. Una señora me regaló un limón enorme solo porque le gustó una
foto de su puesto. Todavía lo recuerdo como el mejor pago que he recibido
por mi trabajo.
`

// proseJapanese is the Japanese text of blog/ja/nikki.txt.
const proseJapanese = `夏の日記

朝早く起きて、近所の川沿いを散歩しました。まだ空気が冷たくて、川の上には薄い霧がかかっていました。
橋の上で写真を何枚か撮っていると、犬を連れたおじいさんが「いい朝ですね」と声をかけてくれました。
昼過ぎには駅前の古い喫茶店に入り、冷たいコーヒーを飲みながら撮った写真を見返しました。
思ったよりも光がきれいに写っていて、少しうれしくなりました。
夕方になると雨が降り出したので、傘を持っていなかった私は本屋で一時間ほど雨宿りをしました。
明日は山のほうへ行って、紅葉が始まっているかどうか確かめてみるつもりです。
`

// contractParagraphs are the paragraphs of documents/contract.docx.
var contractParagraphs = []string{
	"Licence agreement",
	"This agreement is made between Jane Doe, photographer, and Harbourside Bakery Ltd, a company registered in Bristol, for the use of twelve photographs taken at the client's premises in May 2021.",
	"The client may reproduce the photographs on its website, in printed menus and in social media posts for a period of three years from the date of signature. Any other use, including resale or use in advertising campaigns run by third parties, requires written permission.",
	"The photographer keeps the copyright in every image and may show the work in her portfolio. The client will credit the photographer wherever a credit line can reasonably be placed.",
	"The fee for this licence is eight hundred pounds, payable within thirty days of the invoice. Either party may end the agreement with sixty days' notice in writing.",
}

// aboutBody is the English body text of pages/about.html.
var aboutBody = []string{
	"I am a documentary photographer and sound recordist working on the coast, mostly with small businesses, local festivals and the people who keep them running.",
	"My work is slow on purpose. I spend a day with a baker, a boat builder or a choir before I take a single picture, because the best frames come once people have forgotten the camera is there.",
	"Most of the pictures and recordings on this site are available for licensing. Write to me if you would like to use something, and tell me a little about the project.",
}

// srtCues are the subtitle cues of subtitles/talk.srt.
var srtCues = []struct{ start, end, text string }{
	{"00:00:01,000", "00:00:04,200", "Thank you all for coming out on such a wet evening."},
	{"00:00:04,800", "00:00:08,500", "Tonight I want to talk about photographing\npeople who do not want to be photographed."},
	{"00:00:09,100", "00:00:12,000", "The short answer is: ask first, and then listen."},
}
