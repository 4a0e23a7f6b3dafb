"""Autogenerate an Alembic revision from the table definitions.

    python scripts/new_migration.py "message" [--rev-id 0007_name] [--head 0002]

It upgrades a scratch SQLite database to every current head and compares it with the tables in
`storage/schema.py`; the new revision's parent is `--head` (default: the single current head).
Review the generated file and keep only the operations that belong to the change.
"""

import argparse
import tempfile
from pathlib import Path

from alembic import command

from kaoping.storage.engine import alembic_config, make_engine, migrate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--rev-id")
    parser.add_argument("--head", default="head")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate(engine)
        command.revision(
            alembic_config(engine),
            message=args.message,
            autogenerate=True,
            rev_id=args.rev_id,
            head=args.head,
            splice=args.head != "head",
        )


if __name__ == "__main__":
    main()
