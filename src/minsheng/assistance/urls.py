from django.urls import path

from minsheng.assistance import views

urlpatterns = [
    path("people/<int:person_id>/services/", views.services_view, name="assistance_services"),
    path("1131/", views.completion_view, name="assistance_completion"),
    path("1131/overdue/", views.overdue_view, name="assistance_overdue"),
    path("pairing/", views.pairing_view, name="assistance_pairing"),
    path("pairing/assign/", views.assign_suggested_view, name="assistance_assign_suggested"),
    path("pairings/<int:pairing_id>/follow-up/", views.follow_up_view, name="assistance_follow_up"),
    path("pairings/<int:pairing_id>/reassign/", views.reassign_view, name="assistance_reassign"),
    path("caseworkers/", views.caseworkers_view, name="assistance_caseworkers"),
    path("caseworkers/<int:user_id>/left/", views.staff_left_view, name="assistance_staff_left"),
    path("today/", views.today_view, name="assistance_today"),
]
