"""The "Stel een vraag" link on a network's page: the question records the network as its source
(a plain text on the ticket: the helpdesk imports nothing from communities)."""

import pytest
from django.urls import reverse

from helpdesk.models import Ticket
from tests.helpdesk.factories import ask_form_data


@pytest.mark.django_db
def test_question_asked_from_a_network_records_it(client, network, adviseur):
    page = client.get(network.get_absolute_url()).content.decode()
    link = f"{reverse('helpdesk:ask')}?netwerk={network.slug}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'value="doe-netwerk:{network.slug}"' in form
    response = client.post(reverse("helpdesk:ask"), ask_form_data(source=f"doe-netwerk:{network.slug}"))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.source == f"doe-netwerk:{network.slug}"
    client.force_login(adviseur)
    detail = client.get(ticket.get_absolute_url()).content.decode()
    assert f"de pagina van doe-netwerk {network.slug}" in detail


@pytest.mark.django_db
@pytest.mark.parametrize("tampered", ["<script>", "doe-netwerk:", "elders:iets", "doe-netwerk:" + "a" * 100])
def test_a_tampered_source_is_dropped_not_an_error(client, tampered):
    response = client.post(reverse("helpdesk:ask"), ask_form_data(source=tampered))
    assert response.status_code == 302
    assert Ticket.objects.get().source == ""


@pytest.mark.django_db
def test_odd_network_parameter_gives_an_empty_source(client):
    form = client.get(reverse("helpdesk:ask") + "?netwerk=%3Cscript%3E").content.decode()
    assert "doe-netwerk:" not in form
