"""Reads of insurance records; every one starts from a model's `for_actor(actor)`.

Clerks and supervisors see the records kept in their region, an employer its own, a citizen
their own. A person's whole record (every province) opens to staff of any region that keeps
part of it: under national pooling the agency serving the person needs all of it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import Role, User
from minsheng.insurance.calculations import cents, due_on
from minsheng.insurance.models import (
    ContributionLine,
    Declaration,
    Enrolment,
    EnrolmentKind,
    Payment,
    Transfer,
)
from minsheng.insurance.permissions import INSURANCE_READERS
from minsheng.jobs import selectors as jobs_selectors
from minsheng.jobs.models import Employer
from minsheng.registry.models import Person

ZERO = Decimal("0.00")
READERS = INSURANCE_READERS | {Role.EMPLOYER, Role.CITIZEN}


def readable(actor: User | None, rows: QuerySet) -> QuerySet:
    if actor is None:
        return rows.model.objects.all()
    return rows if actor.role in READERS else rows.none()


def employers_of(*, actor: User):
    """The employers an employer account acts for (staff: those of their region)."""
    return jobs_selectors.employer_list(actor=actor)


def employer_get(*, actor: User, employer_id: int):
    return jobs_selectors.employer_get(actor=actor, employer_id=employer_id)


def employer_by_credit_code(*, actor: User | None, credit_code: str):
    code = (credit_code or "").strip().upper()
    employers = (
        jobs_selectors.employer_list(actor=actor, search=code)
        if actor is not None
        else Employer.objects.all()
    )
    employer = employers.filter(credit_code=code).first()
    if employer is None:
        raise NotFound("employer_not_found", _("No such employer."), field="employer")
    return employer


def enrolment_list(
    *,
    actor: User | None,
    search: str = "",
    kind: str = "",
    open_only: bool = False,
    employer=None,
) -> QuerySet[Enrolment]:
    enrolments = readable(actor, Enrolment.objects.for_actor(actor))
    search = search.strip()
    if search:
        if len(search) == 18 and search[:17].isdigit():
            enrolments = enrolments.filter(person__identity_number=search.upper())
        else:
            enrolments = enrolments.filter(person__name__contains=search)
    if kind:
        enrolments = enrolments.filter(kind=kind)
    if open_only:
        enrolments = enrolments.filter(ended_on__isnull=True)
    if employer is not None:
        enrolments = enrolments.filter(employer=employer)
    return enrolments.select_related("person", "employer", "region").order_by("-started_on", "-pk")


def enrolment_get(*, actor: User | None, enrolment_id: int) -> Enrolment:
    enrolment = enrolment_list(actor=actor).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound("enrolment_not_found", _("No such enrolment."))
    return enrolment


def own_flexible_enrolment(*, actor: User) -> Enrolment | None:
    return (
        enrolment_list(actor=actor, kind=EnrolmentKind.FLEXIBLE, open_only=True)
        .filter(person__account=actor)
        .first()
    )


def declaration_list(
    *,
    actor: User | None,
    employer=None,
    late_only: bool = False,
    month: datetime.date | None = None,
) -> QuerySet[Declaration]:
    declarations = readable(actor, Declaration.objects.for_actor(actor))
    if employer is not None:
        declarations = declarations.filter(employer=employer)
    if late_only:
        declarations = declarations.filter(late=True)
    if month is not None:
        declarations = declarations.filter(month=month)
    return declarations.select_related("employer", "person", "region").order_by(
        "-month", "-created_at", "-pk"
    )


def declaration_get(*, actor: User | None, declaration_id: int) -> Declaration:
    declaration = declaration_list(actor=actor).filter(pk=declaration_id).first()
    if declaration is None:
        raise NotFound("declaration_not_found", _("No such declaration."))
    return declaration


def line_list(
    *,
    actor: User | None,
    declaration: Declaration | None = None,
    person: Person | None = None,
    corrections_only: bool = False,
    employer=None,
) -> QuerySet[ContributionLine]:
    lines = readable(actor, ContributionLine.objects.for_actor(actor))
    if declaration is not None:
        lines = lines.filter(declaration=declaration)
    if person is not None:
        lines = lines.filter(person=person)
    if employer is not None:
        lines = lines.filter(employer=employer)
    if corrections_only:
        lines = lines.filter(version__gt=1)
    return lines.select_related("person", "supersedes", "declaration").order_by(
        "-month", "person__name", "-version"
    )


def payment_list(*, actor: User | None, employer=None) -> QuerySet[Payment]:
    payments = readable(actor, Payment.objects.for_actor(actor))
    if employer is not None:
        payments = payments.filter(employer=employer)
    return payments.select_related("employer", "person").order_by("-paid_on", "-pk")


@dataclass(frozen=True)
class ArrearsRow:
    payer: str
    payer_name: str
    employer_id: int | None
    month: datetime.date
    due_on: datetime.date
    due: Decimal
    paid: Decimal
    region_code: str

    @property
    def outstanding(self) -> Decimal:
        return self.due - self.paid


def arrears_list(*, actor: User | None, as_of: datetime.date, employer=None) -> list[ArrearsRow]:
    """Months whose due date has passed with less paid than declared, oldest first.

    Sums per payer and month in the database; the join with payments and the due dates are
    done here (a region's arrears are a short list, not its millions of lines).
    """
    lines = line_list(actor=actor, employer=employer).current()
    owed = lines.values("payer", "month").annotate(
        due=Sum("total"), region=Max("region_id"), employer=Max("employer_id"),
        person=Max("person_id"),
    ).order_by()  # fmt: skip
    payments = payment_list(actor=actor, employer=employer).values("payer", "month")
    paid = {
        (row["payer"], row["month"]): cents(Decimal(str(row["paid"])))
        for row in payments.annotate(paid=Sum("amount")).order_by()
    }
    rows = []
    for row in owed:
        row["due"] = cents(Decimal(str(row["due"])))
        deadline = due_on(month=row["month"], region_code=row["region"])
        settled = paid.get((row["payer"], row["month"]), ZERO)
        if deadline < as_of and settled < row["due"]:
            rows.append((row, deadline, settled))
    names = payer_names(rows)
    arrears = []
    for row, deadline, settled in rows:
        is_employer = row["payer"].startswith("employer:")
        arrears.append(
            ArrearsRow(
                payer=row["payer"],
                payer_name=names.get(row["payer"], row["payer"]),
                employer_id=row["employer"] if is_employer else None,
                month=row["month"],
                due_on=deadline,
                due=row["due"],
                paid=settled,
                region_code=row["region"],
            )
        )
    return sorted(arrears, key=lambda r: (r.month, r.payer_name))


def payer_names(rows) -> dict[str, str]:
    employer_ids = {r["employer"] for r, _d, _s in rows if r["payer"].startswith("employer:")}
    person_ids = {r["person"] for r, _d, _s in rows if r["payer"].startswith("person:")}
    names = {
        f"employer:{pk}": name
        for pk, name in Employer.objects.filter(pk__in=employer_ids).values_list("pk", "name")
    }
    for pk, name, number in Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "name", "identity_number"
    ):
        names[f"person:{pk}"] = f"{name} ({mask_identity_number(number)})"
    return names


def insured_person_get(*, actor: User | None, person_id: int) -> Person:
    """A person whose insurance record the actor may read: their own, or one kept in part in
    the clerk's region. Everyone else: 404."""
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is None or not can_read_record(actor, person):
        raise NotFound("person_not_found", _("No such person."))
    return person


def can_read_record(actor: User | None, person: Person) -> bool:
    if actor is None:
        return True
    if actor.role == Role.CITIZEN:
        return person.account_id == actor.pk
    if actor.role not in INSURANCE_READERS:
        return False
    return (
        Enrolment.objects.for_actor(actor).filter(person=person).exists()
        or Transfer.objects.for_actor(actor).filter(person=person).exists()
    )


def own_person(*, actor: User) -> Person | None:
    if actor.role != Role.CITIZEN:
        return None
    return Person.objects.filter(account=actor, merged_into__isnull=True).first()


def transfer_list(*, actor: User | None, person: Person | None = None) -> QuerySet[Transfer]:
    transfers = readable(actor, Transfer.objects.for_actor(actor))
    if person is not None:
        transfers = transfers.filter(person=person)
    return transfers.select_related("person").order_by("-transferred_on", "-pk")
