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
affald arbejdsplads ark bakke bakker balsam batteri batterier beholder bind blok blyant blyanter blæk bolle boller
bord borde brød bønne bønner børste børster bæger bægre creme desinfektion dug duge dunk dåse dåser eddike etiket
etiketter fad fade filet fileter film filter filtre fisk flaske flasker fløde folie frugt gaffel gafler gel glas
grønt gryde gryder gryn gulv hakket handske handsker hvede havre hylde hylder hæfte hæfter hånd hår installation
juice kabel kabler kaffe kage kager kaps kapsler karton kasse kasser kiks klammer klud klude kniv knive kop kopi
kopper kost krus kuvert kuverter kylling køkken kød lager lak laks lampe lamper lim linser liste lister låg
marker mappe mapper maskine maskiner mel middel mikrofiber mus mælk nødder olie opvask oplader ost papir pasta
patron patroner pen penne peber plade plader pose poser pude puder pære pærer rengøring ris rug rulle ruller
saft salt sand saks service serviet servietter shampoo skab skabe skraber skærm skærme skinke sko smør spand
spande stativ stol stole sukker sæbe sæk sække tallerken tallerkener tape taske tasker tilmelding toilet
tomat tomater toner tusch tørklæde vand vanter vask vin væske æble æbler adapter blanding chokolade computer drik drikke headset højttaler kakao kalender
kridt krydderi krydderier lineal lomme lommer marmelade mikrofon moppe mopper pålæg pølse pølser sauce sennep
skum spray suppe svamp svampe tavle tavler telefon udstyr yoghurt
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
