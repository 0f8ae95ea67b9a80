"""Dictionary decompounding of Danish product words.

Danish writes compounds as one word, and neither FTS5 nor PostgreSQL splits them, so "mel" would not find
"hvedemel". Like Lucene's DictionaryCompoundWordTokenFilter, a word is split where its ending (the head) or its
beginning (the modifier) is a known word; the parts are indexed as extra terms. The lexicon is a curated list of
product words plus the words a catalogue uses on their own in item names.
"""

from collections.abc import Iterable

from app.catalogue.search.analysis import stem

# Product head words and common modifiers, in the forms catalogues use. Short function words are left out: a
# three-letter part such as "ost" or "mel" is only accepted as a whole word of the lexicon.
CURATED = frozenset("""
adapter affald arbejdsplads ark bakke bakker balsam batteri batterier beholder bind blanding blok blyant
blyanter blæk bolle boller bord borde brød bæger bægre bønne bønner børste børster chokolade computer creme
desinfektion drik drikke dug duge dunk dåse dåser eddike etiket etiketter fad fade filet fileter film filter
filtre fisk flaske flasker fløde folie frugt gaffel gafler gel glas gryde gryder gryn grønt gulv hakket
handske handsker havre headset hvede hylde hylder hånd hår hæfte hæfter højttaler installation juice kabel
kabler kaffe kage kager kakao kalender kaps kapsler karton kasse kasser kiks klammer klud klude kniv knive kop
kopi kopper kost kridt krus krydderi krydderier kuvert kuverter kylling kød køkken lager lak laks lampe lamper
lim lineal linser liste lister lomme lommer låg mappe mapper marker marmelade maskine maskiner mel middel
mikrofiber mikrofon moppe mopper mus mælk nødder olie oplader opvask ost papir pasta patron patroner peber pen
penne plade plader pose poser pude puder pålæg pære pærer pølse pølser rengøring ris rug rulle ruller saft
saks salt sand sauce sennep service serviet servietter shampoo skab skabe skinke sko skraber skum skærm skærme
smør spand spande spray stativ stol stole sukker suppe svamp svampe sæbe sæk sække tallerken tallerkener tape
taske tasker tavle tavler telefon tilmelding toilet tomat tomater toner tusch tørklæde udstyr vand vanter vask
vin væske yoghurt æble æbler
""".split())
_MIN_PART = 3
_LINKING = "se"  # the Danish linking letters: affald-s-sække, gulv-e-klud


class Decompounder:
    def __init__(self, catalogue_words: Iterable[str] = ()) -> None:
        extra = {word for word in catalogue_words if len(word) >= _MIN_PART and word.isalpha()}
        self.words = CURATED | extra
        # Inflected heads ("kaffebønnerne") are accepted when their stem is the stem of a lexicon word.
        self.stems = {stem(word) for word in self.words if len(stem(word)) >= _MIN_PART}
        self._cache: dict[str, tuple[str, ...]] = {}

    def parts(self, token: str) -> tuple[str, ...]:
        """Heads and modifiers of a lower-case word, in Danish spelling; empty when it is not a compound."""
        found = self._cache.get(token)
        if found is None:
            found = self._cache[token] = self._split(token)
        return found

    def _split(self, token: str) -> tuple[str, ...]:
        if len(token) < 2 * _MIN_PART or not token.isalpha():
            return ()
        parts: list[str] = []
        for cut in range(_MIN_PART, len(token) - _MIN_PART + 1):
            head = token[cut:]
            if head not in self.words and stem(head) not in self.stems:
                continue
            parts.append(head)
            modifier = token[:cut]
            if modifier in self.words:
                parts.append(modifier)
            elif modifier[-1] in _LINKING and modifier[:-1] in self.words and cut > _MIN_PART:
                parts.append(modifier[:-1])
        return tuple(dict.fromkeys(parts))
