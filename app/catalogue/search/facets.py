"""Facet counts over the matching items: agreement, supplier, UNSPSC segment, label and price range."""

from collections import Counter
from collections.abc import Iterable

from app.catalogue.search.scope import Scope
from app.catalogue.search.terms import PRICE_BANDS
from app.catalogue.search.types import Candidate, FacetValue

# UNSPSC segments (the first level of the code) that public catalogues mostly use, in Danish.
SEGMENT_NAMES = {
    "10": "Levende planter og dyr", "14": "Papir og papirprodukter", "24": "Emballage og materialehåndtering",
    "39": "Elartikler og belysning", "40": "Ventilation, VVS og rør", "41": "Laboratorieudstyr",
    "42": "Medicinsk udstyr", "43": "IT og kommunikation", "44": "Kontorartikler og kontorudstyr",
    "46": "Sikkerhed og værnemidler", "47": "Rengøring", "48": "Køkken- og serviceudstyr",
    "49": "Sport og fritid", "50": "Fødevarer og drikkevarer", "52": "Husholdningsartikler",
    "53": "Tøj, tasker og personlig pleje", "55": "Tryksager", "56": "Møbler og inventar",
    "60": "Undervisningsmateriel og legetøj", "72": "Bygge- og anlægsydelser", "76": "Renovation og rengøring",
    "78": "Transport og opbevaring", "80": "Rådgivning og administration", "81": "IT- og ingeniørydelser",
    "82": "Grafiske ydelser og tryk", "85": "Sundhedsydelser", "86": "Uddannelse", "90": "Rejser, mad og logi",
}
_BOUNDS = (0, *PRICE_BANDS)


def price_value(band: int) -> str:
    return f"{_BOUNDS[band]}-{_BOUNDS[band + 1]}" if band + 1 < len(_BOUNDS) else f"{_BOUNDS[band]}-"


def _price_label(band: int) -> str:
    low = f"{_BOUNDS[band]:,}".replace(",", ".")
    if band + 1 == len(_BOUNDS):
        return f"over {low} kr."
    return f"{low}–{_BOUNDS[band + 1]:,} kr.".replace(",", ".")


def _ordered(counts: Counter, labels: dict) -> list[FacetValue]:  # type: ignore[type-arg]
    values = [FacetValue(str(key), labels[key], count) for key, count in counts.items()]
    return sorted(values, key=lambda facet: (-facet.count, facet.label.lower(), facet.value))


def facets(candidates: Iterable[Candidate], scope: Scope) -> dict[str, list[FacetValue]]:
    # Count distinct (version, segment, band, labels) combinations first, in C; a catalogue has few of them.
    combinations = Counter((c.version_id, c.segment, c.price_band, c.labels) for c in candidates)
    agreements: Counter[int] = Counter()
    suppliers: Counter[int] = Counter()
    segments: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    bands: Counter[int] = Counter()
    agreement_names: dict[int, str] = {}
    supplier_names: dict[int, str] = {}
    for (version, segment, band, label_text), count in combinations.items():
        info = scope.visible[version]
        agreements[info.agreement_id] += count
        suppliers[info.supplier_id] += count
        agreement_names[info.agreement_id] = info.agreement_number
        supplier_names[info.supplier_id] = info.supplier_name
        if segment:
            segments[segment] += count
        for label in (label_text or "").split("|"):
            if label:
                labels[label] += count
        bands[band] += count
    return {
        "agreement": _ordered(agreements, agreement_names),
        "supplier": _ordered(suppliers, supplier_names),
        "segment": _ordered(segments, {s: SEGMENT_NAMES.get(s, f"Segment {s}") for s in segments}),
        "label": _ordered(labels, {label: label for label in labels}),
        "price": [FacetValue(price_value(band), _price_label(band), bands[band]) for band in sorted(bands)],
    }
