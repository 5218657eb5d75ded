"""The county exchange: export packages for a period or one case (hand-off), verification of
received packages, and their import and merge into a township or county database."""

from desktop.core.exchange.export import ExportResult, export_handoff, export_period
from desktop.core.exchange.handoff import hand_over
from desktop.core.exchange.merge import ImportReport, KeyChangedError, import_packages, preview
from desktop.core.exchange.verify import Package, PackageError, verify_package

__all__ = [
    "ExportResult",
    "ImportReport",
    "KeyChangedError",
    "Package",
    "PackageError",
    "export_handoff",
    "export_period",
    "hand_over",
    "import_packages",
    "preview",
    "verify_package",
]
