"""Writes: loading the classification, importing releases, coding titles, reviewing codings.

Other apps code their titles through `code_titles` (vacancies, job wishes, imports): it answers
with the engine's `Coding` for each title and puts the uncertain ones in the review queue.
"""

import datetime
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import IO

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict, DomainError
from minsheng.core.models import User
from minsheng.occupations import coding, selectors
from minsheng.occupations.engine import Coding, Taxonomy
from minsheng.occupations.engine.taxonomy import level_of
from minsheng.occupations.models import (
    AliasSource,
    CodingReview,
    Occupation,
    OccupationAlias,
    Release,
    ReviewStatus,
)
from minsheng.occupations.releases import (
    Change,
    CurrentState,
    parent_group,
    parse_release,
    validate_release,
)

BASE_RELEASE_NAME = (
    "中华人民共和国职业分类大典 (2022年版) / Occupational Classification Dictionary 2022"
)
# The 2022 edition was published at the end of September 2022.
BASE_RELEASE_EFFECTIVE = datetime.date(2022, 9, 28)
EXAMPLE_RELEASE = "data/releases/example_2024.yaml"
MAX_TITLE_CHARS = 200


def load_taxonomy(*, include_example_release: bool = False) -> int:
    """Load the packaged 2022 classification once; returns the number of codes added.

    With `include_example_release`, the illustrative release shipped for the demo is imported
    too (once, and only while no later release exists).
    """
    added = 0
    with transaction.atomic():
        if not Release.objects.filter(name=BASE_RELEASE_NAME).exists():
            added = _load_base(Taxonomy.default())
    if include_example_release:
        text = _package_text(EXAMPLE_RELEASE)
        plan = parse_release(text)
        latest = Release.objects.order_by("-effective_on").first()
        if latest is not None and latest.effective_on < plan.effective_on:
            import_release(actor=None, file=text)
    coding.clear_cache()
    return added


def _load_base(taxonomy: Taxonomy) -> int:
    release = Release.objects.create(
        name=BASE_RELEASE_NAME,
        effective_on=BASE_RELEASE_EFFECTIVE,
        reference="人力资源社会保障部、国家市场监督管理总局、国家统计局, 2022",
    )
    rows = [
        Occupation(
            code=entry.code,
            level=int(entry.level),
            name=entry.name,
            digital=entry.digital,
            green=entry.green,
            definition=entry.definition,
            tasks=entry.tasks,
            aliases="\n".join(entry.aliases),
            parent_code=entry.parent_code or "",
            valid_from=release.effective_on,
            opened_by=release,
        )
        for entry in taxonomy
    ]
    Occupation.objects.bulk_create(rows, batch_size=500)
    audit.record(
        None,
        audit.Change(
            action="taxonomy_loaded",
            object_type="occupations.release",
            object_id=str(release.pk),
            after={"name": release.name, "codes": len(rows)},
        ),
    )
    return len(rows)


def _package_text(path: str) -> str:
    return resources.files("minsheng.occupations").joinpath(path).read_text(encoding="utf-8")


def example_release_text() -> str:
    return _package_text(EXAMPLE_RELEASE)


def _read(file: str | Path | IO) -> str:
    if hasattr(file, "read"):
        content = file.read()
        return content.decode("utf-8-sig") if isinstance(content, bytes) else content
    if isinstance(file, Path) or "\n" not in str(file):
        return Path(file).read_text(encoding="utf-8-sig")
    return str(file)


def current_state() -> CurrentState:
    open_codes = set(
        Occupation.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    )
    closed = set(Occupation.objects.filter(closed_by__isnull=False).values_list("code", flat=True))
    latest = Release.objects.order_by("-effective_on").values_list("effective_on", flat=True)
    return CurrentState(
        open_codes=frozenset(open_codes),
        retired_codes=frozenset(closed - open_codes),
        release_names=frozenset(Release.objects.values_list("name", flat=True)),
        latest_effective=latest.first(),
    )


def import_release(*, actor: User | None, file: str | Path | IO) -> Release:
    """Validate a whole release file (see `releases`) and apply it, or change nothing.

    `file` is a path, an open file, or the file's text. Raises `ReleaseRejected` listing every
    problem with its line.
    """
    if actor is not None and actor.role != "admin":
        raise DomainError("not_allowed", _("Only administrators import classification releases."))
    plan = parse_release(_read(file))
    with transaction.atomic():
        validate_release(plan, current_state())
        release = Release.objects.create(
            name=plan.name,
            effective_on=plan.effective_on,
            reference=plan.reference,
            is_example=plan.example,
            imported_by=actor,
        )
        changes = [_apply(change, release) for change in plan.changes]
        audit.record_many(
            actor,
            [
                audit.Change(
                    action="release_imported",
                    object_type="occupations.release",
                    object_id=str(release.pk),
                    after={
                        "name": plan.name,
                        "effective": plan.effective_on,
                        "changes": dict(Counter(c.action for c in plan.changes)),
                    },
                ),
                *changes,
            ],
        )
        coding.clear_cache()
        transaction.on_commit(coding.clear_cache)
    return release


def _apply(change: Change, release: Release) -> audit.Change:
    effective = release.effective_on
    before = None
    if change.action == "add":
        _open_row(change, release, parent_code=parent_group(change.code) or "")
    elif change.action == "add_work_type":
        OccupationAlias.objects.get_or_create(
            text=change.name,
            source=AliasSource.WORK_TYPE,
            defaults={"code": change.code, "valid_from": effective, "release": release},
        )
    else:
        current = Occupation.objects.get(code=change.code, valid_to__isnull=True)
        before = {"name": current.name, "digital": current.digital, "green": current.green}
        current.valid_to, current.closed_by = effective, release
        current.save(update_fields=["valid_to", "closed_by"])
        if change.action == "rename":
            _open_row(change, release, previous=current)
    return audit.Change(
        action=f"occupation_{change.action}",
        object_type="occupations.occupation",
        object_id=change.code,
        before=before,
        after={"name": change.name, "release": release.name} if change.name else None,
    )


def _open_row(
    change: Change, release: Release, *, parent_code: str = "", previous: Occupation | None = None
) -> Occupation:
    aliases = list(change.aliases)
    if previous is not None:
        # The old name stays searchable and codable: ads keep using it for years.
        aliases = [*previous.alias_list, previous.name, *aliases]
    return Occupation.objects.create(
        code=change.code,
        level=int(level_of(change.code)),
        name=change.name,
        digital=change.digital,
        green=change.green,
        definition=_pick(change.definition, previous and previous.definition),
        tasks=_pick(change.tasks, previous and previous.tasks),
        aliases="\n".join(dict.fromkeys(a for a in aliases if a and a != change.name)),
        parent_code=previous.parent_code if previous is not None else parent_code,
        valid_from=release.effective_on,
        opened_by=release,
    )


def _pick(new: str | None, old: str | None) -> str:
    return new if new is not None else (old or "")


def code_titles(
    titles: list[str],
    *,
    as_of: datetime.date | None = None,
    source: str = "",
    region_code: str = "",
) -> list[Coding]:
    """Code titles as of a day; with a `source`, uncertain codings are queued for review.

    Titles that cannot be coded (empty, punctuation, non-Chinese, too long) come back with
    `code=None` and a `reason`; they are not queued, as no person can do better with them.
    """
    as_of = as_of or selectors.today()
    results = selectors.suggest_codes(titles, as_of=as_of)
    if source:
        queue_for_review(
            [r for r in results if selectors.needs_review(r, as_of=as_of)],
            source=source,
            region_code=region_code,
            as_of=as_of,
        )
    return results


def queue_for_review(
    results: list[Coding], *, source: str, region_code: str = "", as_of: datetime.date
) -> int:
    """Add codings to the queue; a title already pending counts one more occurrence."""
    counts = Counter(r.title.strip()[:MAX_TITLE_CHARS] for r in results)
    first = {r.title.strip()[:MAX_TITLE_CHARS]: r for r in reversed(results)}
    with transaction.atomic():
        pending = set(
            CodingReview.objects.filter(
                status=ReviewStatus.PENDING, title__in=list(counts)
            ).values_list("title", flat=True)
        )
        for title in pending:
            CodingReview.objects.filter(status=ReviewStatus.PENDING, title=title).update(
                occurrences=F("occurrences") + counts[title]
            )
        new = [
            CodingReview(
                title=title,
                suggested_code=first[title].code or "",
                suggested_name=first[title].name,
                score=first[title].score,
                level=first[title].level,
                source=source,
                region_code=region_code,
                occurrences=count,
                as_of=as_of,
            )
            for title, count in counts.items()
            if title not in pending
        ]
        CodingReview.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def accept_review(*, actor: User, review: CodingReview) -> CodingReview:
    """The suggestion was right: it becomes an alias, so the title codes with confidence."""
    if not review.suggested_code:
        raise DomainError(
            "nothing_to_accept", _("There is no suggestion to accept; correct it instead.")
        )
    return _resolve(actor, review, review.suggested_code, ReviewStatus.ACCEPTED)


def correct_review(*, actor: User, review: CodingReview, code: str) -> CodingReview:
    """The right code for the title; it becomes an alias that later coding follows."""
    code = (code or "").strip()
    if not selectors.is_code_in_force(code, as_of=selectors.today()):
        raise DomainError(
            "unknown_code",
            _("%(code)s is not an occupation code in force today."),
            params={"code": code or "—"},
            field="code",
        )
    return _resolve(actor, review, code, ReviewStatus.CORRECTED)


def _resolve(actor: User, review: CodingReview, code: str, status: str) -> CodingReview:
    with transaction.atomic():
        review = CodingReview.objects.select_for_update().get(pk=review.pk)
        if review.status != ReviewStatus.PENDING:
            raise Conflict("already_reviewed", _("This coding was already reviewed."))
        review.status, review.final_code = status, code
        review.reviewed_by, review.reviewed_at = actor, timezone.now()
        review.save(update_fields=["status", "final_code", "reviewed_by", "reviewed_at"])
        # Replaced rather than updated, so other processes see a new alias and rebuild.
        OccupationAlias.objects.filter(text=review.title, source=AliasSource.REVIEW).delete()
        alias = OccupationAlias.objects.create(
            text=review.title, code=code, source=AliasSource.REVIEW, created_by=actor
        )
        audit.record(
            actor,
            audit.Change(
                action=f"coding_{status}",
                object_type="occupations.review",
                object_id=str(review.pk),
                region_code=review.region_code,
                before={"code": review.suggested_code, "score": review.score},
                after={"code": code, "alias": alias.text},
            ),
        )
        coding.clear_cache()
        transaction.on_commit(coding.clear_cache)
    return review
