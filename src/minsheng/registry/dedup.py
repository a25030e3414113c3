"""De-duplication of people: linkage runs propose pairs, staff confirm or reject them.

Exact duplicates on the identity number cannot exist (the column is unique), so proposals come
from probabilistic linkage (`minsheng.registry.linkage`) over records without a number or with
a mistyped one. A confirmed merge points the duplicate at the kept record and moves the records
about the person (memberships, status history, ledger stays, wishes, services, pairings: every
table with a foreign key to the person) to the kept record; the duplicate row itself stays, so no
source record is lost, and the audit event lists what moved. A rejected pair is never proposed
again.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.registry import linkage
from minsheng.registry.models import (
    ExitReason,
    KeyGroupMembership,
    LedgerEntry,
    MergeProposal,
    Person,
)

# Merging changes whose record a service counts toward, so only case staff decide it.
DEDUP_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CASEWORKER})
PROPOSAL_TYPE = "registry.mergeproposal"
LEVEL_LABELS = {
    "exact": _("Same"),
    "typo": _("One character differs"),
    "different": _("Different"),
    "missing": _("Missing on one side"),
}


@dataclass(frozen=True)
class ProposalRun:
    records_compared: int
    pairs_found: int
    proposals_created: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- selectors


def ensure_may_deduplicate(actor: User | None) -> None:
    if actor is not None and actor.role not in DEDUP_ROLES:
        raise PermissionDenied(
            "dedup_not_allowed", _("Only case staff may review duplicate records.")
        )


def people_in_scope(actor: User) -> QuerySet[Person]:
    return Person.objects.for_actor(actor)


def proposal_list(
    *, actor: User, decision: str = MergeProposal.Decision.PENDING
) -> QuerySet[MergeProposal]:
    """Proposals whose two records both lie in the actor's region; the rest do not exist for them.

    Pending proposals whose records were merged meanwhile (by another proposal) are left out.
    """
    if actor is None or actor.role not in DEDUP_ROLES:
        return MergeProposal.objects.none()
    proposals = MergeProposal.objects.for_actor(actor)
    if decision:
        proposals = proposals.filter(decision=decision)
    if decision == MergeProposal.Decision.PENDING:
        proposals = proposals.filter(
            kept__merged_into__isnull=True, duplicate__merged_into__isnull=True
        )
    return proposals.select_related("kept__region", "duplicate__region", "decided_by").order_by(
        "-probability", "id"
    )


def proposal_get(*, actor: User, proposal_id: int) -> MergeProposal:
    proposal = proposal_list(actor=actor, decision="").filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound("merge_proposal_not_found", _("No such merge proposal."))
    return proposal


def proposal_comparison(proposal: MergeProposal) -> list[dict]:
    """Side-by-side rows for the review page; identifiers stay masked in the template."""
    levels = proposal.evidence.get("levels", {})
    kept, duplicate = proposal.kept, proposal.duplicate
    rows = [
        ("name", _("Name"), kept.name, duplicate.name),
        ("identity_number", _("Identity number"), kept.identity_number, duplicate.identity_number),
        ("birth_date", _("Birth date"), kept.birth_date, duplicate.birth_date),
        ("phone", _("Phone"), kept.phone, duplicate.phone),
        ("school", _("School"), kept.school, duplicate.school),
        ("region", _("Region"), kept.region, duplicate.region),
    ]
    return [
        {
            "field": name,
            "label": label,
            "kept": a,
            "duplicate": b,
            "level": LEVEL_LABELS.get(levels.get(name), ""),
        }
        for name, label, a, b in rows
    ]


# ---------------------------------------------------------------- proposing


def export_records(people: QuerySet[Person]) -> list[linkage.PersonRecord]:
    columns = (
        "id", "name", "birth_date", "phone", "school", "identity_number", "region_id", "created_at"
    )  # fmt: skip
    return [
        linkage.PersonRecord(
            id=pk,
            name=name,
            birth_date=birth_date,
            phone=phone,
            school=school,
            identity_number=identity_number or "",
            region_code=region_id,
            created_at=created_at,
        )
        for pk, name, birth_date, phone, school, identity_number, region_id, created_at in (
            people.values_list(*columns).iterator(chunk_size=5000)
        )
    ]


def known_pairs(person_ids: set[int]) -> set[frozenset[int]]:
    """Every pair already proposed, whatever was decided, in either order."""
    pairs: set[frozenset[int]] = set()
    ids = sorted(person_ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = MergeProposal.objects.filter(
            Q(kept_id__in=chunk) | Q(duplicate_id__in=chunk)
        ).values_list("kept_id", "duplicate_id")
        pairs.update(frozenset(row) for row in rows)
    return pairs


def propose_merges(
    *,
    actor: User | None,
    region_code: str | None = None,
    threshold: float = linkage.DEFAULT_THRESHOLD,
    estimate_u: bool = False,
) -> ProposalRun:
    """Link the people of the actor's scope (or `region_code` within it) and store new pairs.

    `actor=None` is the operator's command line, which sees the whole country.
    """
    ensure_may_deduplicate(actor)
    people = Person.objects.all() if actor is None else people_in_scope(actor)
    people = people.filter(merged_into__isnull=True)
    if region_code:
        tree = region_tree()
        if region_code not in tree or (actor is not None and not actor.can_see_region(region_code)):
            raise NotFound("region_not_found", _("No such region."))
        people = people.filter(region_id__in=sorted(tree.subtree(region_code)))
    records = export_records(people)
    pairs = linkage.find_duplicates(records, threshold=threshold, estimate_u=estimate_u)
    regions = {record.id: record.region_code for record in records}
    with transaction.atomic():
        known = known_pairs({pair.kept_id for pair in pairs} | {p.duplicate_id for p in pairs})
        new = [pair for pair in pairs if frozenset((pair.kept_id, pair.duplicate_id)) not in known]
        created = MergeProposal.objects.bulk_create(
            [
                MergeProposal(
                    kept_id=pair.kept_id,
                    duplicate_id=pair.duplicate_id,
                    probability=pair.probability,
                    evidence={"levels": pair.levels, "match_weight": pair.match_weight},
                )
                for pair in new
            ]
        )
        audit.record_many(
            actor,
            [
                audit.Change(
                    action="merge_proposed",
                    object_type=PROPOSAL_TYPE,
                    object_id=str(proposal.pk),
                    region_code=regions.get(proposal.duplicate_id, ""),
                    after={
                        "kept": proposal.kept_id,
                        "duplicate": proposal.duplicate_id,
                        "probability": round(proposal.probability, 6),
                        "evidence": proposal.evidence,
                    },
                )
                for proposal in created
            ],
        )
    return ProposalRun(
        records_compared=len(records),
        pairs_found=len(pairs),
        proposals_created=[proposal.pk for proposal in created],
    )


# ---------------------------------------------------------------- deciding


def locked_pending_proposal(actor: User, proposal_id: int) -> MergeProposal:
    ensure_may_deduplicate(actor)
    proposal_get(actor=actor, proposal_id=proposal_id)  # 404 outside the actor's scope
    proposal = MergeProposal.objects.select_for_update().get(pk=proposal_id)
    if proposal.decision != MergeProposal.Decision.PENDING:
        raise Conflict(
            "merge_proposal_decided",
            _("This proposal has already been decided by someone else."),
        )
    return proposal


def person_relations():
    """Every table that refers to a person (other apps' too), except the merge bookkeeping."""
    return [
        relation
        for relation in Person._meta.related_objects
        if (relation.one_to_many or relation.one_to_one) and relation.related_model is not Person
    ]


def close_competing_ledger_stay(actor: User, kept: Person, duplicate: Person) -> list[int]:
    """A person is on the ledger at most once at a time: the duplicate's open stay ends today."""
    if not LedgerEntry.objects.filter(person=kept, exited_on__isnull=True).exists():
        return []
    closed = []
    today = timezone.localdate()
    for entry in LedgerEntry.objects.filter(person=duplicate, exited_on__isnull=True):
        entry.exited_on = max(today, entry.entered_on)
        entry.exit_reason = ExitReason.OTHER
        entry.exited_by = actor
        entry.save(update_fields=["exited_on", "exit_reason", "exited_by"])
        closed.append(entry.pk)
    return closed


def move_records(kept: Person, duplicate: Person) -> tuple[dict, dict]:
    """Repoint the duplicate's records at the kept person.

    A row that would break a uniqueness rule on the kept person (the same key-group membership
    recorded twice, a second open membership of one group, a second open pairing) stays with
    the duplicate record, where it is kept. Moved memberships take the kept person's region.
    """
    moved: dict[str, list[int]] = {}
    left: dict[str, list[int]] = {}
    for relation in person_relations():
        model, column = relation.related_model, relation.field.name
        label = model._meta.label_lower
        ids = list(model.objects.filter(**{column: duplicate}).values_list("pk", flat=True))
        if not ids:
            continue
        try:
            with transaction.atomic():
                model.objects.filter(pk__in=ids).update(**{column: kept})
            moved[label] = ids
            continue
        except IntegrityError:
            pass
        for pk in ids:
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(**{column: kept})
                moved.setdefault(label, []).append(pk)
            except IntegrityError:
                left.setdefault(label, []).append(pk)
    return moved, left


def confirm_merge(*, actor: User, proposal_id: int) -> MergeProposal:
    with transaction.atomic():
        proposal = locked_pending_proposal(actor, proposal_id)
        people = Person.objects.select_for_update().in_bulk(
            [proposal.kept_id, proposal.duplicate_id]
        )
        kept, duplicate = people[proposal.kept_id], people[proposal.duplicate_id]
        if kept.merged_into_id or duplicate.merged_into_id:
            raise Conflict(
                "person_already_merged",
                _("One of these records has already been merged into another."),
            )
        closed_stays = close_competing_ledger_stay(actor, kept, duplicate)
        moved, left = move_records(kept, duplicate)
        KeyGroupMembership.objects.follow_region_of(kept)
        duplicate.merged_into = kept
        duplicate.version += 1
        duplicate.save(update_fields=["merged_into", "version", "updated_at"])
        proposal.decision = MergeProposal.Decision.MERGED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["decision", "decided_by", "decided_at"])
        audit.record(
            actor,
            audit.Change(
                action="person_merged",
                object_type="registry.person",
                object_id=str(duplicate.pk),
                region_code=duplicate.region_id,
                before={"merged_into": None, "records": moved | left},
                after={
                    "merged_into": kept.pk,
                    "proposal": proposal.pk,
                    "moved_to_kept": moved,
                    "left_with_duplicate": left,
                    "ledger_stays_closed": closed_stays,
                },
                reason=f"merge proposal {proposal.pk}",
            ),
        )
    return proposal


def reject_merge(*, actor: User, proposal_id: int) -> MergeProposal:
    with transaction.atomic():
        proposal = locked_pending_proposal(actor, proposal_id)
        proposal.decision = MergeProposal.Decision.REJECTED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["decision", "decided_by", "decided_at"])
        audit.record(
            actor,
            audit.Change(
                action="merge_rejected",
                object_type=PROPOSAL_TYPE,
                object_id=str(proposal.pk),
                region_code=proposal.duplicate.region_id,
                before={"decision": MergeProposal.Decision.PENDING},
                after={
                    "decision": MergeProposal.Decision.REJECTED,
                    "kept": proposal.kept_id,
                    "duplicate": proposal.duplicate_id,
                },
            ),
        )
    return proposal
