from django.urls import path, register_converter
from django.views.generic import RedirectView

import core.converters  # noqa: F401  (registers the linktoken converter)
from helpdesk import views
from helpdesk.converters import ReferenceConverter

register_converter(ReferenceConverter, "reference")

app_name = "helpdesk"
urlpatterns = [
    # Employers (no account)
    path("vraag-stellen/", views.ask, name="ask"),
    path("vraag-stellen/suggesties/", views.suggestions, name="suggestions"),
    path("suggestie/<slug:slug>/", views.suggestion_open, name="suggestion_open"),
    path("volg/<linktoken:token>/", views.follow, name="follow"),
    path("volg/<linktoken:token>/reageren/", views.follow_reply, name="follow_reply"),
    path("volg/<linktoken:token>/feedback/", views.follow_feedback, name="follow_feedback"),
    path("volg/<linktoken:token>/bijlage/<int:pk>/", views.follow_attachment, name="follow_attachment"),
    # Registered employers (werkgever): the questions they asked while logged in
    path("mijn-vragen/", views.my_tickets, name="my_tickets"),
    path("mijn-vragen/<reference:reference>/", views.my_ticket, name="my_ticket"),
    path("mijn-vragen/<reference:reference>/reageren/", views.my_ticket_reply, name="my_ticket_reply"),
    path("mijn-vragen/<reference:reference>/feedback/", views.my_ticket_feedback, name="my_ticket_feedback"),
    path(
        "mijn-vragen/<reference:reference>/bijlage/<int:pk>/", views.my_ticket_attachment, name="my_ticket_attachment"
    ),
    # Partner helpdesk staff
    path("doorverwijzen/", views.refer, name="refer"),
    path("doorverwijzingen/", views.referral_list, name="referral_list"),
    path("doorverwijzingen/<reference:reference>/", views.referral_detail, name="referral_detail"),
    # SER/DiB advisors
    path("mijn-werk/", views.my_work, name="my_work"),
    path("wachtrij/", views.queue, name="queue"),
    path("wachtrij/<reference:reference>/", views.ticket_detail, name="ticket_detail"),
    path("wachtrij/<reference:reference>/oppakken/", views.ticket_claim, name="ticket_claim"),
    path("wachtrij/<reference:reference>/toewijzen/", views.ticket_assign, name="ticket_assign"),
    path("wachtrij/<reference:reference>/bericht/", views.ticket_compose, name="ticket_compose"),
    path("wachtrij/<reference:reference>/status/", views.ticket_status, name="ticket_status"),
    path("wachtrij/<reference:reference>/sluiten/", views.ticket_close, name="ticket_close"),
    path("wachtrij/<reference:reference>/samenvoegen/", views.ticket_merge, name="ticket_merge"),
    path("bijlage/<int:pk>/", views.attachment_download, name="attachment"),
    # The capacity dashboard moved to the impact app (same definitions as the report).
    path("capaciteit/", RedirectView.as_view(pattern_name="impact:capacity", permanent=True), name="capacity"),
]
