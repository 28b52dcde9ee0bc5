"""Partner input (own organisation only) and the agreements of the impact meetings (editors)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from impact.models import Agreement, AgreementStatus, PartnerInput
from impact.periods import half_year_of
from tests.helpdesk.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_partner_staff_record_input_for_their_own_organisation(client, partner_abu):
    theme = ThemeFactory(slug="taal", name="Taal")
    client.force_login(partner_abu)
    period = half_year_of(timezone.localdate())
    response = client.post(
        reverse("impact:partner_input"),
        {"half_year": period.code, "themes": [theme.pk], "note": "Veel vragen over taal.", "questions_heard": "30"},
    )
    assert response.status_code == 302
    item = PartnerInput.objects.get()
    assert item.organisation == partner_abu.organisation
    assert (item.period_start, item.period_end) == (period.start, period.end)
    assert list(item.themes.all()) == [theme]
    # Saving again for the same half-year changes the same row.
    client.post(reverse("impact:partner_input"), {"half_year": period.code, "note": "Bijgewerkt."})
    assert PartnerInput.objects.get().note == "Bijgewerkt."


def test_a_partner_never_sees_or_changes_another_partners_input(client, partner_abu, partner_awvn):
    period = half_year_of(timezone.localdate())
    PartnerInput.objects.create(
        organisation=partner_abu.organisation, period_start=period.start, period_end=period.end, note="Van ABU."
    )
    client.force_login(partner_awvn)
    page = client.get(reverse("impact:partner_input"))
    assert "Van ABU." not in page.content.decode()
    client.post(reverse("impact:partner_input"), {"half_year": period.code, "note": "Van AWVN."})
    assert sorted(PartnerInput.objects.values_list("organisation__slug", "note")) == [
        ("abu", "Van ABU."),
        ("awvn", "Van AWVN."),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"note": ""}, "Schrijf kort wat jullie hoorden."),
        ({"note": "x", "questions_heard": "veel"}, "Vul een heel getal in."),
        ({"note": "x", "questions_heard": "-3"}, "Vul 0 of meer in."),
        ({"note": "x", "half_year": "1999-H1"}, "Kies een van de genoemde halfjaren."),
    ],
)
def test_bad_partner_input_gets_a_dutch_message_and_keeps_the_text(client, partner_abu, data, message):
    client.force_login(partner_abu)
    data = {"half_year": half_year_of(timezone.localdate()).code, **data}
    response = client.post(reverse("impact:partner_input"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartnerInput.objects.exists()


def test_advisors_and_editors_cannot_give_partner_input(client, adviseur, contentbeheerder):
    for user in (adviseur, contentbeheerder):
        client.force_login(user)
        assert client.get(reverse("impact:partner_input")).status_code == 403


def test_editor_records_and_updates_an_agreement(client, contentbeheerder, abu):
    client.force_login(contentbeheerder)
    response = client.post(
        reverse("impact:agreement_list"),
        {"meeting_date": "2026-03-10", "action": "Factsheet maken", "owner": abu.pk, "due_date": "2026-06-01",
         "status": "open"},
    )  # fmt: skip
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    response = client.post(
        reverse("impact:agreement_edit", args=[agreement.pk]),
        {"meeting_date": "2026-03-10", "action": "Factsheet maken", "owner": abu.pk, "due_date": "2026-06-01",
         "status": "gedaan", "status_note": "Staat in de menukaart."},
    )  # fmt: skip
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE


def test_an_agreement_due_before_its_meeting_is_refused_in_dutch(client, contentbeheerder, abu):
    client.force_login(contentbeheerder)
    response = client.post(
        reverse("impact:agreement_list"),
        {"meeting_date": "2026-03-10", "action": "X", "owner": abu.pk, "due_date": "2026-01-01", "status": "open"},
    )
    assert response.status_code == 400
    assert "De uiterste datum ligt vóór de bijeenkomst." in response.content.decode()


def test_advisors_see_agreements_but_cannot_record_them(client, adviseur, abu):
    agreement = Agreement.objects.create(
        meeting_date=date(2026, 3, 10), action="X", owner=abu, due_date=date(2026, 6, 1)
    )
    client.force_login(adviseur)
    assert client.get(reverse("impact:agreement_list")).status_code == 200
    assert client.post(reverse("impact:agreement_list"), {"action": "Y"}).status_code == 403
    assert client.get(reverse("impact:agreement_edit", args=[agreement.pk])).status_code == 403


def test_agreement_list_query_count_does_not_grow(client, contentbeheerder, abu, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(contentbeheerder)
    client.get(reverse("impact:agreement_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("impact:agreement_list"))
    Agreement.objects.bulk_create(
        Agreement(meeting_date=date(2026, 3, 10), action=f"Actie {i}", owner=abu, due_date=date(2026, 6, 1))
        for i in range(20)
    )
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("impact:agreement_list"))
    assert len(more) == len(few)


def test_anonymous_visitors_are_sent_to_log_in(client):
    for name in ("report_list", "partner_input", "agreement_list", "capacity"):
        response = client.get(reverse(f"impact:{name}"))
        assert response.status_code == 302 and "inloggen" in response["Location"]


def test_werkgever_cannot_open_reports(client, werkgever):
    client.force_login(werkgever)
    assert client.get(reverse("impact:report_list")).status_code == 403
