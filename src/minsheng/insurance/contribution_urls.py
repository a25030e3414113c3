"""Pages of enrolment, contributions and accounts (included by `insurance.urls`)."""

from django.urls import path

from minsheng.insurance import views_employer, views_staff

urlpatterns = [
    # Employers (clerks share declarations, corrections, arrears and payments).
    path("our/", views_employer.our_employees, name="insurance_our_employees"),
    path("our/declare/", views_employer.declare, name="insurance_declare"),
    path("declarations/", views_employer.declarations, name="insurance_declarations"),
    path(
        "declarations/<int:declaration_id>/",
        views_employer.declaration_detail,
        name="insurance_declaration",
    ),
    path("corrections/", views_employer.corrections, name="insurance_corrections"),
    path("arrears/", views_employer.arrears, name="insurance_arrears"),
    path("payments/new/", views_employer.payment_record, name="insurance_payment_record"),
    path(
        "enrolments/<int:enrolment_id>/end/",
        views_employer.enrolment_end,
        name="insurance_enrolment_end",
    ),
    # Staff.
    path("enrolments/", views_staff.enrolments, name="insurance_enrolments"),
    path("people/<int:person_id>/", views_staff.person_statement, name="insurance_person"),
    path(
        "people/<int:person_id>/transfer/",
        views_staff.transfer_record,
        name="insurance_transfer",
    ),
    # Citizens.
    path("mine/", views_staff.my_insurance, name="insurance_mine"),
    path("mine/flexible/", views_staff.my_flexible, name="insurance_my_flexible"),
]
