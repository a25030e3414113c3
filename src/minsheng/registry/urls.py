from django.urls import path

from minsheng.registry import dedup_views, import_views, rollup_views, views

urlpatterns = [
    path("", views.person_list_view, name="people"),
    path("ledger/", views.ledger_list_view, name="ledger"),
    path("register/", views.person_register, name="person_register"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("<int:person_id>/reveal/", views.person_reveal, name="person_reveal"),
    path("<int:person_id>/status/", views.person_status, name="person_status"),
    path("<int:person_id>/ledger/enter/", views.ledger_enter, name="ledger_enter"),
    path("<int:person_id>/ledger/<int:entry_id>/exit/", views.ledger_exit, name="ledger_exit"),
    path("<int:person_id>/wishes/", views.wish_add, name="wish_add"),
    path("<int:person_id>/wishes/<int:wish_id>/remove/", views.wish_remove, name="wish_remove"),
    path("<int:person_id>/groups/", views.membership_add, name="membership_add"),
    path(
        "<int:person_id>/groups/<int:membership_id>/end/",
        views.membership_end,
        name="membership_end",
    ),
]

# De-duplication review (minsheng.registry.dedup).
urlpatterns += [
    path("duplicates/", dedup_views.dedup_list, name="dedup_list"),
    path("duplicates/run/", dedup_views.dedup_run, name="dedup_run"),
    path("duplicates/<int:proposal_id>/", dedup_views.dedup_detail, name="dedup_detail"),
    path("duplicates/<int:proposal_id>/decide/", dedup_views.dedup_decide, name="dedup_decide"),
]

# Bulk import and XLSX export (minsheng.registry.imports / exports).
urlpatterns += [
    path("imports/", import_views.import_upload, name="import_upload"),
    path("imports/<int:batch_id>/", import_views.import_result, name="import_result"),
    path(
        "imports/<int:batch_id>/errors.xlsx",
        import_views.import_errors_download,
        name="import_errors",
    ),
    path("ledger/export.xlsx", import_views.ledger_export_download, name="ledger_export"),
]

# Region figures: roll-ups county → city → province (minsheng.registry.rollups).
urlpatterns += [
    path("rollups/", rollup_views.region_rollup_view, name="region_rollups"),
]
