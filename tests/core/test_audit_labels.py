"""Every audit code the platform writes has a name in the reader's language."""

import ast
from pathlib import Path

import pytest

import minsheng
from minsheng.core.audit_labels import ACTION_LABELS, object_type_label
from minsheng.insurance.personal_pension_models import WithdrawalStatus
from minsheng.insurance.unemployment_models import ClaimStatus
from minsheng.jobs.placement_services import NEXT_STEPS
from minsheng.occupations.models import ReviewStatus
from minsheng.occupations.releases import ACTIONS as RELEASE_ACTIONS

SOURCE = Path(minsheng.__file__).parent


def call_name(call: ast.Call) -> str | None:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)


def action_arguments(call: ast.Call, position: int | None) -> list[ast.expr]:
    given = [keyword.value for keyword in call.keywords if keyword.arg == "action"]
    if position is not None and position < len(call.args):
        given.append(call.args[position])
    return given


def passes_its_action_on(function: ast.FunctionDef) -> bool:
    """The function calls `Change(action=action)`."""
    return any(
        isinstance(call, ast.Call)
        and call_name(call) == "Change"
        and any(isinstance(given, ast.Name) and given.id == "action"
                for given in action_arguments(call, None))
        for call in ast.walk(function)
    )  # fmt: skip


def literal_codes(node: ast.expr) -> list[str]:
    if isinstance(node, ast.IfExp):  # "vacancy_published" if approve else "vacancy_sent_back"
        return literal_codes(node.body) + literal_codes(node.orelse)
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []


def written_action_codes() -> set[str]:
    """Codes written as literals: `audit.Change(action="…")`, or given to a helper that hands its
    `action` parameter on to `Change(action=action)` (`record(actor, "enrolled", …)`), or to
    an alias of one."""
    modules = [ast.parse(path.read_text()) for path in SOURCE.rglob("*.py")]
    helpers: dict[str, int | None] = {"Change": None}
    for module in modules:
        for function in ast.walk(module):
            if isinstance(function, ast.FunctionDef) and passes_its_action_on(function):
                parameters = [arg.arg for arg in function.args.posonlyargs + function.args.args]
                if "action" in parameters:
                    helpers[function.name] = parameters.index("action")
    for module in modules:  # an app's alias of a helper: `record = audit.record_object`
        for node in module.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                aliased = getattr(node.value, "attr", getattr(node.value, "id", None))
                if aliased in helpers:
                    helpers[node.targets[0].id] = helpers[aliased]
    return {
        code
        for module in modules
        for call in ast.walk(module)
        if isinstance(call, ast.Call) and call_name(call) in helpers
        for argument in action_arguments(call, helpers[call_name(call)])
        for code in literal_codes(argument)
    }


def test_every_action_code_written_in_the_source_has_a_label():
    written = written_action_codes()

    assert {"contributions_declared", "status_recorded", "enrolled", "vacancy_sent_back"} <= written
    assert written - ACTION_LABELS.keys() == set()


def test_action_codes_made_from_a_status_have_labels():
    made = (
        {f"occupation_{action}" for action in RELEASE_ACTIONS}
        | {f"coding_{status}" for status in (ReviewStatus.ACCEPTED, ReviewStatus.CORRECTED)}
        | {f"application_{status}" for steps in NEXT_STEPS.values() for status in steps}
        | {f"personal_pension_withdrawal_{status}" for status in WithdrawalStatus}
        | {f"unemployment_claim_{status}" for status in (ClaimStatus.STOPPED, ClaimStatus.ENDED)}
    )

    assert made - ACTION_LABELS.keys() == set()


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    ("object_type", "label"),
    [
        ("insurance.payment", "Contribution payment"),  # a model: its verbose name
        ("registry.statuschange", "Employment status change"),
        ("core.user", "User"),
        ("registry.ledger", "Real-name ledger"),  # no model: named in audit_labels
        ("core.auditevent", "core.auditevent"),  # a model without a translated name: the code
        ("somewhere.else", "somewhere.else"),  # unknown: the code
        ("not a label", "not a label"),
    ],
)
def test_object_types_are_named_by_their_model_or_the_mapping(object_type, label):
    assert object_type_label(object_type) == label
