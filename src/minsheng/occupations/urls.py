from django.urls import path

from minsheng.occupations import views

urlpatterns = [
    path("", views.occupation_browse, name="occupations"),
    path("review/", views.review_queue, name="occupation_reviews"),
    path("review/<int:review_id>/", views.review_decide, name="occupation_review_decide"),
    path("<str:code>/", views.occupation_detail, name="occupation"),
    path("<str:code>/children/", views.occupation_children, name="occupation_children"),
]
