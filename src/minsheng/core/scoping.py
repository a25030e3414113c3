"""Region scoping: which rows an actor may see. It lives on the model's queryset and fails closed.

A model opts in by using a `ScopedQuerySet` subclass that names its region field; selectors
start from `Model.objects.for_actor(actor)`. No actor, an inactive actor, or a staff member
without a region sees nothing; citizens and employers see what the model's
`for_citizen` / `for_employer` hooks allow (nothing by default).
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    region_field: str = "region"

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        if actor.role == "citizen":
            return self.for_citizen(actor)
        if actor.role == "employer":
            return self.for_employer(actor)
        scope = actor.scope_codes()
        if scope is None:
            return self.all()
        if not scope:
            return self.none()
        return self.filter(**{f"{self.region_field}__in": sorted(scope)})

    def for_citizen(self, actor):
        return self.none()

    def for_employer(self, actor):
        return self.none()
