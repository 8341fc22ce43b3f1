"""Logging for the server and its workers: our lines shown, third-party noise quieted.

Without a handler the project's own INFO lines were dropped while transformers'
warnings and progress bars printed. ``configure`` gives the ``gql_invoke`` loggers one
stderr handler at ``log_level`` and turns the Hugging Face libraries down to errors,
through their environment variables too, so worker processes started later (which
import them) inherit it.
"""

from __future__ import annotations

import logging
import os
import sys

QUIET_ENV = {
    "TRANSFORMERS_VERBOSITY": "error",
    "DIFFUSERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}
QUIET_LOGGERS = ("transformers", "diffusers", "huggingface_hub", "PIL", "asyncio", "aerich")
_HANDLER_NAME = "gql-invoke"


def configure(level: str) -> None:
    """Show ``gql_invoke.*`` at ``level`` on stderr (idempotent); quiet the rest."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    ours = logging.getLogger("gql_invoke")
    # "trace" is uvicorn's level below debug; ours stops at debug.
    ours.setLevel("DEBUG" if level.lower() == "trace" else level.upper())
    if not any(h.get_name() == _HANDLER_NAME for h in ours.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        ours.addHandler(handler)
    ours.propagate = False
