"""`minsheng worker`: runs queued background tasks (imports, declarations) from the database.

It is django-tasks-db's `db_worker` under the platform's name, with all its options:
`--batch` runs what is queued and exits (for cron or a test), `--interval` sets the polling
pause, `--no-reload` stops the restart on code changes that debug mode turns on. Run one or
more next to the web server; each task is taken by one worker only.

On start it fails the jobs that a stopped worker left running past the stale limit
(`core.jobs.abandon_stale_jobs`): after a crash or a restart of the machine, their pages end.
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from minsheng.core.jobs import abandon_stale_jobs

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = (
        "Run queued background tasks (imports, declarations) / 运行后台任务 (导入, 申报); "
        "--batch runs what is queued, then exits."
    )

    def handle(self, *args, **options) -> None:
        abandoned = abandon_stale_jobs()
        if abandoned:
            logger.warning("failed %d job(s) left running by a stopped worker", abandoned)
        super().handle(*args, **options)
