"""SQLite engine whose transactions begin with ``BEGIN IMMEDIATE``.

Tortoise starts SQLite transactions with a plain (deferred) ``BEGIN``: the
transaction reads first and asks for the write lock at its first write. With
several processes on one database file (the API and its worker processes) a
read-then-write transaction whose snapshot went stale meanwhile fails at once
with "database is locked" (SQLITE_BUSY_SNAPSHOT; busy_timeout does not apply),
so a quota check followed by the image row insert failed now and then under
two workers. Taking the write lock at BEGIN makes the transaction wait its turn
(busy_timeout) and read the latest data instead.
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError

ENGINE = "gql_invoke.db.sqlite_immediate"


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
