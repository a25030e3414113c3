from django.contrib.auth.views import LogoutView
from django.urls import path

from minsheng.core import job_views, parameter_pages, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.sign_in_view, name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("regions/", views.region_browser, name="regions"),
    path("regions/<str:code>/", views.region_browser, name="region"),
    path("audit/", views.audit_log, name="audit_log"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("identifiers/", views.identifier_check, name="identifier_check"),
    path("background-jobs/<int:job_id>/", job_views.job_status, name="job_status"),
    path("parameters/", parameter_pages.parameter_list, name="parameters"),
    path("parameters/<str:name>/", parameter_pages.parameter_detail, name="parameter"),
]
