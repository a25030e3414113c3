"""Where a release's tables are stored, and reading them for pages, downloads and the API.

A release's files never change once written: generating again writes a new directory under a
new key, and publishing refuses files that no longer match their recorded digests. So a table
is read from disk once per process and kept (a small LRU keyed by the file's path, which names
the release's key). Verification (`releases.stored_tables`, `changed_files`) reads the disk
itself, never this cache.
"""

from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

from minsheng.labour_market.models import StatisticsRelease

# Tables kept per process; a page reads at most eight, so a few releases' worth stay warm.
CACHED_TABLES = 48


def release_root() -> Path:
    return Path(settings.VAR_DIR) / "releases"


def release_path(release: StatisticsRelease) -> Path:
    return release_root() / release.key


def stored_table(release: StatisticsRelease, file_name: str) -> pa.Table:
    """One of the release's tables as written (with its `snapshot` column); Arrow tables are
    immutable, so every caller may share the one read."""
    return _read_table(str(release_path(release) / file_name))


@lru_cache(maxsize=CACHED_TABLES)
def _read_table(path: str) -> pa.Table:
    # ParquetFile reads one file without the dataset layer, which would import pandas (about a
    # second on a cold process) for nothing.
    return pq.ParquetFile(path).read()
