"""Sign-in rules: password check with throttling, server-side sessions, API tokens, building the principal."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.auth import repository
from app.auth.passwords import dummy_hash, verify_password
from app.auth.principal import Principal, expand_coverage
from app.config import get_settings
from app.models import ApiToken, LoginAttempt, User, UserSession
from app.models.base import utcnow

TOKEN_PREFIX = "ptl_"


def hash_token(token: str) -> str:
    # Tokens are 256-bit random values, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(slots=True)
class SignInResult:
    user: User | None
    error: str | None = None  # "invalid", "locked", "inactive"
    retry_after_minutes: int = 0


def authenticate(session: Session, email: str, password: str, ip: str | None) -> SignInResult:
    """Check a password. Records the attempt; never raises, so the attempt is stored even when it fails."""
    settings = get_settings()
    email = email.strip().lower()
    now = utcnow()
    window = timedelta(minutes=settings.login_failure_window_minutes)
    failures, oldest = repository.recent_failures(session, email, now - window)
    if failures >= settings.login_max_failures and oldest is not None:
        remaining = (oldest + window - now).total_seconds()
        return SignInResult(None, "locked", max(1, int(remaining // 60) + 1))

    user = repository.get_user_by_email(session, email)
    ok = verify_password(user.password_hash if user else dummy_hash(), password)
    if ok and user is not None and not user.is_active:
        session.add(LoginAttempt(email=email, ip=ip, at=now, success=False))
        return SignInResult(None, "inactive")
    session.add(LoginAttempt(email=email, ip=ip, at=now, success=ok and user is not None))
    if not ok or user is None:
        return SignInResult(None, "invalid")
    return SignInResult(user)


def start_session(session: Session, user: User, ip: str | None, user_agent: str | None) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + timedelta(hours=get_settings().session_max_age_hours),
            ip=ip,
            user_agent=(user_agent or "")[:300],
        )
    )
    return token


def end_session(session: Session, token: str | None) -> None:
    if not token:
        return
    row = repository.find_session(session, hash_token(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


def user_id_for_session(session: Session, token: str) -> int | None:
    row = repository.find_session(session, hash_token(token))
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    return row.user_id


def create_api_token(session: Session, user: User, name: str, expires_at: datetime | None = None) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            user_id=user.id,
            name=name,
            prefix=token[:12],
            token_hash=hash_token(token),
            created_at=utcnow(),
            expires_at=expires_at,
        )
    )
    return token


# `last_used_at` is kept to the minute: written on every request it made each API call, reads included, a write
# transaction (a WAL flush on PostgreSQL, the token row locked until commit).
LAST_USED_PRECISION = timedelta(minutes=1)


def user_id_for_api_token(session: Session, token: str) -> int | None:
    row = repository.find_token(session, hash_token(token))
    now = utcnow()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        row.last_used_at = now
    return row.user_id


def load_principal(session: Session, user_id: int, *, via_token: bool = False) -> Principal | None:
    user = repository.get_user_with_municipality(session, user_id)
    if user is None or not user.is_active:
        return None
    tree = repository.department_tree(session, user.municipality_id)
    return Principal(
        user_id=user.id,
        email=user.email,
        name=user.name,
        municipality_id=user.municipality_id,
        municipality_name=user.municipality.name,
        department_id=user.department_id,
        language=user.language,
        coverage=expand_coverage(repository.role_rows(session, user.id), tree),
        all_department_ids=frozenset(tree),
        via_token=via_token,
    )


def set_language(session: Session, user_id: int, language: str) -> None:
    user = session.get(User, user_id)
    if user is not None:
        user.language = language
