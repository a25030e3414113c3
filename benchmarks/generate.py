"""Synthetic people written per second, and peak memory, for a million people.

    uv run python benchmarks/generate.py [--persons 1000000] [--region 100000]

Runs against a fresh SQLite database in a temporary directory (or the database named by
MINSHENG_DATABASE_URL, which should then be a throwaway one). Target: >= 20,000 people/s into
SQLite with peak RSS < 1 GiB.
"""

import argparse
import datetime
import os
import resource
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--region", default="100000")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    os.environ.setdefault("MINSHENG_VAR_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from minsheng.core.services import load_regions
    from minsheng.demo.services import generate

    call_command("migrate", interactive=False, verbosity=0)
    load_regions()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    report = generate(
        persons=arguments.persons,
        seed=arguments.seed,
        region_code=arguments.region,
        as_of=datetime.date(2026, 11, 25),
    )
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"people written:     {report.people:,} ({report.memberships:,} memberships, "
        f"{report.employers:,} employers)"
    )
    print(f"time:               {seconds:.1f} s")
    print(f"people per second:  {report.people / seconds:,.0f}   (target >= 20,000)")
    print(f"peak RSS:           {peak_mib:,.0f} MiB   (target < 1,024 MiB)")


if __name__ == "__main__":
    main()
