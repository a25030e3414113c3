"""Writes of recruitment docking: employers and their vacancies.

Every function takes keyword arguments with the acting user first, validates, writes in one
transaction and appends its audit event in that same transaction. Campaigns and fairs are in
`campaign_services`, recommendations, applications and hires in `placement_services`.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from minsheng.core.identity import parse_credit_code
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.core.services import create_user
from minsheng.core.skill_levels import SkillLevel
from minsheng.jobs.models import (
    CloseReason,
    ContractType,
    Employer,
    EmployerSize,
    Industry,
    Vacancy,
    VacancyStatus,
)
from minsheng.occupations import selectors as occupation_selectors
from minsheng.occupations import services as occupation_services
from minsheng.registry.models import Education

# Staff who manage employers and review vacancies in their region.
JOBS_STAFF = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CASEWORKER})
MAXIMUM_MONTHLY_PAY = Decimal(1_000_000)
MAXIMUM_HEADCOUNT = 100_000
# What an employer may change; any change sends a published vacancy back to review.
VACANCY_FIELDS = (
    "title", "occupation_code", "description", "headcount", "pay_min", "pay_max", "education",
    "skill_level", "region_code", "contract_type", "opens_on", "closes_on",
)  # fmt: skip


class JobsError(DomainError):
    """Input recruitment docking cannot accept; the message says which field and why."""


record = audit.record_object  # the app's audited changes to its rows


def require_jobs_staff(actor: User) -> None:
    if actor is None or actor.role not in JOBS_STAFF:
        raise PermissionDenied("not_jobs_staff", _("Your role cannot do this."))


def require_region(actor: User | None, code: str, *, field: str = "region_code") -> str:
    """A region of China; staff may only use the regions they are responsible for."""
    code = (code or "").strip()
    if code not in region_tree() or code == "000000":
        raise JobsError(
            "unknown_region",
            _("Unknown region: use a 6-digit administrative division code of China."),
            field=field,
        )
    if actor is not None and actor.is_staff_role and not actor.can_see_region(code):
        raise JobsError(
            "region_out_of_scope",
            _("This region lies outside the area you are responsible for."),
            field=field,
        )
    return code


def require_employer_manager(actor: User, employer: Employer) -> None:
    """The employer's own accounts, or staff of the employer's region."""
    if actor.role == Role.EMPLOYER:
        if not employer.accounts.filter(pk=actor.pk).exists():
            raise NotFound("employer_not_found", _("No such employer."))
        return
    require_jobs_staff(actor)
    if not actor.can_see_region(employer.region_id):
        raise NotFound("employer_not_found", _("No such employer."))


# Employers ---------------------------------------------------------------------------------


def register_employer(
    *,
    actor: User,
    credit_code: str,
    name: str,
    industry: str,
    size: str,
    region_code: str,
    contact_name: str = "",
    contact_phone: str = "",
    description: str = "",
) -> Employer:
    require_jobs_staff(actor)
    credit_code = parse_credit_code(credit_code, field="credit_code")
    name = (name or "").strip()
    if not name:
        raise JobsError("name_required", _("Enter the employer's name."), field="name")
    if industry not in Industry.values:
        raise JobsError("unknown_industry", _("Choose the industry."), field="industry")
    if size not in EmployerSize.values:
        raise JobsError("unknown_size", _("Choose the size of the employer."), field="size")
    region_code = require_region(actor, region_code)
    employer = Employer(
        credit_code=credit_code,
        name=name[:200],
        industry=industry,
        size=size,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        contact_name=(contact_name or "").strip()[:64],
        contact_phone=(contact_phone or "").strip()[:20],
        description=(description or "").strip(),
    )
    try:
        with transaction.atomic():
            employer.save()
            record(actor, "employer_registered", employer, region_code, after={"name": name})
    except IntegrityError:
        raise Conflict(
            "employer_exists",
            _("An employer with this Unified Social Credit Code is already registered."),
        ) from None
    return employer


def create_employer_account(
    *, actor: User, employer: Employer, username: str, password: str
) -> User:
    """A sign-in for the employer's recruiter; it sees this employer and nothing else."""
    require_employer_manager(actor, employer)
    require_jobs_staff(actor)
    with transaction.atomic():
        account = create_user(actor=actor, username=username, password=password, role=Role.EMPLOYER)
        employer.accounts.add(account)
        record(actor, "employer_account_created", employer, employer.region_id,
               after={"username": username})  # fmt: skip
    return account


# Vacancies ---------------------------------------------------------------------------------


def clean_pay(value, field: str) -> Decimal:
    try:
        pay = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise JobsError("invalid_pay", _("Enter the monthly pay in yuan."), field=field) from None
    if not 0 < pay <= MAXIMUM_MONTHLY_PAY:
        raise JobsError(
            "pay_out_of_range",
            _("Monthly pay must be more than 0 and at most 1,000,000 yuan."),
            field=field,
        )
    return pay


def clean_vacancy(actor: User, fields: dict, *, today: datetime.date) -> dict:
    """Every field checked, in the order of the form; the first fault is reported."""
    title = (fields.get("title") or "").strip()
    if not title:
        raise JobsError("title_required", _("Enter the job title."), field="title")
    if len(title) > 100:
        raise JobsError("title_too_long", _("The job title is at most 100 characters."),
                        field="title")  # fmt: skip
    headcount = fields.get("headcount")
    if not isinstance(headcount, int) or not 1 <= headcount <= MAXIMUM_HEADCOUNT:
        raise JobsError(
            "invalid_headcount", _("Enter how many people are wanted (at least 1)."),
            field="headcount",
        )  # fmt: skip
    pay_min = clean_pay(fields.get("pay_min"), "pay_min")
    pay_max = clean_pay(fields.get("pay_max"), "pay_max")
    if pay_min > pay_max:
        raise JobsError(
            "pay_min_above_max",
            _("The lowest pay cannot be higher than the highest pay."),
            field="pay_min",
        )
    education = fields.get("education") or ""
    if education and education not in Education.values:
        raise JobsError("unknown_education", _("Unknown education level."), field="education")
    skill_level = fields.get("skill_level")
    if skill_level is not None and skill_level not in SkillLevel.values:
        raise JobsError("unknown_skill_level", _("Unknown skill level."), field="skill_level")
    if fields.get("contract_type") not in ContractType.values:
        raise JobsError(
            "unknown_contract_type", _("Choose the type of contract."), field="contract_type"
        )
    opens_on, closes_on = fields.get("opens_on"), fields.get("closes_on")
    if not isinstance(opens_on, datetime.date):
        raise JobsError("opens_on_required", _("Enter the opening date."), field="opens_on")
    if not isinstance(closes_on, datetime.date):
        raise JobsError("closes_on_required", _("Enter the closing date."), field="closes_on")
    if closes_on < opens_on:
        raise JobsError(
            "closes_before_opening",
            _("The closing date cannot be before the opening date."),
            field="closes_on",
        )
    if closes_on < today:
        raise JobsError(
            "closes_in_past", _("The closing date has already passed."), field="closes_on"
        )
    region_code = require_region(actor, fields.get("region_code") or "")
    return {
        "title": title,
        "occupation_code": clean_occupation(fields.get("occupation_code") or "", opens_on),
        "description": (fields.get("description") or "").strip(),
        "headcount": headcount,
        "pay_min": pay_min,
        "pay_max": pay_max,
        "education": education,
        "skill_level": skill_level,
        "region_code": region_code,
        "contract_type": fields["contract_type"],
        "opens_on": opens_on,
        "closes_on": closes_on,
    }


def clean_occupation(code: str, day: datetime.date) -> str:
    code = code.strip()
    if code and not occupation_selectors.is_code_in_force(code, as_of=day):
        raise JobsError(
            "unknown_occupation",
            _("Unknown occupation code; use a code of the classification such as 2-02-10-03."),
            field="occupation_code",
        )
    return code


def code_title(title: str, *, day: datetime.date, region_code: str) -> str:
    """The occupation a title codes to; uncertain codings also go to the review queue."""
    [coding] = occupation_services.code_titles(
        [title], as_of=day, source="vacancy", region_code=region_code
    )
    return coding.code or ""


def vacancy_facts(vacancy: Vacancy) -> dict:
    return {
        "employer": vacancy.employer_id,
        "title": vacancy.title,
        "occupation_code": vacancy.occupation_code,
        "headcount": vacancy.headcount,
        "pay": [vacancy.pay_min, vacancy.pay_max],
        "region": vacancy.region_id,
        "opens_on": vacancy.opens_on,
        "closes_on": vacancy.closes_on,
        "status": vacancy.status,
    }


def post_vacancy(
    *, actor: User, employer: Employer, today: datetime.date | None = None, **fields
) -> Vacancy:
    """A new vacancy, waiting for staff review; without a code, the title is coded."""
    require_employer_manager(actor, employer)
    today = today or timezone.localdate()
    cleaned = clean_vacancy(actor, fields, today=today)
    coded_automatically = not cleaned["occupation_code"]
    if coded_automatically:
        cleaned["occupation_code"] = code_title(
            cleaned["title"], day=cleaned["opens_on"], region_code=cleaned["region_code"]
        )
    region_code = cleaned.pop("region_code")
    vacancy = Vacancy(
        employer=employer,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        occupation_coded_automatically=coded_automatically and bool(cleaned["occupation_code"]),
        posted_by=actor,
        **cleaned,
    )
    with transaction.atomic():
        vacancy.save()
        record(actor, "vacancy_posted", vacancy, region_code, after=vacancy_facts(vacancy))
    return vacancy


def lock(vacancy: Vacancy, version: int, **changes) -> None:
    """Write the changes only if nobody saved the vacancy since `version` was read."""
    updated = Vacancy.objects.filter(pk=vacancy.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise Conflict(
            "vacancy_changed",
            _("Someone else changed this vacancy after you opened it; reload it and try again."),
        )
    vacancy.refresh_from_db()


def update_vacancy(
    *, actor: User, vacancy: Vacancy, version: int, today: datetime.date | None = None, **fields
) -> Vacancy:
    """Change a vacancy; a published one goes back to review, unless staff only recoded it."""
    require_employer_manager(actor, vacancy.employer)
    if vacancy.status == VacancyStatus.CLOSED:
        raise Conflict("vacancy_closed", _("A closed vacancy cannot be changed."))
    current = {name: getattr(vacancy, name) for name in VACANCY_FIELDS if name != "region_code"}
    current["region_code"] = vacancy.region_id
    merged = current | {name: value for name, value in fields.items() if name in VACANCY_FIELDS}
    cleaned = clean_vacancy(actor, merged, today=today or timezone.localdate())
    changed = {name for name in cleaned if cleaned[name] != current[name]}
    if not changed:
        return vacancy
    recoded_only = changed == {"occupation_code"} and actor.role != Role.EMPLOYER
    region_code = cleaned.pop("region_code")
    changes = cleaned | {
        "region_id": region_code,
        "province_code": region_tree().province_of(region_code),
    }
    if "occupation_code" in changed:
        changes["occupation_coded_automatically"] = False
    if not recoded_only and vacancy.status != VacancyStatus.PENDING:
        changes |= {"status": VacancyStatus.PENDING, "review_note": ""}
    before = vacancy_facts(vacancy)
    with transaction.atomic():
        lock(vacancy, version, **changes)
        record(actor, "vacancy_changed", vacancy, region_code, before=before,
               after=vacancy_facts(vacancy))  # fmt: skip
    return vacancy


def review_vacancy(
    *, actor: User, vacancy: Vacancy, version: int, approve: bool, note: str = ""
) -> Vacancy:
    """Staff publish a vacancy, or send it back to the employer saying why."""
    require_jobs_staff(actor)
    if not actor.can_see_region(vacancy.region_id):
        raise NotFound("vacancy_not_found", _("No such vacancy."))
    if vacancy.status != VacancyStatus.PENDING:
        raise Conflict("not_pending", _("This vacancy is not waiting for review."))
    note = (note or "").strip()
    if not approve and not note:
        raise JobsError(
            "review_note_required",
            _("Say what the employer must change before the vacancy can be published."),
            field="note",
        )
    status = VacancyStatus.PUBLISHED if approve else VacancyStatus.REJECTED
    with transaction.atomic():
        lock(vacancy, version, status=status, review_note=note, reviewed_by=actor,
             reviewed_at=timezone.now())  # fmt: skip
        record(actor, "vacancy_published" if approve else "vacancy_sent_back", vacancy,
               vacancy.region_id, after={"status": status}, reason=note)  # fmt: skip
    return vacancy


def close_vacancy(*, actor: User, vacancy: Vacancy, reason: str = CloseReason.WITHDRAWN) -> Vacancy:
    require_employer_manager(actor, vacancy.employer)
    if reason not in (CloseReason.WITHDRAWN, CloseReason.FILLED):
        raise JobsError("unknown_close_reason", _("Choose why the vacancy closes."),
                        field="reason")  # fmt: skip
    if vacancy.status == VacancyStatus.CLOSED:
        raise Conflict("vacancy_closed", _("This vacancy is already closed."))
    with transaction.atomic():
        lock(vacancy, vacancy.version, status=VacancyStatus.CLOSED, close_reason=reason)
        record(actor, "vacancy_closed", vacancy, vacancy.region_id, after={"reason": reason})
    return vacancy


def close_expired_vacancies(*, as_of: datetime.date) -> int:
    """Close every vacancy whose closing date has passed (run daily by the CLI or a task)."""
    with transaction.atomic():
        expired = list(
            Vacancy.objects.filter(closes_on__lt=as_of)
            .exclude(status=VacancyStatus.CLOSED)
            .select_for_update()
            .values_list("pk", "region_id")
        )
        Vacancy.objects.filter(pk__in=[pk for pk, _region in expired]).update(
            status=VacancyStatus.CLOSED,
            close_reason=CloseReason.EXPIRED,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        audit.record_many(
            None,
            (
                audit.Change(
                    action="vacancy_expired",
                    object_type="jobs.vacancy",
                    object_id=str(pk),
                    region_code=region,
                    after={"closed_on": as_of},
                )
                for pk, region in expired
            ),
        )
    return len(expired)
