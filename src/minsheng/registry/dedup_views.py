"""Pages for reviewing suspected duplicate people: a queue, a side-by-side view, the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError, NotFound
from minsheng.registry import dedup
from minsheng.registry.models import MergeProposal


def ensure_reviewer(request) -> None:
    if request.user.role not in dedup.DEDUP_ROLES:
        raise Http404


def visible_proposal(request, proposal_id: int) -> MergeProposal:
    try:
        return dedup.proposal_get(actor=request.user, proposal_id=proposal_id)
    except NotFound:
        raise Http404 from None


@login_required
def dedup_list(request):
    ensure_reviewer(request)
    decision = request.GET.get("decision", MergeProposal.Decision.PENDING)
    if decision not in MergeProposal.Decision.values:
        decision = MergeProposal.Decision.PENDING
    proposals = dedup.proposal_list(actor=request.user, decision=decision)
    page = Paginator(proposals, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/dedup_list.html",
        {
            "page": page,
            "decision": decision,
            "decisions": MergeProposal.Decision.choices,
            "query": f"decision={decision}",
        },
    )


@login_required
@require_POST
def dedup_run(request):
    """Link the people of the reviewer's region now; new pairs join the queue."""
    ensure_reviewer(request)
    run = dedup.propose_merges(actor=request.user)
    messages.success(
        request,
        _("Compared %(records)d records: %(new)d new pairs to review.")
        % {"records": run.records_compared, "new": len(run.proposals_created)},
    )
    return redirect("dedup_list")


@login_required
def dedup_detail(request, proposal_id: int):
    ensure_reviewer(request)
    proposal = visible_proposal(request, proposal_id)
    return render(
        request,
        "registry/dedup_detail.html",
        {"proposal": proposal, "rows": dedup.proposal_comparison(proposal)},
    )


@login_required
@require_POST
def dedup_decide(request, proposal_id: int):
    ensure_reviewer(request)
    visible_proposal(request, proposal_id)
    merge = request.POST.get("decision") == MergeProposal.Decision.MERGED
    decide = dedup.confirm_merge if merge else dedup.reject_merge
    try:
        decide(actor=request.user, proposal_id=proposal_id)
    except NotFound:
        raise Http404 from None
    except DomainError as refused:
        messages.error(request, str(refused.message))
        return redirect("dedup_detail", proposal_id=proposal_id)
    messages.success(
        request,
        _("The records were merged.") if merge else _("Recorded: not the same person."),
    )
    return redirect("dedup_list")
