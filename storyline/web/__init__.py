"""The ledger in a browser and over HTTP: ``storyline serve`` runs ``create_app`` on uvicorn."""

from storyline.web.app import create_app

__all__ = ["create_app"]
