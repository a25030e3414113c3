from django.contrib import admin
from django.urls import include, path

from minsheng.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("people/", include("minsheng.registry.urls")),
    path("occupations/", include("minsheng.occupations.urls")),
    path("assistance/", include("minsheng.assistance.urls")),
    path("jobs/", include("minsheng.jobs.urls")),
    path("skills/", include("minsheng.skills.urls")),
    path("statistics/", include("minsheng.labour_market.urls")),
    path("insurance/", include("minsheng.insurance.urls")),
    path("", include("minsheng.core.urls")),
]
