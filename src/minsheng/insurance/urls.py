from django.urls import path

from minsheng.insurance import pension_views
from minsheng.insurance.benefit_urls import urlpatterns as benefit_patterns
from minsheng.insurance.contribution_urls import urlpatterns as contribution_patterns

urlpatterns: list = [
    path("pension/estimate/", pension_views.pension_estimate, name="pension_estimate"),
]
urlpatterns += contribution_patterns
urlpatterns += benefit_patterns
