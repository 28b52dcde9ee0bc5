"""The helpdesk's role links in the main menu: by permission, with the current page marked."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLE_LINKS = {
    "Vragen": "helpdesk:queue",
    "Capaciteit": "impact:capacity",
    "Doorverwijzingen": "helpdesk:referral_list",
    "Mijn vragen": "helpdesk:my_tickets",
}


def main_menu(response) -> str:
    page = response.content.decode()
    return re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)


def menu_links(response) -> dict[str, str]:
    """Label -> href of every link in the main menu."""
    return {label: href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', main_menu(response))}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anoniem", set()),
        ("werkgever", {"Mijn vragen"}),
        ("partner-medewerker", {"Doorverwijzingen"}),
        ("adviseur", {"Vragen", "Capaciteit"}),
        ("contentbeheerder", set()),
        ("community-coordinator", set()),
        ("superuser", {"Vragen", "Capaciteit", "Doorverwijzingen", "Mijn vragen"}),
    ],
)
def test_role_links_follow_permissions(client, user_with_role, role, expected):
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    links = menu_links(client.get(reverse("core:home")))
    assert {label for label in ROLE_LINKS if label in links} == expected
    for label in expected:
        assert links[label] == reverse(ROLE_LINKS[label])
    # The existing items stay.
    assert {"Menukaart", "Stel een vraag", "Doe-netwerken"} <= set(links)


def test_links_come_from_the_permission_not_the_group_name(client, werkgever):
    werkgever.user_permissions.add(Permission.objects.get(codename="view_capacity"))
    client.force_login(werkgever)
    links = menu_links(client.get(reverse("core:home")))
    assert links.get("Capaciteit") == reverse("impact:capacity")
    assert "Vragen" not in links


@pytest.mark.parametrize(
    ("url", "current"),
    [
        (reverse("helpdesk:queue"), "Vragen"),
        (reverse("impact:capacity"), "Capaciteit"),
        (reverse("helpdesk:ask"), "Stel een vraag"),
    ],
)
def test_advisor_sees_the_current_page_marked_once(client, adviseur, url, current):
    client.force_login(adviseur)
    menu = main_menu(client.get(url))
    marked = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', menu)
    assert marked == [current]


def test_partner_referral_pages_mark_doorverwijzingen(client, partner_abu):
    client.force_login(partner_abu)
    for url in (reverse("helpdesk:referral_list"), reverse("helpdesk:refer")):
        marked = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', main_menu(client.get(url)))
        assert marked == ["Doorverwijzingen"]


def test_werkgever_pages_mark_mijn_vragen(client, werkgever):
    from tests.helpdesk.factories import TicketFactory

    ticket = TicketFactory(requester_user=werkgever)
    client.force_login(werkgever)
    for url in (reverse("helpdesk:my_tickets"), reverse("helpdesk:my_ticket", args=[ticket.reference])):
        marked = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', main_menu(client.get(url)))
        assert marked == ["Mijn vragen"]


def test_ask_page_has_no_separate_role_links_any_more(client, adviseur):
    client.force_login(adviseur)
    page = client.get(reverse("helpdesk:ask")).content.decode()
    assert "Naar de wachtrij van de helpdesk" not in page
    assert page.count(f'href="{reverse("helpdesk:queue")}"') == 1  # only in the menu


def test_anonymous_menu_costs_no_queries(client, django_assert_num_queries):
    # Warm up (session, language), then the home page of an anonymous visitor needs no query for the menu.
    client.get(reverse("core:home"))
    with django_assert_num_queries(0):
        client.get(reverse("core:home"))
