from django.urls import path

from . import correction_views, profile_views, review_views, selection_views, views

app_name = "progress"

urlpatterns = [
    path("", views.work_home, name="home"),
    path("rondes/nieuw/", views.round_open, name="round_open"),
    path("rondes/<slug:slug>/", views.round_drafts, name="round"),
    path("rondes/<slug:slug>/overzicht/", views.round_overview, name="overview"),
    path("rondes/<slug:slug>/selectie/", selection_views.selection_confirm, name="selection"),
    path(
        "rondes/<slug:slug>/selectie/uitvoeren/",
        selection_views.selection_apply,
        name="selection_apply",
    ),
    path("rondes/<slug:slug>/publiceren/", views.round_publish, name="round_publish"),
    path("rondes/<slug:slug>/profielen/<slug:key>/", views.profile_edit, name="profile"),
    path(
        "rondes/<slug:slug>/profielen/<slug:key>/indienen/",
        profile_views.profile_submit,
        name="profile_submit",
    ),
    path(
        "rondes/<slug:slug>/profielen/<slug:key>/goedkeuren/",
        profile_views.profile_approve,
        name="profile_approve",
    ),
    path(
        "rondes/<slug:slug>/profielen/<slug:key>/terugsturen/",
        profile_views.profile_send_back,
        name="profile_send_back",
    ),
    path("beoordelen/", correction_views.review_pending, name="review_pending"),
    path("correcties/<int:pk>/", correction_views.proposal_detail, name="proposal"),
    path(
        "correcties/<int:pk>/goedkeuren/",
        correction_views.proposal_approve,
        name="proposal_approve",
    ),
    path("correcties/<int:pk>/afwijzen/", correction_views.proposal_reject, name="proposal_reject"),
    path("updates/<int:pk>/", views.update_edit, name="edit"),
    path("updates/<int:pk>/regel-erbij/", views.update_add_row, name="add_row"),
    path("updates/<int:pk>/indienen/", views.update_submit, name="submit"),
    path("updates/<int:pk>/goedkeuren/", views.update_approve, name="approve"),
    path("updates/<int:pk>/klaar/", views.update_mark_ready, name="mark_ready"),
    path("updates/<int:pk>/terugnemen/", views.update_take_back, name="take_back"),
    path("updates/<int:pk>/bevestigen/", views.update_confirm, name="confirm"),
    path("updates/<int:pk>/terugsturen/", views.update_send_back, name="send_back"),
    path("updates/<int:pk>/corrigeren/", views.update_correct, name="correct"),
    path("updates/<int:pk>/geschiedenis/", views.update_history, name="history"),
    path("updates/<int:pk>/beoordelen/", review_views.update_review, name="review"),
    path(
        "updates/<int:pk>/beoordelen/goedkeuren/",
        review_views.review_approve,
        name="review_approve",
    ),
    path(
        "updates/<int:pk>/beoordelen/terugsturen/",
        review_views.review_send_back,
        name="review_send_back",
    ),
]
