from django.urls import path

from minsheng.registry import views

urlpatterns = [
    path("", views.person_list_view, name="people"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/reveal/", views.person_reveal, name="person_reveal"),
]
