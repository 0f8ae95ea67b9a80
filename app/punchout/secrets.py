"""Connection secrets encrypted at rest.

The key is derived from the portal's secret key with HKDF (RFC 5869), under its own label so it is never the key
that signs sessions. Fernet adds authentication, so a tampered ciphertext fails instead of decrypting to garbage.
Rotating PORTAL_SECRET_KEY makes stored secrets unreadable; they must then be entered again.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.config import get_settings

_INFO = b"ehandel punch-out connection secret v1"


@lru_cache
def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(plain: str) -> str:
    return _fernet(get_settings().resolved_secret_key()).encrypt(plain.encode()).decode("ascii")


def decrypt_secret(ciphertext: str | None) -> str | None:
    if not ciphertext:
        return None
    try:
        return _fernet(get_settings().resolved_secret_key()).decrypt(ciphertext.encode("ascii")).decode()
    except InvalidToken:
        raise SecretUnreadable() from None


class SecretUnreadable(Exception):
    """The secret was encrypted under another secret key."""
