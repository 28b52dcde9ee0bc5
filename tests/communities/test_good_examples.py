"""Goede voorbeelden: sending one in, moderation, reactions, visibility, filters and bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.choices import Sector, SizeBand
from menukaart.models import Example, ExampleReaction, ExampleStatus, ReactionStatus
from tests.communities.factories import ReactionFactory, SubmittedExampleFactory
from tests.factories import UserFactory
from tests.menukaart.factories import ExampleFactory, MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def story(chosen, **overrides) -> dict:
    data = {
        "title": "Werven zonder cv in de bouw",
        "organisation": "Bouwbedrijf Jansen",
        "sector": Sector.F,
        "size_band": SizeBand.S10_49,
        "what_they_did": "We nodigden iedereen uit voor een werkdag op de bouwplaats in plaats van op cv te kiezen.",
        "what_it_brought": "Drie nieuwe collega's die we op papier nooit hadden uitgenodigd.",
        "measures": [m.pk for m in chosen],
    }
    data.update(overrides)
    return data


def moderation_url(example) -> str:
    return reverse("communities:example_decide", args=[example.pk])


def reaction_url(reaction) -> str:
    return reverse("communities:reaction_decide", args=[reaction.pk])


# --- sending in ------------------------------------------------------------------------------------


def test_employer_sends_in_an_example_that_is_stored_but_not_public(
    client, werkgever, django_capture_on_commit_callbacks, mailoutbox
):
    measure = MeasureFactory(title="Werf en selecteer objectief")
    client.force_login(werkgever)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("communities:example_submit"), story([measure]))
    assert response.status_code == 302
    assert response["Location"] == reverse("communities:my_examples")

    example = Example.objects.get(title="Werven zonder cv in de bouw")
    assert example.status == ExampleStatus.SUBMITTED
    assert example.submitted_by == werkgever and example.submitted_at is not None
    assert list(example.measures.all()) == [measure]
    assert [m.to[0] for m in mailoutbox] == [werkgever.email]
    assert "redacteur" in mailoutbox[0].body

    # Not on any public page: not in the list, not on the measure's page, its own page a 404.
    client.logout()
    assert "Werven zonder cv" not in client.get(reverse("menukaart:example_list")).content.decode()
    assert "Werven zonder cv" not in client.get(measure.get_absolute_url()).content.decode()
    assert client.get(example.get_absolute_url()).status_code == 404


def test_an_example_without_chosen_themes_gets_the_themes_of_its_measures(client, werkgever):
    theme = ThemeFactory(name="Werving en selectie")
    measure = MeasureFactory()
    measure.themes.set([theme])
    client.force_login(werkgever)
    client.post(reverse("communities:example_submit"), story([measure]))
    assert list(Example.objects.get(title="Werven zonder cv in de bouw").themes.all()) == [theme]


def test_submit_form_shows_the_hashtag_and_prefills_the_employers_organisation(client, werkgever, settings):
    settings.VIA_HASHTAG = "#WerkagendaVIA"
    client.force_login(werkgever)
    response = client.get(reverse("communities:example_submit"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="hashtag-text"' in page and "#WerkagendaVIA" in page
    assert response.context["form"].initial["organisation"] == werkgever.organisation.name


def test_anonymous_visitor_is_sent_to_log_in_and_a_role_without_the_right_gets_403(client, adviseur):
    response = client.get(reverse("communities:example_submit"))
    assert response.status_code == 302 and "next=" in response["Location"]
    client.force_login(adviseur)
    assert client.get(reverse("communities:example_submit")).status_code == 403
    assert client.post(reverse("communities:example_submit"), {}).status_code == 403
    assert not Example.objects.exists()


def test_partner_staff_may_send_in_an_example_for_a_member(client, partner_abu):
    measure = MeasureFactory()
    client.force_login(partner_abu)
    response = client.post(reverse("communities:example_submit"), story([measure], organisation="Uitzendbureau Zon"))
    assert response.status_code == 302
    assert Example.objects.get(organisation="Uitzendbureau Zon").submitted_by == partner_abu


# --- bad input -------------------------------------------------------------------------------------


def test_an_empty_form_says_in_dutch_what_to_fix(client, werkgever):
    client.force_login(werkgever)
    response = client.post(reverse("communities:example_submit"), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht." in page
    assert "Kies minstens één maatregel." in page
    assert not Example.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"what_they_did": "x" * 4001}, "Gebruik maximaal 4000 tekens (je gebruikte er 4001)."),
        ({"title": "t" * 201}, "Gebruik maximaal 200 tekens (je gebruikte er 201)."),
        ({"measures": ["999999"]}, "Kies maatregelen uit de lijst."),
        ({"measures": ["geen-getal"]}, "Kies maatregelen uit de lijst."),
        ({"sector": "Z"}, "Selecteer een geldige keuze."),
        ({"size_band": "1000+"}, "Selecteer een geldige keuze."),
        ({"themes": ["999999"]}, "Kies thema&#x27;s uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client, werkgever, overrides, message):
    measure = MeasureFactory()
    client.force_login(werkgever)
    data = story([measure], **overrides)
    response = client.post(reverse("communities:example_submit"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Drie nieuwe collega" in page  # nothing typed is lost
    assert not Example.objects.exists()


def test_a_draft_of_the_same_story_is_not_stored_twice(client, werkgever):
    measure = MeasureFactory()
    client.force_login(werkgever)
    client.post(reverse("communities:example_submit"), story([measure]))
    response = client.post(reverse("communities:example_submit"), story([measure]))
    assert response.status_code == 400
    assert "Je hebt al een voorbeeld met deze titel ingestuurd; het wacht op moderatie." in response.content.decode()
    assert Example.objects.count() == 1


# --- visibility ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "status", "visible"),
    [
        ("anoniem", ExampleStatus.SUBMITTED, False),
        ("submitter", ExampleStatus.SUBMITTED, True),
        ("other", ExampleStatus.SUBMITTED, False),
        ("editor", ExampleStatus.SUBMITTED, True),
        ("anoniem", ExampleStatus.DECLINED, False),
        ("submitter", ExampleStatus.DECLINED, True),
        ("other", ExampleStatus.DECLINED, False),
        ("editor", ExampleStatus.DECLINED, True),
        ("anoniem", ExampleStatus.PUBLISHED, True),
        ("other", ExampleStatus.PUBLISHED, True),
    ],
)
def test_who_sees_an_example_sent_in(client, contentbeheerder, viewer, status, visible):
    example = SubmittedExampleFactory(
        status=status, decline_reason="Te weinig concreet." if status == "afgewezen" else ""
    )
    users = {
        "anoniem": None,
        "submitter": example.submitted_by,
        "other": UserFactory(role="werkgever"),
        "editor": contentbeheerder,
    }
    if users[viewer] is not None:
        client.force_login(users[viewer])
    response = client.get(example.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    in_list = example.title in client.get(reverse("menukaart:example_list")).content.decode()
    assert in_list is (status == ExampleStatus.PUBLISHED)


def test_the_submitter_reads_the_decline_reason_on_their_overview(client):
    example = SubmittedExampleFactory(status=ExampleStatus.DECLINED, decline_reason="Noem ook wat het opleverde.")
    client.force_login(example.submitted_by)
    page = client.get(reverse("communities:my_examples")).content.decode()
    assert example.title in page and "Noem ook wat het opleverde." in page and "Afgewezen" in page
    other = UserFactory(role="werkgever")
    client.force_login(other)
    assert example.title not in client.get(reverse("communities:my_examples")).content.decode()


# --- moderation ------------------------------------------------------------------------------------


def test_editor_publishes_and_it_appears_on_the_list_and_its_measures_page(
    client, contentbeheerder, django_capture_on_commit_callbacks, mailoutbox
):
    measure = MeasureFactory()
    example = SubmittedExampleFactory(title="Buddy's voor nieuwe collega's", measures=[measure])
    client.force_login(contentbeheerder)
    queue = client.get(reverse("communities:moderation")).content.decode()
    assert "Buddy" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(moderation_url(example), {"decision": "publish"})
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.status == ExampleStatus.PUBLISHED and example.published_at is not None
    assert example.moderated_by == contentbeheerder
    assert [m.to[0] for m in mailoutbox] == [example.submitted_by.email]
    assert example.get_absolute_url() in mailoutbox[0].body

    client.logout()
    assert "Buddy" in client.get(reverse("menukaart:example_list")).content.decode()
    assert "Buddy" in client.get(measure.get_absolute_url()).content.decode()
    assert client.get(example.get_absolute_url()).status_code == 200


def test_editor_declines_with_a_reason_and_it_stays_hidden(
    client, contentbeheerder, django_capture_on_commit_callbacks, mailoutbox
):
    example = SubmittedExampleFactory()
    client.force_login(contentbeheerder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            moderation_url(example),
            {"decision": "decline", f"e{example.pk}-reason": "Er staan namen van collega's in."},
        )
    example.refresh_from_db()
    assert example.status == ExampleStatus.DECLINED
    assert example.decline_reason == "Er staan namen van collega's in."
    assert "Er staan namen van collega's in." in mailoutbox[0].body
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404
    assert example.title not in client.get(reverse("menukaart:example_list")).content.decode()


def test_declining_without_a_reason_says_so_in_dutch(client, contentbeheerder):
    example = SubmittedExampleFactory()
    client.force_login(contentbeheerder)
    response = client.post(moderation_url(example), {"decision": "decline", f"e{example.pk}-reason": "  "})
    assert response.status_code == 400
    assert "Geef een reden op: de inzender leest die." in response.content.decode()
    example.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED


def test_a_decision_is_made_once(client, contentbeheerder):
    example = SubmittedExampleFactory()
    client.force_login(contentbeheerder)
    client.post(moderation_url(example), {"decision": "publish"})
    response = client.post(
        moderation_url(example), {"decision": "decline", f"e{example.pk}-reason": "Toch niet."}, follow=True
    )
    assert "Over dit voorbeeld is al besloten: het is gepubliceerd." in response.content.decode()
    example.refresh_from_db()
    assert example.status == ExampleStatus.PUBLISHED


def test_an_unknown_decision_is_refused_without_change(client, contentbeheerder):
    example = SubmittedExampleFactory()
    client.force_login(contentbeheerder)
    response = client.post(moderation_url(example), {"decision": "verwijder"}, follow=True)
    assert "Kies publiceren of afwijzen." in response.content.decode()
    example.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED


@pytest.mark.parametrize("role", ["werkgever", "partner-medewerker", "adviseur", "community-coordinator"])
def test_only_editors_moderate(client, user_with_role, role):
    example = SubmittedExampleFactory()
    reaction = ReactionFactory()
    client.force_login(user_with_role(role))
    assert client.get(reverse("communities:moderation")).status_code == 403
    assert client.post(moderation_url(example), {"decision": "publish"}).status_code == 403
    assert client.post(reaction_url(reaction), {"decision": "publish"}).status_code == 403
    example.refresh_from_db()
    reaction.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED and reaction.status == ReactionStatus.SUBMITTED


def test_anonymous_visitors_are_sent_to_log_in_for_moderation(client):
    example = SubmittedExampleFactory()
    assert client.get(reverse("communities:moderation")).status_code == 302
    assert client.post(moderation_url(example), {"decision": "publish"}).status_code == 302
    example.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED


def test_editorial_examples_and_unknown_ids_are_404_on_the_moderation_urls(client, contentbeheerder):
    editorial = ExampleFactory(status=ExampleStatus.REVIEW)
    client.force_login(contentbeheerder)
    assert client.post(moderation_url(editorial), {"decision": "publish"}).status_code == 404
    assert client.post(reverse("communities:example_decide", args=[999999]), {"decision": "publish"}).status_code == 404
    assert (
        client.post(reverse("communities:reaction_decide", args=[999999]), {"decision": "publish"}).status_code == 404
    )
    editorial.refresh_from_db()
    assert editorial.status == ExampleStatus.REVIEW


def test_moderation_only_by_post(client, contentbeheerder):
    example = SubmittedExampleFactory()
    client.force_login(contentbeheerder)
    assert client.get(moderation_url(example)).status_code == 405


# --- reactions -------------------------------------------------------------------------------------


def test_a_reaction_waits_for_moderation_and_only_its_author_sees_it_meanwhile(client, werkgever):
    example = ExampleFactory(title="Mentoring bij de bank")
    client.force_login(werkgever)
    response = client.post(
        reverse("communities:example_react", args=[example.slug]),
        {"kind": "vraag", "body": "Hoeveel tijd kostte het de mentoren?"},
    )
    assert response.status_code == 302
    reaction = ExampleReaction.objects.get()
    assert reaction.status == ReactionStatus.SUBMITTED and reaction.author == werkgever
    assert reaction.organisation_name == werkgever.organisation.name

    own = client.get(example.get_absolute_url()).content.decode()
    assert "Hoeveel tijd kostte" in own and "wacht op moderatie" in own
    client.force_login(UserFactory(role="werkgever"))
    assert "Hoeveel tijd kostte" not in client.get(example.get_absolute_url()).content.decode()
    client.logout()
    assert "Hoeveel tijd kostte" not in client.get(example.get_absolute_url()).content.decode()


def test_a_published_reaction_shows_with_the_organisation_not_the_persons_name(
    client, contentbeheerder, django_capture_on_commit_callbacks, mailoutbox
):
    submitter = UserFactory(role="werkgever")
    example = SubmittedExampleFactory(status=ExampleStatus.PUBLISHED, submitted_by=submitter)
    reaction = ReactionFactory(example=example, kind="ervaring", body="Bij ons werkte een vaste buddy ook goed.")
    client.force_login(contentbeheerder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reaction_url(reaction), {"decision": "publish"})
    reaction.refresh_from_db()
    assert reaction.status == ReactionStatus.PUBLISHED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([reaction.author.email, submitter.email])

    client.logout()
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Bij ons werkte een vaste buddy ook goed." in page
    assert reaction.organisation_name in page
    assert reaction.author.last_name not in page


def test_a_declined_reaction_stays_hidden(client, contentbeheerder, django_capture_on_commit_callbacks, mailoutbox):
    reaction = ReactionFactory(body="Koop onze cursus!")
    client.force_login(contentbeheerder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reaction_url(reaction), {"decision": "decline", f"r{reaction.pk}-reason": "Reclame."})
    reaction.refresh_from_db()
    assert reaction.status == ReactionStatus.DECLINED and reaction.decline_reason == "Reclame."
    assert "Reclame." in mailoutbox[0].body
    client.logout()
    assert "Koop onze cursus!" not in client.get(reaction.example.get_absolute_url()).content.decode()
    client.force_login(reaction.author)
    assert "Reclame." in client.get(reverse("communities:my_examples")).content.decode()


def test_no_reaction_on_an_example_that_is_not_published(client, werkgever):
    example = SubmittedExampleFactory()
    client.force_login(werkgever)
    url = reverse("communities:example_react", args=[example.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "vraag", "body": "Hallo?"}).status_code == 404
    # Not even the submitter: reactions are for published examples.
    client.force_login(example.submitted_by)
    assert client.post(url, {"kind": "vraag", "body": "Hallo?"}).status_code == 404
    assert not ExampleReaction.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "vraag", "body": ""}, "Dit veld is verplicht."),
        ({"kind": "vraag", "body": "x" * 2001}, "Gebruik maximaal 2000 tekens (je gebruikte er 2001)."),
        ({"kind": "spam", "body": "Hallo"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_reactions_get_a_dutch_message(client, werkgever, data, message):
    example = ExampleFactory()
    client.force_login(werkgever)
    response = client.post(reverse("communities:example_react", args=[example.slug]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExampleReaction.objects.exists()


def test_reacting_needs_an_account_with_the_right(client, adviseur):
    example = ExampleFactory()
    url = reverse("communities:example_react", args=[example.slug])
    assert client.post(url, {"kind": "vraag", "body": "Hallo"}).status_code == 302
    client.force_login(adviseur)
    assert client.post(url, {"kind": "vraag", "body": "Hallo"}).status_code == 403
    assert not ExampleReaction.objects.exists()


# --- filters ---------------------------------------------------------------------------------------


def test_published_examples_filter_by_theme_sector_size_and_measure(client):
    theme = ThemeFactory(slug="behoud")
    measure = MeasureFactory(slug="buddy")
    match = ExampleFactory(title="Treffer", sector=Sector.F, size_band=SizeBand.S10_49, measures=[measure])
    match.themes.set([theme])
    ExampleFactory(title="Andere sector", sector=Sector.K, size_band=SizeBand.S10_49, measures=[measure]).themes.set(
        [theme]
    )
    ExampleFactory(title="Andere omvang", sector=Sector.F, size_band=SizeBand.S250, measures=[measure]).themes.set(
        [theme]
    )
    ExampleFactory(title="Ander thema", sector=Sector.F, size_band=SizeBand.S10_49, measures=[measure])
    ExampleFactory(title="Andere maatregel", sector=Sector.F, size_band=SizeBand.S10_49).themes.set([theme])
    SubmittedExampleFactory(title="Niet gemodereerd", sector=Sector.F, size_band=SizeBand.S10_49, measures=[measure])

    response = client.get(
        reverse("menukaart:example_list"), {"thema": "behoud", "sector": "F", "omvang": "10-49", "maatregel": "buddy"}
    )
    titles = [example.title for example in response.context["examples"]]
    assert titles == ["Treffer"]


@pytest.mark.parametrize("params", [{"sector": "Z"}, {"maatregel": "bestaat-niet"}, {"thema": "x"}, {"omvang": "9"}])
def test_unknown_filter_values_get_a_dutch_message_and_400(client, params):
    response = client.get(reverse("menukaart:example_list"), params)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


# --- query counts ----------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_list_pages_need_the_same_number_of_queries_with_20_more_rows(client, contentbeheerder):
    author = UserFactory(role="werkgever")
    theme = ThemeFactory()

    def grow(n):
        for _ in range(n):
            published = SubmittedExampleFactory(status=ExampleStatus.PUBLISHED, submitted_by=author)
            published.themes.set([theme])
            published.measures.set([MeasureFactory()])
            SubmittedExampleFactory(submitted_by=author).measures.set([MeasureFactory()])
            ReactionFactory(example=published, author=author)
            ReactionFactory(example=published, author=author, status=ReactionStatus.PUBLISHED)

    grow(2)
    target = Example.objects.published().first()
    urls = [
        reverse("menukaart:example_list"),
        target.get_absolute_url(),
        reverse("communities:moderation"),
        reverse("communities:my_examples"),
    ]
    users = [None, None, contentbeheerder, author]

    def counts():
        result = []
        for url, user in zip(urls, users, strict=True):
            client.logout()
            if user is not None:
                client.force_login(user)
            result.append(count_queries(client, url))
        return result

    before = counts()
    grow(20)
    for _ in range(20):
        ReactionFactory(example=target, status=ReactionStatus.PUBLISHED)
    assert counts() == before
