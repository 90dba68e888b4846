"""structlog, configured in one place from the settings.

Log lines are events with fields (``log.info("extract.completed", chars=2769, llm_calls=4)``), never
f-strings, and never carry article text, prompts, model answers or keys: identify a document by
its SHA-256 and its length.

Output is one JSON object per line on stderr, unless stderr is a TTY (then a readable console
format); ``Settings.log_json`` overrides the guess. Records of the standard ``logging`` module
(Litestar, httpx) go through the same renderer, so the stream stays one format. instructor's own
logger is silenced: its retry messages carry validation errors, which quote the model's answer
(and so, possibly, the article); the backend reports those failures as our own errors instead.
httpx logs only warnings: at INFO it writes a line for every model call, dozens per request. So do
the openai SDK, whose DEBUG lines hold each request's messages, and httpcore.
With ``Settings.testing`` loggers are not cached, so ``structlog.testing.capture_logs()`` also
sees module-level loggers bound earlier.
"""

from __future__ import annotations

import logging
import sys

import structlog

from api.settings import Settings

_HANDLER_NAME = "conflict-extract"
# httpx: one INFO line per model call; openai: at DEBUG it logs every request's options, messages (the
# article and the prompt) included; httpcore: a DEBUG line per connection step
_QUIET = {"instructor": logging.CRITICAL + 1, "httpx": logging.WARNING, "openai": logging.WARNING,
          "httpcore": logging.WARNING}
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
    stamp = structlog.processors.TimeStamper(fmt="iso", utc=True)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars, structlog.processors.add_log_level, stamp, renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS[settings.log_level]),
        logger_factory=structlog.WriteLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=not settings.testing,
    )
    configure_stdlib(settings, renderer, stamp)


def configure_stdlib(settings: Settings, renderer: structlog.typing.Processor,
                     stamp: structlog.typing.Processor) -> None:
    """Render standard-library records like structlog's; replace only the handler installed here."""
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name, stamp],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    ))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != _HANDLER_NAME] + [handler]
    root.setLevel(_LEVELS[settings.log_level])
    for name, level in _QUIET.items():
        logging.getLogger(name).setLevel(level)
