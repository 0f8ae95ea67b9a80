"""Signed tokens: the whole punch-out session travels in the URL and the cart in a cookie, so any worker
(or a restarted one) can serve any request without shared state.

Each token kind has its own salt, so a cart cookie can never pass for a start page and vice versa. The
expiry is inside the signed payload and checked against an injectable clock, which tests wind forward.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

START = "start"
SESSION = "session"
CART = "cart"
# Infor Rhythm gives its StartPage 5 minutes (reference §5); the shopping itself may take a while longer.
LIFETIME = {START: 300, SESSION: 2 * 3600, CART: 2 * 3600}

Clock = Callable[[], float]


class TokenError(Exception):
    """A token that is not ours, was changed, has expired or was used already."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class Signer:
    def __init__(self, secret: str, clock: Clock = time.time) -> None:
        self._secret = secret
        self.clock = clock

    def _serializer(self, kind: str) -> URLSafeSerializer:
        return URLSafeSerializer(
            self._secret, salt=f"demo-supplier-{kind}", signer_kwargs={"digest_method": hashlib.sha256}
        )

    def dump(self, kind: str, data: dict[str, Any], lifetime: int | None = None) -> str:
        payload = {**data, "exp": int(self.clock()) + (lifetime or LIFETIME[kind])}
        return self._serializer(kind).dumps(payload)

    def load(self, kind: str, token: str) -> dict[str, Any]:
        """The payload, or `TokenError` with reason "invalid" or "expired"."""
        try:
            payload = self._serializer(kind).loads(token)
        except BadSignature as exc:
            raise TokenError("invalid") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int):
            raise TokenError("invalid")
        if payload["exp"] < self.clock():
            raise TokenError("expired")
        return payload


class ReplayGuard:
    """Start pages already used, so a StartPage URL opens the shop once.

    This one piece of state is per process: a second worker would accept a replay within the start token's
    five minutes. That is the price of keeping the demo shop free of a database; the short expiry bounds it.
    """

    def __init__(self, clock: Clock = time.time) -> None:
        self._clock = clock
        self._used: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_use(self, nonce: str, expires_at: float) -> bool:
        with self._lock:
            now = self._clock()
            self._used = {n: exp for n, exp in self._used.items() if exp >= now}
            if nonce in self._used:
                return False
            self._used[nonce] = expires_at
            return True
