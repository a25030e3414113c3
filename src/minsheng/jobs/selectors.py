"""Reads of recruitment docking; every one starts from `Employer.objects.for_actor(actor)`."""

from django.db.models import QuerySet

from minsheng.core.models import User
from minsheng.jobs.models import Employer


def employer_list(*, actor: User) -> QuerySet[Employer]:
    return Employer.objects.for_actor(actor).select_related("region").order_by("name")
