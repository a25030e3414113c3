from django.urls import path

from minsheng.skills import views, views_shortage, views_staff

# Everyone signed in: the catalogue, a course's page and enrolling; a person's skills.
urlpatterns = [
    path("", views.catalogue, name="skills_catalogue"),
    path("courses/<int:course_id>/", views.course_detail, name="skills_course"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="skills_enrol"),
    path("people/<int:person_id>/", views.person_skills, name="skills_person"),
    path("people/<int:person_id>/enrol/", views.person_enrol, name="skills_person_enrol"),
    path("people/<int:person_id>/levels/", views.person_level, name="skills_person_level"),
    # Public: no sign-in needed.
    path("verify/", views.verify, name="skills_verify"),
]

# Staff: providers, courses and running them, certificates and subsidies.
urlpatterns += [
    path("courses/", views_staff.course_list, name="skills_courses"),
    path("courses/new/", views_staff.course_add, name="skills_course_add"),
    path("courses/<int:course_id>/manage/", views_staff.course_manage, name="skills_course_manage"),
    path("courses/<int:course_id>/status/", views_staff.course_status, name="skills_course_status"),
    path(
        "courses/<int:course_id>/subsidies/",
        views_staff.subsidies_decide,
        name="skills_subsidies_decide",
    ),
    path("providers/", views_staff.provider_list, name="skills_providers"),
    path("providers/new/", views_staff.provider_register, name="skills_provider_register"),
    path(
        "certificates/<int:certificate_id>/revoke/",
        views_staff.certificate_revoke,
        name="skills_certificate_revoke",
    ),
    path("subsidies/<int:application_id>/", views_staff.subsidy_detail, name="skills_subsidy"),
    path("subsidies/<int:application_id>/pay/", views_staff.subsidy_pay, name="skills_subsidy_pay"),
    path("shortage/", views_shortage.shortage_page, name="skills_shortage"),
    path("shortage/enrol/", views_shortage.enrol_many, name="skills_enrol_many"),
]

# The steps of a participant, one URL each.
urlpatterns += [
    path(
        f"enrolments/<int:enrolment_id>/{step}/",
        views_staff.enrolment_step,
        {"step": step},
        name=f"skills_{step}",
    )
    for step in views_staff.STEPS
]
