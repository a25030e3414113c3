from django.urls import path

from minsheng.labour_market import views

# Every signed-in user reads published releases; statistics staff also drafts, and review /
# publish them.
urlpatterns = [
    path("", views.release_list, name="statistics_releases"),
    path("releases/<int:release_id>/", views.release_detail, name="statistics_release"),
    path(
        "releases/<int:release_id>/<str:name>.<str:file_format>",
        views.release_download,
        name="statistics_download",
    ),
    path("releases/<int:release_id>/review/", views.release_review, name="statistics_review"),
    path("releases/<int:release_id>/publish/", views.release_publish, name="statistics_publish"),
]
