"""Release files for the occupations tests (the 2022 classification is loaded per session)."""

import pytest

from minsheng.occupations import services

RELEASE_HEADER = """release: Test release
effective: 2025-03-01
changes:
"""


@pytest.fixture
def example_release(administrator):
    """The packaged example release (effective 2024-07-31), imported by an administrator."""
    return services.import_release(actor=administrator, file=services.example_release_text())


@pytest.fixture
def release_text():
    """A factory: `release_text("  - {action: retire, code: 4-13-02-04}")` → a whole file."""

    def make(*change_lines: str, header: str = RELEASE_HEADER) -> str:
        return header + "\n".join(change_lines) + "\n"

    return make
