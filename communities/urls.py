from django.urls import path

import core.converters  # noqa: F401  (registers the linktoken converter)
from communities import views

app_name = "communities"
urlpatterns = [
    path("", views.index, name="index"),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda.ics", views.public_feed, name="public_feed"),
    path("mijn-netwerken/", views.my_networks, name="my_networks"),
    path("voorstellen/", views.proposal_review_list, name="proposal_review_list"),
    path("voorstellen/<int:pk>/", views.proposal_review, name="proposal_review"),
    path("e-mail-afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Good examples: send in, react, own overview; editors moderate.
    path("goede-voorbeelden/insturen/", views.example_submit, name="example_submit"),
    path("goede-voorbeelden/mijn/", views.my_examples, name="my_examples"),
    path("goede-voorbeelden/<slug:slug>/reageren/", views.example_react, name="example_react"),
    path("moderatie/", views.moderation_queue, name="moderation"),
    path("moderatie/voorbeeld/<int:pk>/", views.example_decide, name="example_decide"),
    path("moderatie/reactie/<int:pk>/", views.reaction_decide, name="reaction_decide"),
    # Role models: public profiles; the person's private consent page.
    path("rolmodellen/", views.role_model_list, name="role_model_list"),
    path("rolmodellen/toestemming/ingetrokken/", views.role_model_withdrawn, name="role_model_withdrawn"),
    path("rolmodellen/toestemming/<linktoken:token>/", views.role_model_consent, name="role_model_consent"),
    path("rolmodellen/<slug:slug>/", views.role_model_detail, name="role_model_detail"),
    path("rolmodellen/<slug:slug>/foto/", views.role_model_photo, name="role_model_photo"),
    # Fixed paths go above this line (and their first segment into models.networks.RESERVED_SLUGS):
    # everything below starts with a network's slug.
    path("<slug:slug>/", views.network_detail, name="network_detail"),
    path("<slug:slug>/agenda.ics", views.network_feed, name="network_feed"),
    path("<slug:slug>/lid-worden/", views.join, name="join"),
    path("<slug:slug>/verlaten/", views.leave, name="leave"),
    path("<slug:slug>/e-mail/", views.email_preference, name="email_preference"),
    path("<slug:slug>/leden/", views.member_list, name="member_list"),
    path("<slug:slug>/beheer/leden/", views.members_manage, name="members_manage"),
    path("<slug:slug>/beheer/leden/<int:pk>/toelaten/", views.membership_approve, name="membership_approve"),
    path("<slug:slug>/beheer/leden/<int:pk>/afwijzen/", views.membership_decline, name="membership_decline"),
    path("<slug:slug>/bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/aanmelden/", views.meeting_register, name="meeting_register"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/afmelden/", views.meeting_cancel_registration, name="meeting_cancel"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/verslag/", views.meeting_minutes, name="meeting_minutes"),
    path("<slug:slug>/lessen/<int:pk>/openbaar/", views.lesson_publish, name="lesson_publish"),
    path("<slug:slug>/lessen/<int:pk>/voorstel/", views.lesson_propose, name="lesson_propose"),
    path("<slug:slug>/gesprek/", views.discussion, name="discussion"),
    path("<slug:slug>/gesprek/<int:pk>/", views.thread, name="thread"),
    path("<slug:slug>/gesprek/<int:pk>/bewerken/", views.post_edit, name="post_edit"),
    path("<slug:slug>/gesprek/<int:pk>/melden/", views.post_report, name="post_report"),
    path("<slug:slug>/gesprek/<int:pk>/verbergen/", views.post_hide, name="post_hide"),
    path("<slug:slug>/gesprek/<int:pk>/tonen/", views.post_unhide, name="post_unhide"),
    path("<slug:slug>/bronnen/", views.resources, name="resources"),
    path("<slug:slug>/bronnen/<int:pk>/download/", views.resource_download, name="resource_download"),
]
