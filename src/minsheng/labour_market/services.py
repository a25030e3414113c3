"""Every write of labour-market statistics (each audited, in one transaction):

- `take_snapshot` (snapshots): the operational tables as of a day, to Parquet;
- `generate_release`, `review_release`, `publish_release` (releases): draft → reviewed →
  published; `verify_release` recomputes a release from its snapshot and lists differences;
- `import_wage_survey` (wage_import): an enterprise salary survey CSV, all rows or none.
"""

from minsheng.labour_market.releases import (
    generate_release,
    publish_release,
    review_release,
    verify_release,
)
from minsheng.labour_market.snapshots import covering_snapshot, take_snapshot
from minsheng.labour_market.wage_import import (
    WageImportOutcome,
    WageImportRejected,
    import_wage_survey,
)

__all__ = [
    "WageImportOutcome",
    "WageImportRejected",
    "covering_snapshot",
    "generate_release",
    "import_wage_survey",
    "publish_release",
    "review_release",
    "take_snapshot",
    "verify_release",
]
