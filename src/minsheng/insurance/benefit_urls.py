"""Pages of unemployment benefit and personal pensions (included by `insurance.urls`)."""

from django.urls import path

from minsheng.insurance import personal_pension_views, unemployment_views

urlpatterns = [
    path("unemployment/", unemployment_views.claims, name="unemployment_claims"),
    path(
        "unemployment/<int:claim_id>/", unemployment_views.claim_detail, name="unemployment_claim"
    ),
    path(
        "unemployment/<int:claim_id>/decide/",
        unemployment_views.claim_decide,
        name="unemployment_claim_decide",
    ),
    path("mine/unemployment/", unemployment_views.my_claims, name="unemployment_mine"),
    path("personal-pensions/", personal_pension_views.accounts, name="personal_pension_accounts"),
    path(
        "personal-pensions/<int:account_id>/",
        personal_pension_views.account_detail,
        name="personal_pension_account",
    ),
    path(
        "mine/personal-pension/",
        personal_pension_views.my_personal_pension,
        name="personal_pension_mine",
    ),
]
