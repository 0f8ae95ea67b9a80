"""The punch-out session as the shop keeps it: in a signed token, never on the server."""

import secrets
from dataclasses import dataclass
from typing import Any

OPERATIONS = ("create", "edit", "inspect")


@dataclass(frozen=True)
class ShopSession:
    """What the shop must remember between setup and return.

    `buyer` holds the cXML From credentials (domain, identity) the cart goes back To; `target` is OCI's
    ~TARGET frame for the return form.
    """

    sid: str
    shop: str
    protocol: str
    operation: str
    return_url: str
    buyer_cookie: str | None = None
    target: str | None = None
    buyer: tuple[tuple[str, str], ...] = ()
    deployment_mode: str = "production"

    @property
    def read_only(self) -> bool:
        return self.operation == "inspect"

    @property
    def reference(self) -> str:
        """The shop's cart reference, as printed on its pages and carried in every AuxID."""
        return self.sid[:8].upper()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sid": self.sid,
            "shop": self.shop,
            "protocol": self.protocol,
            "op": self.operation,
            "ret": self.return_url,
            "cookie": self.buyer_cookie,
            "target": self.target,
            "buyer": [list(pair) for pair in self.buyer],
            "mode": self.deployment_mode,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ShopSession":
        return cls(
            sid=str(data["sid"]),
            shop=str(data["shop"]),
            protocol=str(data["protocol"]),
            operation=str(data["op"]),
            return_url=str(data["ret"]),
            buyer_cookie=data.get("cookie"),
            target=data.get("target"),
            buyer=tuple((str(d), str(i)) for d, i in data.get("buyer") or ()),
            deployment_mode=str(data.get("mode") or "production"),
        )


def new_sid() -> str:
    return secrets.token_hex(8)
