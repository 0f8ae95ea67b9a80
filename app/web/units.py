"""Unit codes (UN/ECE Recommendation 20 and 21, as catalogues and orders carry them) in words staff read."""

from app.kit.i18n import _


def unit_name(code: str | None) -> str:
    if not code:
        return ""
    names = {
        "EA": _("pcs."),
        "C62": _("pcs."),
        "H87": _("pcs."),
        "PR": _("pair"),
        "SET": _("set"),
        "DZN": _("dozen"),
        "KGM": "kg",
        "GRM": "g",
        "MGM": "mg",
        "LTR": "l",
        "CLT": "cl",
        "DLT": "dl",
        "MLT": "ml",
        "MTR": "m",
        "CMT": "cm",
        "MMT": "mm",
        "MTK": "m²",
        "MTQ": "m³",
        "KWH": "kWh",
        "HUR": _("hour"),
        "DAY": _("day"),
        "WEE": _("week"),
        "MON": _("month"),
        "ANN": _("year"),
        "BG": _("bag"),
        "BX": _("box"),
        "PK": _("pack"),
        "PU": _("tray"),
        "BO": _("bottle"),
        "CA": _("can"),
        "CT": _("carton"),
        "CS": _("case"),
        "SA": _("sack"),
        "RO": _("roll"),
        "TU": _("tube"),
        "JR": _("jar"),
        "BJ": _("bucket"),
        "CI": _("canister"),
        "BE": _("bundle"),
        "PX": _("pallet"),
        "ST": _("sheet"),
    }
    return names.get(code, code)
