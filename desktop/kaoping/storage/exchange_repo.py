"""Storage of the holiday table, trusted signers, package registers and exchanged records in SQL.

One repository for the services, assembled from a part per subject; each part works on the
same session.
"""

from __future__ import annotations

from kaoping.storage.exchange_merge import SiteResults
from kaoping.storage.exchange_registers import HolidayTable, PackageRegisters
from kaoping.storage.exchange_report import Approvals, DossierRows, ReportRows
from kaoping.storage.exchange_site import SitePackages


class SqlExchangeRepository(
    HolidayTable, PackageRegisters, ReportRows, Approvals, SitePackages, SiteResults, DossierRows
):
    """Implements `services.ports.exchange.ExchangeRepository`."""
