"""Response headers that keep untrusted article text inert in the browser,
and the Host names the server answers.

Articles are written by others; a page quoting one must never run its code.
Templates escape everything; on top of that, the Content-Security-Policy
allows scripts only from our own static files (no inline scripts, no eval:
charts use Vega's expression interpreter), forbids plugins and framing.

A local server that answers any Host header can be read by any web page the
user visits, through DNS rebinding (the page's own name made to point at
127.0.0.1). So only the names the server is bound to are answered
(starlette's ``TrustedHostMiddleware``; other names get 400).
"""

from __future__ import annotations

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Always answered: the loopback names.
LOCAL_HOSTS = ("localhost", "127.0.0.1")


def allowed_host_names(extra: tuple[str, ...] = ()) -> list[str]:
    """The Host names answered: the loopback names plus ``extra`` (the address
    the server listens on and names given with --allowed-host). A wildcard
    address (0.0.0.0) is no name a browser sends, so it adds nothing."""
    out = list(LOCAL_HOSTS)
    for h in extra:
        h = h.strip().lower()
        if h and h not in ("0.0.0.0", "::", "[::]") and h not in out:
            out.append(h)
    return out


class HostCheck(TrustedHostMiddleware):
    """Answers only the allowed Host names (400 otherwise)."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        super().__init__(app, allowed_hosts=allowed, www_redirect=False)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    b"content-security-policy": CSP.encode(),
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
}


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS.items() if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
