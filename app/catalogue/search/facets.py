"""Facet counts over the matching items: agreement, supplier, UNSPSC segment, label and price range."""

from collections import Counter
from collections.abc import Iterable

from app.catalogue.search.scope import Scope
from app.catalogue.search.terms import PRICE_BANDS
from app.catalogue.search.types import Candidate, FacetValue
from app.kit.i18n import N_, _, format_number

# UNSPSC segments (the first level of the code) that public catalogues mostly use; translated when shown.
SEGMENT_NAMES = {
    "10": N_("Live plants and animals"),
    "14": N_("Paper and paper products"),
    "24": N_("Packaging and material handling"),
    "39": N_("Electrical supplies and lighting"),
    "40": N_("Ventilation, plumbing and piping"),
    "41": N_("Laboratory equipment"),
    "42": N_("Medical equipment"),
    "43": N_("IT and communications"),
    "44": N_("Office supplies and equipment"),
    "46": N_("Safety and protective equipment"),
    "47": N_("Cleaning"),
    "48": N_("Kitchen and service equipment"),
    "49": N_("Sports and recreation"),
    "50": N_("Food and beverages"),
    "52": N_("Household goods"),
    "53": N_("Clothing, bags and personal care"),
    "55": N_("Printed matter"),
    "56": N_("Furniture and furnishings"),
    "60": N_("Teaching materials and toys"),
    "72": N_("Building and construction services"),
    "76": N_("Waste and cleaning services"),
    "78": N_("Transport and storage"),
    "80": N_("Consulting and administration"),
    "81": N_("IT and engineering services"),
    "82": N_("Graphic design and printing"),
    "85": N_("Health care services"),
    "86": N_("Education"),
    "90": N_("Travel, food and lodging"),
}
_BOUNDS = (0, *PRICE_BANDS)


def _segment_name(code: str) -> str:
    name = SEGMENT_NAMES.get(code)
    return _(name) if name else _("Segment %(code)s") % {"code": code}


def price_value(band: int) -> str:
    return f"{_BOUNDS[band]}-{_BOUNDS[band + 1]}" if band + 1 < len(_BOUNDS) else f"{_BOUNDS[band]}-"


def _price_label(band: int) -> str:
    low = format_number(_BOUNDS[band], 0)
    if band + 1 == len(_BOUNDS):
        return _("over DKK %(low)s") % {"low": low}
    return _("DKK %(low)s–%(high)s") % {"low": low, "high": format_number(_BOUNDS[band + 1], 0)}


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
        "segment": _ordered(segments, {s: _segment_name(s) for s in segments}),
        "label": _ordered(labels, {label: label for label in labels}),
        "price": [FacetValue(price_value(band), _price_label(band), bands[band]) for band in sorted(bands)],
    }
