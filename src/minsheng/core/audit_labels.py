"""What the audit log's codes mean, in the reader's language.

Services write stable codes (`contributions_declared`, `insurance.payment`) and auditors search
by them, so pages show a label beside the code, never instead of it. Every action a service
writes has its label here (the test suite fails a test that writes one without). An object
type that names a model (`app_label.modelname`) is called by the model's verbose name; the
others are named here.
"""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    # core
    "read_unmasked": _("Viewed unmasked personal data"),
    "regions_loaded": _("Regions loaded"),
    "user_created": _("User created"),
    "token_issued": _("API token issued"),
    "token_revoked": _("API token revoked"),
    "job_queued": _("Background job queued"),
    "job_failed": _("Background job failed"),
    "jobs_pruned": _("Finished background jobs deleted"),
    # registry
    "person_registered": _("Person registered"),
    "person_updated": _("Person's details changed"),
    "membership_added": _("Added to a key group"),
    "membership_ended": _("Key-group membership ended"),
    "job_wish_added": _("Job-seeking wish added"),
    "job_wish_removed": _("Job-seeking wish removed"),
    "status_recorded": _("Employment status recorded"),
    "ledger_entered": _("Entered the real-name ledger"),
    "ledger_exited": _("Left the real-name ledger"),
    "ledger_exported": _("Ledger exported"),
    "people_imported": _("People imported from a list"),
    "import_finished": _("List import finished"),
    "merge_proposed": _("Duplicate records proposed for merging"),
    "person_merged": _("Duplicate records merged"),
    "merge_rejected": _("Merge proposal rejected"),
    "ledger_demo_seeded": _("Demo ledger data generated"),
    # assistance
    "service_recorded": _("Employment service recorded"),
    "caseworker_assigned": _("Caseworker assigned"),
    "pairing_ended": _("Paired assistance ended"),
    "follow_up_recorded": _("Follow-up visit recorded"),
    "assistance_demo_seeded": _("Demo assistance data generated"),
    # jobs
    "employer_registered": _("Employer registered"),
    "employer_account_created": _("Employer account created"),
    "vacancy_posted": _("Vacancy posted"),
    "vacancy_changed": _("Vacancy changed"),
    "vacancy_published": _("Vacancy published"),
    "vacancy_sent_back": _("Vacancy sent back to the employer"),
    "vacancy_closed": _("Vacancy closed"),
    "vacancy_expired": _("Vacancy expired"),
    "application_made": _("Application made"),
    "application_interviewed": _("Applicant interviewed"),
    "application_offered": _("Job offered to the applicant"),
    "application_hired": _("Applicant hired"),
    "application_rejected": _("Application rejected"),
    "application_withdrawn": _("Application withdrawn"),
    "campaign_created": _("Recruitment campaign created"),
    "fair_added": _("Job fair added"),
    "fair_employer_registered": _("Employer registered for a job fair"),
    "fair_attendee_registered": _("Job seeker registered for a job fair"),
    # occupations
    "taxonomy_loaded": _("Occupational classification loaded"),
    "release_imported": _("Classification release imported"),
    "occupation_add": _("Occupation added"),
    "occupation_add_work_type": _("Work type added"),
    "occupation_rename": _("Occupation renamed"),
    "occupation_retire": _("Occupation retired"),
    "coding_accepted": _("Title coding accepted"),
    "coding_corrected": _("Title coding corrected"),
    # skills (and `enrolled`, also written by insurance: the object column tells which)
    "enrolled": pgettext_lazy("audit action", "Enrolled"),
    "provider_registered": _("Training provider registered"),
    "course_added": _("Training course added"),
    "course_status_changed": _("Course status changed"),
    "enrolment_dropped": _("Course enrolment dropped"),
    "enrolment_promoted": _("Moved up from the waiting list"),
    "attendance_recorded": _("Attendance recorded"),
    "course_completed": _("Course completed"),
    "assessment_recorded": _("Assessment recorded"),
    "certificate_issued": _("Certificate issued"),
    "certificate_revoked": _("Certificate revoked"),
    "skill_level_recorded": _("Skill level recorded"),
    "subsidy_decided": _("Training subsidy decided"),
    "subsidy_paid": _("Training subsidy paid"),
    # insurance
    "enrolment_ended": _("Insurance enrolment ended"),
    "contributions_declared": _("Contributions declared"),
    "contribution_corrected": _("Contribution corrected"),
    "contribution_paid": _("Contribution paid"),
    "interest_credited": _("Interest credited to accounts"),
    "record_transferred": _("Insurance record transferred"),
    "personal_pension_opened": _("Personal pension account opened"),
    "personal_pension_contributed": _("Personal pension contribution paid"),
    "personal_pension_withdrawal_approved": _("Personal pension withdrawal approved"),
    "personal_pension_withdrawal_refused": _("Personal pension withdrawal refused"),
    "unemployment_claim_filed": _("Unemployment benefit claim filed"),
    "unemployment_claim_decided": _("Unemployment benefit claim decided"),
    "unemployment_claim_stopped": _("Unemployment benefit stopped"),
    "unemployment_claim_ended": _("Unemployment benefit ended"),
    "unemployment_benefit_paid": _("Unemployment benefit paid"),
    # labour_market
    "statistics_snapshot_taken": _("Statistics snapshot taken"),
    "statistics_release_generated": _("Statistics release generated"),
    "statistics_release_reviewed": _("Statistics release reviewed"),
    "statistics_release_published": _("Statistics release published"),
    "wage_survey_imported": _("Wage survey imported"),
    # demo
    "synthetic_data_generated": _("Synthetic demo data generated"),
    "account_linked": _("Demo account linked"),
}

# Object types that name no model: a run, a whole table, or a model under another name.
OBJECT_TYPE_LABELS = {
    "core.background_job": _("background job"),
    "registry.ledger": _("real-name ledger"),
    "registry.import_batch": _("list import"),
    "occupations.review": _("coding review"),
    "insurance.interest": _("yearly interest"),
    "demo.run": _("demo data run"),
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_type_name(object_type: str) -> Promise | None:
    """The translatable name of an object type: its model's verbose name (`insurance.payment`)
    or its entry above; None when it has none (a name Django made up is English only)."""
    if object_type in OBJECT_TYPE_LABELS:
        return OBJECT_TYPE_LABELS[object_type]
    try:
        name = apps.get_model(object_type)._meta.verbose_name
    except (LookupError, ValueError):
        return None
    return name if isinstance(name, Promise) else None


def object_type_label(object_type: str) -> str:
    name = object_type_name(object_type)
    return capfirst(name) if name is not None else object_type
