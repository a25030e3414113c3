"""A published statistics release's page: the first view in a fresh process, then warm views.

    MINSHENG_VAR_DIR=/tmp/demo-var uv run minsheng demo --no-serve   # once: the demo release
    MINSHENG_VAR_DIR=/tmp/demo-var uv run python benchmarks/statistics_page.py [--views 10]

Signs in the demo's analyst with the Django test client, opens the statistics list (so the URL
configuration and the common page code are loaded), then times the latest published release's
page: the first view (cold: nothing of the release read yet in this process) and the median of
the warm views after it; also page 2 of the ranking. Prints the page size too, and whether
pandas was imported on the way (reading a release must not need it).
"""

import argparse
import os
import statistics
import sys
import time

import django


def timed(client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=int, default=10, help="warm views to time")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.settings")
    django.setup()
    from django.test import Client

    from minsheng.core.models import User
    from minsheng.labour_market import selectors

    analyst = User.objects.get(username="analyst")
    release = selectors.latest_published(actor=analyst, region_code=analyst.region_id)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(analyst)
    client.get("/statistics/")
    path = f"/statistics/releases/{release.pk}/"
    cold, size = timed(client, path)
    warm = [timed(client, path)[0] for _ in range(args.views)]
    second = [timed(client, f"{path}?ranking_page=2")[0] for _ in range(args.views)]
    print(f"release {release.period} {release.region_id} (snapshot {release.snapshot.name})")
    print(f"page size             {size / 1024:8.1f} kB")
    print(f"first view (cold)     {cold * 1000:8.0f} ms")
    print(f"warm view, median     {statistics.median(warm) * 1000:8.0f} ms  ({args.views} views)")
    print(f"ranking page 2, med.  {statistics.median(second) * 1000:8.0f} ms")
    print(f"pandas imported       {'yes' if 'pandas' in sys.modules else 'no'}")


if __name__ == "__main__":
    main()
