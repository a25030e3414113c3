"""The `minsheng` console script: Django's management commands under one name.

`minsheng demo`, `minsheng generate`, `minsheng audit verify` and the rest are management
commands of the apps; `minsheng migrate` or `minsheng shell` work as with manage.py.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minsheng", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
