"""Autogenerate an Alembic revision from the table definitions: `python scripts/new_migration.py "message"`.

It upgrades a scratch SQLite database to the current head and compares it with `storage/tables.py`.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from kaoping.storage.engine import alembic_config, make_engine, migrate


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate(engine)
        command.revision(alembic_config(engine), message=message, autogenerate=True)


if __name__ == "__main__":
    main()
