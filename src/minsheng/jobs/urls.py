from django.urls import path

from minsheng.jobs import views, views_campaigns, views_employer, views_staff

# Seekers: the person page's section, the citizen's own page, the open-vacancy search.
urlpatterns = [
    path("people/<int:person_id>/", views.person_jobs, name="jobs_person"),
    path("vacancies/<int:vacancy_id>/recommend/", views.recommend, name="jobs_recommend"),
    path("vacancies/<int:vacancy_id>/apply/", views.apply, name="jobs_apply"),
    path(
        "applications/<int:application_id>/step/",
        views.application_step,
        name="jobs_application_step",
    ),
    path("mine/", views.my_jobs, name="jobs_mine"),
    path("fairs/<int:fair_id>/attend/", views.fair_attend, name="jobs_fair_attend"),
    path("search/", views.search, name="jobs_search"),
]

# Employers' recruiters (staff share edit, close and applications).
urlpatterns += [
    path("our/", views_employer.our_vacancies, name="jobs_our_vacancies"),
    path("our/new/", views_employer.vacancy_post, name="jobs_vacancy_post"),
    path("our/fairs/", views_employer.employer_fairs, name="jobs_employer_fairs"),
    path("fairs/<int:fair_id>/join/", views_employer.fair_join, name="jobs_fair_join"),
    path("vacancies/<int:vacancy_id>/edit/", views_employer.vacancy_edit, name="jobs_vacancy_edit"),
    path(
        "vacancies/<int:vacancy_id>/close/", views_employer.vacancy_close, name="jobs_vacancy_close"
    ),
    path(
        "vacancies/<int:vacancy_id>/applications/",
        views_employer.vacancy_applications,
        name="jobs_vacancy_applications",
    ),
]

# Staff: vacancies and their review, matching, employers.
urlpatterns += [
    path("vacancies/", views_staff.vacancy_list, name="jobs_vacancies"),
    path("vacancies/<int:vacancy_id>/", views_staff.vacancy_detail, name="jobs_vacancy"),
    path(
        "vacancies/<int:vacancy_id>/review/", views_staff.vacancy_review, name="jobs_vacancy_review"
    ),
    path("review/", views_staff.review_queue, name="jobs_review"),
    path("batch/", views_staff.run_batch, name="jobs_batch"),
    path("employers/", views_staff.employer_list, name="jobs_employers"),
    path("employers/new/", views_staff.employer_register, name="jobs_employer_register"),
    path("employers/<int:employer_id>/", views_staff.employer_detail, name="jobs_employer"),
    path(
        "employers/<int:employer_id>/account/",
        views_staff.employer_account,
        name="jobs_employer_account",
    ),
]

# Campaigns and fairs.
urlpatterns += [
    path("campaigns/", views_campaigns.campaign_list, name="jobs_campaigns"),
    path("campaigns/new/", views_campaigns.campaign_create, name="jobs_campaign_create"),
    path("campaigns/<int:campaign_id>/", views_campaigns.campaign_detail, name="jobs_campaign"),
    path("campaigns/<int:campaign_id>/fairs/new/", views_campaigns.fair_add, name="jobs_fair_add"),
    path("fairs/<int:fair_id>/", views_campaigns.fair_detail, name="jobs_fair"),
    path(
        "fairs/<int:fair_id>/attendees/",
        views_campaigns.fair_attendee_add,
        name="jobs_fair_attendee_add",
    ),
]
