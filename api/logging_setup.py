"""structlog, configured in one place from the settings.

Log lines are events with fields (``log.info("extract.completed", chars=2769, llm_calls=4)``), never
f-strings, and never carry article text, prompts, model answers or keys: identify a document by
its SHA-256 and its length.

Output is one JSON object per line on stderr, unless stderr is a TTY (then a readable console
format); ``Settings.log_json`` overrides the guess. With ``Settings.testing`` loggers are not
cached, so ``structlog.testing.capture_logs()`` also sees module-level loggers bound earlier.
"""

from __future__ import annotations

import logging
import sys

import structlog

from api.settings import Settings

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def use_json(settings: Settings) -> bool:
    """JSON lines unless a person is watching stderr, or the settings say otherwise."""
    if settings.log_json is not None:
        return settings.log_json
    return not sys.stderr.isatty()


def configure_logging(settings: Settings) -> None:
    """(Re)configure structlog for the whole process; the app factory calls this once per app."""
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if use_json(settings) else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS[settings.log_level]),
        logger_factory=structlog.WriteLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=not settings.testing,
    )
