"""Product pictures drawn as inline SVG, so the shop needs no image files and no network.

The picture is decorative beside the product's name, so it is hidden from screen readers; the product
page gives it a text alternative instead (see the templates).
"""

import zlib
from xml.sax.saxutils import escape

from app.demo_supplier.products import Product

# Colours dark enough for white text at 4.5:1 (WCAG 1.4.3).
PALETTE = ("#1d5c3a", "#1f4e8c", "#8a3b12", "#5b2a86", "#0f5d63", "#7a2848", "#4a5a12", "#3b4652")


def _initials(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def product_svg(product: Product, size: int = 160) -> str:
    colour = PALETTE[zlib.crc32(product.unspsc[:4].encode()) % len(PALETTE)]
    initials = escape(_initials(product.name))
    if product.is_service:
        shape = '<circle cx="50" cy="44" r="24" fill="none" stroke="#fff" stroke-width="5" stroke-dasharray="9 5"/>'
    elif product.unspsc.startswith("43"):
        shape = (
            '<rect x="22" y="22" width="56" height="38" rx="3" fill="none" stroke="#fff" stroke-width="4"/>'
        )
    else:
        shape = '<circle cx="50" cy="42" r="26" fill="#ffffff" fill-opacity="0.18"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" height="{size}" '
        f'aria-hidden="true" focusable="false" class="product-image">'
        f'<rect width="100" height="100" rx="8" fill="{colour}"/>{shape}'
        f'<text x="50" y="50" text-anchor="middle" font-family="sans-serif" font-size="20" '
        f'font-weight="bold" fill="#fff">{initials}</text>'
        f'<text x="50" y="86" text-anchor="middle" font-family="sans-serif" font-size="10" '
        f'fill="#fff">{escape(product.item_number)}</text></svg>'
    )
