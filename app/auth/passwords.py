"""argon2id password hashing (RFC 9106), with cost from settings so tests can lower it."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.config import get_settings

MIN_PASSWORD_LENGTH = 8


@lru_cache
def _hasher() -> PasswordHasher:
    settings = get_settings()
    return PasswordHasher(time_cost=settings.password_time_cost, memory_cost=settings.password_memory_kib)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password.
@lru_cache
def dummy_hash() -> str:
    return hash_password("not-a-real-password")
