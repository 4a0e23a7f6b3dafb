"""Every table module, imported once so the metadata (and Alembic) sees the whole schema."""

from kaoping.storage import (  # noqa: F401  (imported for their table definitions)
    bank_tables,
    certificates_tables,
    exams_tables,
    exchange_tables,
    intake_tables,
    photos_tables,
    plan_tables,
    sampling_tables,
    scores_tables,
    sites_tables,
    stock_tables,
    tables,
)
from kaoping.storage.tables import Base

metadata = Base.metadata

__all__ = ["Base", "metadata"]
