"""Conflict-event extraction service: Litestar app, settings, errors and the extraction pipeline."""
