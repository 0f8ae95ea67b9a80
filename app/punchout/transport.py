"""Server-to-server cXML over HTTPS, and the log of each exchange with its secrets blanked.

Both status layers count (reference §4): an HTTP 200 may carry a cXML 401, and an HTML error page or a timeout
is no cXML at all. Nothing here raises on a supplier's failure; the caller gets a `Reply` and decides.
"""

import threading
import time
from dataclasses import dataclass

import httpx
from sqlalchemy.orm import Session

from app.models import PunchoutConnection, PunchoutExchange
from app.models.base import utcnow
from punchout import redact_secrets

# Requests go out with TLS verification on and no redirects: a setup URL that redirects is misconfigured, and
# following it would send the shared secret somewhere nobody configured.
_transport: httpx.BaseTransport | None = None
_client: httpx.Client | None = None
_client_lock = threading.Lock()
MAX_RESPONSE_BYTES = 2 * 1024 * 1024
MAX_LOGGED_CHARS = 200_000


def use_transport(transport: httpx.BaseTransport | None) -> None:
    """Route supplier requests through `transport` (tests and benchmarks talk to an in-process shop)."""
    global _transport, _client
    with _client_lock:
        _transport = transport
        if _client is not None:
            _client.close()
        _client = None


def _shared_client() -> httpx.Client:
    """One client per process, shared by its threads (httpx clients are thread-safe): building one loads the CA
    certificates into a new TLS context, which costs more than a whole setup request, and a shared one keeps
    connections to the shops open between requests."""
    global _client
    with _client_lock:
        if _client is None:
            _client = httpx.Client(transport=_transport, verify=True, follow_redirects=False)
        return _client


@dataclass
class Reply:
    http_status: int | None
    body: bytes | None
    duration_ms: int
    failure: str | None = None  # timeout, connect, tls, too_large, http


def post_cxml(url: str, document: bytes, timeout_seconds: float) -> Reply:
    return _exchange("POST", url, timeout_seconds, document, {"Content-Type": 'text/xml; charset="UTF-8"'})


def get(url: str, timeout_seconds: float, max_bytes: int = MAX_RESPONSE_BYTES) -> Reply:
    """A plain GET without credentials, to see whether a shop answers at all (the OCI connection test). The
    answer is cut at `max_bytes`: only its start is logged."""
    return _exchange("GET", url, timeout_seconds, None, {}, max_bytes=max_bytes, cut=True)


def _exchange(
    method: str,
    url: str,
    timeout_seconds: float,
    content: bytes | None,
    headers: dict[str, str],
    *,
    max_bytes: int = MAX_RESPONSE_BYTES,
    cut: bool = False,
) -> Reply:
    started = time.perf_counter()
    timeout = httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, 5.0))
    try:
        with _shared_client().stream(
            method, url, content=content, headers=headers, timeout=timeout
        ) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    if cut:
                        break
                    return Reply(response.status_code, bytes(body[:4096]), _ms(started), "too_large")
            return Reply(response.status_code, bytes(body[:max_bytes]), _ms(started))
    except httpx.TimeoutException:
        return Reply(None, None, _ms(started), "timeout")
    except httpx.ConnectError as exc:
        failure = "tls" if "SSL" in str(exc) or "certificate" in str(exc).lower() else "connect"
        return Reply(None, None, _ms(started), failure)
    except httpx.HTTPError:
        return Reply(None, None, _ms(started), "http")


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def log_exchange(
    session: Session,
    connection: PunchoutConnection,
    kind: str,
    request_text: bytes | str | None,
    reply: Reply | None,
    outcome: str,
    *,
    cxml_status: int | None = None,
    session_id: int | None = None,
) -> PunchoutExchange:
    exchange = PunchoutExchange(
        municipality_id=connection.municipality_id,
        connection_id=connection.id,
        session_id=session_id,
        kind=kind,
        created_at=utcnow(),
        duration_ms=reply.duration_ms if reply else None,
        http_status=reply.http_status if reply else None,
        cxml_status=cxml_status,
        outcome=outcome,
        request_text=_loggable(request_text),
        response_text=_loggable(reply.body if reply else None),
    )
    session.add(exchange)
    return exchange


def _loggable(data: bytes | str | None) -> str | None:
    if data is None:
        return None
    return redact_secrets(data)[:MAX_LOGGED_CHARS]
