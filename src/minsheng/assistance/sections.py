"""The person page's sections contributed by this app: the 1131 view and paired assistance."""

from django.utils import timezone

from minsheng.assistance import pairing_selectors, selectors
from minsheng.assistance.forms import FollowUpForm, ServiceForm
from minsheng.assistance.services import PAIRING_MANAGERS
from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.registry.models import Person
from minsheng.registry.rollups import stored_rollup_total
from minsheng.registry.selectors import CASE_ROLES

RECENT_SERVICES = 10


def is_staff_reader(actor: User) -> bool:
    return actor.role in CASE_ROLES


def services_section(actor: User, person: Person, *, form: ServiceForm | None = None) -> dict:
    """Staff get the services and the form; a citizen on their own page sees the counts only."""
    today = timezone.localdate()
    data = {
        "person": person,
        "completeness": selectors.person_1131(person=person, as_of=today),
        "staff": is_staff_reader(actor),
    }
    if data["staff"]:
        data["services"] = selectors.service_list(actor=actor, person=person)[:RECENT_SERVICES]
        data["form"] = form or ServiceForm()
    return data


def pairing_section(actor: User, person: Person, *, form: FollowUpForm | None = None) -> dict:
    today = timezone.localdate()
    if not is_staff_reader(actor):
        return {"person": person, "staff": False, "current": None, "history": []}
    history = list(pairing_selectors.pairing_list(actor=actor, person=person, open_only=False))
    current = next((p for p in history if p.ended_on is None), None)
    return {
        "person": person,
        "reasons": pairing_selectors.eligibility_reasons(person, today),
        "current": current,
        "due_on": current and pairing_selectors.next_follow_up_due(current, today),
        "today": today,
        "history": history,
        "follow_ups": (
            pairing_selectors.follow_up_list(actor=actor, pairing=current)[:RECENT_SERVICES]
            if current
            else []
        ),
        "form": form or FollowUpForm(),
        "staff": True,
        "can_manage": actor.role in PAIRING_MANAGERS,
    }


def today_panel(user: User) -> dict:
    today = timezone.localdate()
    return {
        "due": pairing_selectors.follow_ups_due(actor=user, as_of=today, caseworker=user).count(),
        "overdue": selectors.overdue_list(actor=user, as_of=today).count(),
    }


def region_panel(user: User) -> dict:
    """Headline figures for the user's own region (nothing when they have none)."""
    if not user.region_id:
        return {}
    stored = stored_region_figures(user)
    if stored is not None:
        return stored
    today = timezone.localdate()
    completion, _counties = selectors.completion_by_county(
        actor=user, as_of=today, region_code=user.region_id
    )
    coverage, _counties = pairing_selectors.coverage_by_county(
        actor=user, as_of=today, region_code=user.region_id
    )
    return {"completion": completion, "coverage": coverage}


def stored_region_figures(user: User) -> dict | None:
    """The figures stored per region by the nightly tally, added up over the user's region:
    counting the 1131 and the pairings of a county of 80,000 people live on every dashboard
    view takes 0.5–2 s (the completion and pairing pages still count live)."""
    try:
        stored = stored_rollup_total(actor=user, counties_too=True)
    except NotFound:
        return None
    if stored is None:
        return None
    total, as_of, _period_start = stored
    return {
        "completion": {"on_ledger": total.on_ledger, "complete": total.complete_1131},
        "coverage": {"eligible": total.eligible, "paired": total.paired},
        "as_of": as_of,
    }
