"""The CLI's one refusal type, apart from cli.py so command modules (cli_db.py) that
cli.py imports can raise it without importing cli.py back (no cycle).

`cli.main` prints the message as one line on stderr and exits 2: say what to do next.
"""

from __future__ import annotations


class CliError(Exception):
    pass
