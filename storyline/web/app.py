"""The web app: API and pages over one ledger, read-only unless review is enabled.

Safety, per issue 13: every page sets a strict Content-Security-Policy (scripts and styles only from this
server's static files, no inline script, no plugins, no framing), ``nosniff``; the only files served are
the packaged static folder and the Swagger UI files fastapi-offline ships (StaticFiles refuses paths that
leave its folder); a malformed query parameter gets a 4xx with a one-line JSON message.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.store import StoreError
from storyline.web import api, pages
from storyline.web.reader import LedgerReader

STATIC = Path(__file__).parent / "static"
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(db: str | Path, review: bool = False, reviewer: str | None = None, token: str | None = None) -> FastAPI:
    """The app over the ledger at ``db`` (opened read-only; StoreError if it cannot be read).

    With ``review`` the app is in review mode: pages show the review controls, and the review package's
    routes (``storyline.review.web.router``, when it exists) are mounted; its write requests must carry
    ``token`` (``app.state.review_token``).
    """
    app = FastAPI(
        title="storyline",
        summary="A sourced event ledger: stories, events, their claims and the sentences that state them.",
        docs_url=None, redoc_url=None,  # /docs is served from packaged files, not a CDN
    )
    app.state.reader = LedgerReader(db)
    app.state.review_mode = review
    app.state.review_token = token
    app.state.reviewer = reviewer
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    app.include_router(api.router)
    app.include_router(pages.router)
    if review:
        _mount_review(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _validation_message(error)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(StoreError)
    async def unusable_ledger(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"error": str(error)}, status_code=503)

    return app


def _validation_message(error: RequestValidationError) -> str:
    """FastAPI's list of errors as one line a person reads: which parameter, and what is wrong with it."""
    parts = []
    for problem in error.errors():
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body")]
        parts.append(f"{problem.get('loc', ('',))[0]} parameter {'.'.join(where)!r}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "malformed request"


def _mount_review(app: FastAPI) -> None:
    """The seam for the review package: its router, when it is there."""
    try:
        from storyline.review.web import router as review_router  # type: ignore[import-not-found]
    except ImportError:
        return
    app.include_router(review_router)


__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]
