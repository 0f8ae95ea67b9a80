"""Eco and quality labels: one canonical name per label, whatever spelling the supplier used.

Buyers filter on labels ("only Svanemærket cleaning products"), so "svanemaerket", "Svanen" and "Nordic Swan"
must land on the same name. Unknown labels are kept as written rather than dropped.
"""

import re
import unicodedata
from functools import lru_cache

LABELS = {
    "Svanemærket": [
        "Svanemærket",
        "Svanemærke",
        "Svanen",
        "Nordic Swan",
        "Nordic Swan Ecolabel",
        "Nordic Ecolabel",
        "Nordisk Miljømærkning",
    ],
    "EU Ecolabel": [
        "EU Ecolabel",
        "EU-Ecolabel",
        "EU Blomsten",
        "Blomsten",
        "EU-Blomsten",
        "Euroblomsten",
        "EU Flower",
    ],
    "Ø-mærket": ["Ø-mærket", "Ø-mærke", "Økologisk", "Økologi", "Statskontrolleret økologisk", "Organic"],
    "EU-økologimærket": ["EU-økologimærket", "EU økologi", "EU organic", "EU Organic Logo", "Euroblad"],
    "Fairtrade": ["Fairtrade", "Fair Trade", "Fairtrade Mærket", "Max Havelaar"],
    "MSC": ["MSC", "MSC-mærket", "Marine Stewardship Council"],
    "ASC": ["ASC", "ASC-mærket", "Aquaculture Stewardship Council"],
    "Nøglehulsmærket": ["Nøglehulsmærket", "Nøglehullet", "Nøglehul", "Keyhole"],
    "FSC": ["FSC", "FSC-mærket", "FSC Mix", "FSC 100%", "FSC Recycled", "Forest Stewardship Council"],
    "PEFC": ["PEFC", "PEFC-mærket"],
    "Energy Star": ["Energy Star", "EnergyStar"],
    "TCO Certified": ["TCO Certified", "TCO", "TCO-certificeret", "TCO Development"],
    "Blå Engel": ["Blå Engel", "Blauer Engel", "Blue Angel", "Der Blaue Engel"],
}

_SPLIT = re.compile(r"[,;|/\n]+")


def fold(text: str) -> str:
    """A loose key: lower case, Danish letters spelt out and then collapsed, so ø, oe and o all meet."""
    text = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9%]", "", text)
    return text.replace("aa", "a").replace("ae", "a").replace("oe", "o")


_BY_KEY = {fold(alias): name for name, aliases in LABELS.items() for alias in aliases}
_BY_KEY.update({fold(name): name for name in LABELS})


@lru_cache(maxsize=1024)
def canonical_label(text: str) -> str | None:
    """The canonical name of a known label, or None."""
    key = fold(text)
    return _BY_KEY.get(key) or _BY_KEY.get(key.removesuffix("certified").removesuffix("certificeret"))


def normalise_labels(values: list[str] | str) -> list[str]:
    """Split a cell such as "Svanemærket, EU Ecolabel" and return canonical names, unknown ones as written."""
    parts = _SPLIT.split(values) if isinstance(values, str) else values
    result: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        name = canonical_label(part) or part
        if name not in result:
            result.append(name)
    return result
