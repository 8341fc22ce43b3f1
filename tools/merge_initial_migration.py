"""Merge aerich's SQLite and PostgreSQL initial migrations into one dialect-aware file.

aerich writes SQL for the dialect it was run against; the server supports both,
so the committed migration picks the SQL for the connection it runs on.
Usage: python tools/merge_initial_migration.py SQLITE_FILE PG_FILE OUT_FILE
"""

import re
import sys
from pathlib import Path

SYSTEM_USER = """
INSERT INTO "users" ("id", "email", "display_name", "password_hash", "is_admin", "is_active",
    "is_system", "token_version", "created_at", "updated_at")
VALUES ('00000000-0000-0000-0000-000000000000', 'system@system.invalid', 'System', NULL,
    {false}, {true}, {true}, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
"""


def sql_parts(text: str) -> tuple[str, str, str]:
    body = r'\(db: BaseDBAsyncClient\) -> str:\n    return """(.*?)"""'
    up = re.search(r"async def upgrade" + body, text, re.S)
    down = re.search(r"async def downgrade" + body, text, re.S)
    state = text[text.index("MODELS_STATE = (") :]
    assert up and down
    return up.group(1), down.group(1), state


def main() -> None:
    sqlite_text, pg_text = Path(sys.argv[1]).read_text(), Path(sys.argv[2]).read_text()
    s_up, s_down, state = sql_parts(sqlite_text)
    p_up, p_down, _ = sql_parts(pg_text)
    out = f'''"""Initial schema, and the built-in system user that single-user mode acts as."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE_UP = """{s_up}
{SYSTEM_USER.format(true=1, false=0)}"""

POSTGRES_UP = """{p_up}
{SYSTEM_USER.format(true="TRUE", false="FALSE")}"""

SQLITE_DOWN = """{s_down}"""

POSTGRES_DOWN = """{p_down}"""


def _is_postgres(db: BaseDBAsyncClient) -> bool:
    return db.capabilities.dialect == "postgres"


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_UP if _is_postgres(db) else SQLITE_UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES_DOWN if _is_postgres(db) else SQLITE_DOWN


{state}'''
    Path(sys.argv[3]).write_text(out)


if __name__ == "__main__":
    main()
