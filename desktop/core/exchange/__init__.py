"""The county exchange: export packages for a period or one case (hand-off), verification of
received packages, and their import and merge into a township or county database."""

from desktop.core.exchange.export import ExportResult, export_handoff, export_period
from desktop.core.exchange.merge import ImportReport, import_packages, preview
from desktop.core.exchange.verify import Package, PackageError, verify_package

__all__ = [
    "ExportResult",
    "ImportReport",
    "Package",
    "PackageError",
    "export_handoff",
    "export_period",
    "import_packages",
    "preview",
    "verify_package",
]
