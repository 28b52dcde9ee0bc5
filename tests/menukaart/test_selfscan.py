"""The "Waar sta je?" self-scan: scoring, recommendations, the flow with and without an account, privacy."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from menukaart import selfscan
from menukaart.models import KeyFigure, Plan, PlanItem, Scan, ScanAnswer
from menukaart.services import complete_scan, save_scan_answers, start_scan
from tests.factories import TEST_PASSWORD, UserFactory
from tests.menukaart.factories import ExampleFactory, MeasureFactory

pytestmark = pytest.mark.django_db
START = reverse("menukaart:scan_start")


def all_answers(value: int) -> dict[str, int]:
    return {question.key: value for question in selfscan.QUESTIONS}


def make_scan(*, user=None, value=1, size_band="10-49", sector="", when=None, **overrides) -> Scan:
    scan = Scan.objects.create(user=user, size_band=size_band, sector=sector)
    save_scan_answers(scan=scan, answers={**all_answers(value), **overrides})
    complete_scan(scan=scan)
    if when is not None:
        Scan.objects.filter(pk=scan.pk).update(completed_at=when)
        scan.refresh_from_db()
    return scan


# --- Questions and scoring ----------------------------------------------------------------------------


def test_questions_cover_every_step_and_level_within_15_to_25_questions():
    assert 15 <= len(selfscan.QUESTIONS) <= 25
    assert {q.step for q in selfscan.QUESTIONS} == {slug for slug, _label in selfscan.STEPS}
    assert {q.level for q in selfscan.QUESTIONS} == {slug for slug, _label in selfscan.LEVELS}
    assert len({q.key for q in selfscan.QUESTIONS}) == len(selfscan.QUESTIONS)
    assert all(len(q.options) == 4 and q.measures for q in selfscan.QUESTIONS)


def test_every_recommended_measure_exists_in_the_catalogue(catalogue):
    from menukaart.models import Measure

    slugs = {slug for q in selfscan.QUESTIONS for slug in q.measures}
    assert slugs <= set(Measure.objects.published().values_list("slug", flat=True))


def test_score_is_the_mean_answer_per_step_and_level():
    answers = all_answers(0) | {"top-doel": 3, "top-voorbeeld": 3, "ondernemingsraad": 0}
    profile = selfscan.score(answers)
    commitment = profile.steps[0]
    assert commitment.slug == "commitment" and commitment.score == 2.0 and commitment.total == 3
    assert commitment.state == "Geregeld" and commitment.percent == 67
    organisation = profile.levels[0]
    organisation_questions = [q for q in selfscan.QUESTIONS if q.level == "organisatie"]
    assert organisation.score == round(6 / len(organisation_questions), 1)
    assert profile.steps[4].score == 0.0 and profile.steps[4].state == "Niet begonnen"


def test_score_leaves_unanswered_areas_empty_and_ignores_unknown_keys():
    profile = selfscan.score({"top-doel": 2, "bestaat-niet": 3})
    assert profile.steps[0].score == 2.0 and profile.steps[0].answered == 1
    assert profile.steps[1].score is None and profile.steps[1].state == ""
    assert profile.overall == 2.0


def test_gaps_take_the_lowest_answers_first_and_then_the_earliest_step():
    answers = all_answers(2) | {"kerncijfers": 0, "eigenaar": 1, "top-doel": 1, "werving": 0}
    found = selfscan.gaps(answers)
    assert [gap.question.key for gap in found] == ["werving", "kerncijfers", "top-doel"]
    assert found[0].next_state == selfscan.QUESTIONS_BY_KEY["werving"].options[1]


def test_no_gaps_when_everything_is_measured():
    assert selfscan.gaps(all_answers(3)) == []


def test_recommendations_fit_the_size_and_do_not_repeat_a_measure():
    large_only = MeasureFactory(slug="faciliteer-medewerkersnetwerken", size="groot")
    both = MeasureFactory(slug="onderzoek-behoeften-van-medewerkers", size="beide")
    answers = all_answers(3) | {"medewerkersstem": 0}
    small = selfscan.recommend(answers, size_band="10-49")
    assert [m.slug for m in small[0].measures] == [both.slug]
    large = selfscan.recommend(answers, size_band="250+")
    assert [m.slug for m in large[0].measures] == [large_only.slug, both.slug]
    # beginsituatie lists onderzoek-behoeften too: recommended once only
    two = selfscan.recommend(answers | {"beginsituatie": 0}, size_band="250+")
    shown = [m.slug for gap in two for m in gap.measures]
    assert len(shown) == len(set(shown))


def test_recommendations_put_measures_with_an_example_from_the_sector_first():
    first = MeasureFactory(slug="werf-en-selecteer-objectief")
    second = MeasureFactory(slug="objectiveer-hr-processen")
    ExampleFactory(sector="N", measures=[second])
    answers = all_answers(3) | {"werving": 0}
    assert [m.slug for m in selfscan.recommend(answers, size_band="10-49")[0].measures] == [first.slug, second.slug]
    in_sector = selfscan.recommend(answers, size_band="10-49", sector="N")[0].measures
    assert [m.slug for m in in_sector] == [second.slug, first.slug]


def test_unpublished_measures_are_never_recommended():
    MeasureFactory(slug="stel-een-hoofdverantwoordelijke-aan", status="concept")
    answers = all_answers(3) | {"eigenaar": 0}
    assert selfscan.recommend(answers, size_band="10-49")[0].measures == []


# --- The flow ------------------------------------------------------------------------------------------


def answer_step(client, scan, number, value=1, **extra):
    questions = selfscan.questions_for_step(selfscan.STEPS[number - 1][0])
    data = {q.key: str(value) for q in questions} | extra
    return client.post(reverse("menukaart:scan_step", args=[scan.pk, number]), data)


def test_visitor_does_the_whole_scan_without_an_account_and_sees_recommendations(client):
    measure = MeasureFactory(slug="zorg-voor-commitment-van-de-top", title="Zorg voor commitment van de top")
    response = client.post(START, {"size_band": "10-49", "sector": "F"})
    scan = Scan.objects.get()
    assert scan.user is None and response["Location"] == reverse("menukaart:scan_step", args=[scan.pk, 1])
    for number in range(1, 5):
        assert answer_step(client, scan, number)["Location"].endswith(f"/stap/{number + 1}/")
    response = answer_step(client, scan, 5, naar_resultaat="1")
    assert response["Location"] == reverse("menukaart:scan_result", args=[scan.pk])
    scan.refresh_from_db()
    assert scan.is_complete and scan.answers.count() == len(selfscan.QUESTIONS)

    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200
    assert "Je profiel als tabel" in content and 'role="img"' in content
    assert measure.title in content
    assert reverse("menukaart:plan_add", args=[measure.slug]) in content
    assert "Inloggen of een account maken" in content


def test_a_step_without_answers_says_what_to_do_in_dutch_and_keeps_the_others(client):
    scan = start_scan(user=UserFactory(), session={}, size_band="1-9")
    client.force_login(scan.user)
    response = client.post(reverse("menukaart:scan_step", args=[scan.pk, 1]), {"top-doel": "2"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Kies het antwoord dat het best past." in content and "Controleer het formulier" in content
    assert 'value="2" id="id_top-doel_2" required checked' in content


def test_tampered_answers_and_steps_are_refused(client):
    user = UserFactory()
    client.force_login(user)
    scan = start_scan(user=user, session={}, size_band="1-9")
    assert answer_step(client, scan, 1, value=7).status_code == 400
    assert client.get(reverse("menukaart:scan_step", args=[scan.pk, 6])).status_code == 404
    assert client.post(START, {"size_band": "enorm"}).status_code == 400
    assert "Kies een van de opties." in client.post(START, {"size_band": "enorm"}).content.decode()


def test_result_of_an_unfinished_scan_goes_back_to_the_questions(client):
    user = UserFactory()
    client.force_login(user)
    scan = start_scan(user=user, session={}, size_band="1-9")
    response = client.get(reverse("menukaart:scan_result", args=[scan.pk]))
    assert response["Location"] == reverse("menukaart:scan_step", args=[scan.pk, 1])


def test_a_visitors_scan_moves_into_the_account_on_log_in(client):
    client.post(START, {"size_band": "250+"})
    scan = Scan.objects.get()
    user = UserFactory()
    client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    scan.refresh_from_db()
    assert scan.user == user


def test_start_form_is_prefilled_from_the_organisation_profile(client):
    user = UserFactory(organisation__size_band="50-249", organisation__sector="Q")
    client.force_login(user)
    form = client.get(START).context["form"]
    assert form.initial == {"size_band": "50-249", "sector": "Q"}


# --- Privacy ------------------------------------------------------------------------------------------


def test_another_accounts_scan_is_not_found(client):
    scan = make_scan(user=UserFactory())
    client.force_login(UserFactory())
    for name, args in (("scan_result", [scan.pk]), ("scan_step", [scan.pk, 1])):
        assert client.get(reverse(f"menukaart:{name}", args=args)).status_code == 404


def test_another_visitors_scan_is_not_found(client):
    scan = make_scan()
    assert client.get(reverse("menukaart:scan_result", args=[scan.pk])).status_code == 404


def test_key_figures_of_another_account_cannot_be_deleted(client):
    figure = KeyFigure.objects.create(user=UserFactory(), year=2026, group="Alle medewerkers", inflow=3)
    client.force_login(UserFactory())
    assert client.post(reverse("menukaart:key_figure_delete", args=[figure.pk])).status_code == 404
    assert KeyFigure.objects.filter(pk=figure.pk).exists()


def test_progress_needs_an_account(client):
    response = client.get(reverse("menukaart:scan_progress"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_deleting_the_account_deletes_its_scans_plan_and_key_figures():
    user = UserFactory()
    make_scan(user=user)
    KeyFigure.objects.create(user=user, year=2026, group="Alle medewerkers")
    plan = Plan.objects.create(user=user)
    PlanItem.objects.create(plan=plan, measure=MeasureFactory())
    get_user_model().objects.filter(pk=user.pk).delete()
    assert not Scan.objects.exists() and not ScanAnswer.objects.exists()
    assert not KeyFigure.objects.exists() and not Plan.objects.exists()


# --- Progress over time -----------------------------------------------------------------------------


def test_progress_shows_every_scan_the_plan_status_and_key_figures(client):
    user = UserFactory()
    now = timezone.now()
    make_scan(user=user, value=0, when=now - datetime.timedelta(days=120))
    make_scan(user=user, value=2, when=now)
    plan = Plan.objects.create(user=user)
    PlanItem.objects.create(plan=plan, measure=MeasureFactory(title="Buddy"), progress="gestart")
    KeyFigure.objects.create(user=user, year=2026, group="Alle medewerkers", inflow=12, outflow=4)
    make_scan(user=UserFactory(), value=3)  # someone else's: never shown
    client.force_login(user)
    response = client.get(reverse("menukaart:scan_progress"))
    content = response.content.decode()
    assert len(response.context["history"]) == 2
    row = response.context["area_rows"][0]
    assert [area.score for area in row["scores"]] == [0.0, 2.0]
    assert "Buddy" in content and "Gestart" in content and "Alle medewerkers" in content


def test_result_compares_with_the_previous_scan(client):
    user = UserFactory()
    make_scan(user=user, value=0, when=timezone.now() - datetime.timedelta(days=90))
    latest = make_scan(user=user, value=2)
    client.force_login(user)
    response = client.get(reverse("menukaart:scan_result", args=[latest.pk]))
    assert response.context["previous"] is not None
    assert response.context["rows"][0]["change"] == 2.0
    assert "<td>+2,0</td>" in response.content.decode()


def test_key_figures_are_saved_and_bad_numbers_get_a_dutch_message(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("menukaart:key_figure_add")
    year = timezone.localdate().year
    ok = client.post(url, {"year": year, "group": "Alle medewerkers", "inflow": "5", "outflow": "2"})
    assert ok.status_code == 302
    assert KeyFigure.objects.get(user=user).inflow == 5
    bad = client.post(url, {"year": year, "group": "", "inflow": "-1"})
    assert bad.status_code == 400
    content = bad.content.decode()
    assert "Vul in voor welke groep de cijfers gelden." in content
    assert "Vul een getal van 0 of meer in." in content


def test_progress_page_query_count_is_constant(client, django_assert_max_num_queries):
    user = UserFactory()
    make_scan(user=user)
    plan = Plan.objects.create(user=user)
    client.force_login(user)
    url = reverse("menukaart:scan_progress")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _index in range(20):
        make_scan(user=user)
        PlanItem.objects.create(plan=plan, measure=MeasureFactory())
        KeyFigure.objects.create(user=user, year=2000 + _index, group="Alle medewerkers")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


# --- Aggregates for the impact report ----------------------------------------------------------------


def test_aggregates_suppress_cells_below_five_and_name_no_one():
    for _index in range(5):
        make_scan(user=UserFactory(), value=2, size_band="250+")
    for _index in range(4):
        make_scan(value=1, size_band="1-9")
    Scan.objects.create(size_band="1-9")  # not completed: not counted
    rows = selfscan.anonymous_aggregates()
    large = [row for row in rows if row["size_band"] == "250+"]
    small = [row for row in rows if row["size_band"] == "1-9"]
    assert len(large) == len(small) == 5
    assert all(row["scans"] == 5 and row["mean"] == 2.0 for row in large)
    assert all(row["suppressed"] and row["scans"] is None and row["mean"] is None for row in small)
    assert set(rows[0]) == {"step", "step_label", "size_band", "scans", "suppressed", "mean"}


def test_demo_employer_has_two_scans_months_apart_showing_progress_and_a_plan_with_statuses(catalogue):
    from django.core.management import call_command

    from accounts.services import load_demo_users, load_organisations

    load_organisations()
    load_demo_users(password="een-lang-demo-wachtwoord")
    call_command("load_selfscan_demo", verbosity=0)
    call_command("load_selfscan_demo", verbosity=0)  # idempotent
    user = get_user_model().objects.get(username="werkgever")
    first, second = user.scans.completed().order_by("completed_at")
    assert (second.completed_at - first.completed_at).days >= 90
    assert selfscan.score(second.answer_map()).overall > selfscan.score(first.answer_map()).overall
    progress = set(PlanItem.objects.filter(plan__user=user).values_list("progress", flat=True))
    assert progress == {"gepland", "gestart", "klaar"}
    assert user.key_figures.count() == 2
    assert user.organisation.size_band == "50-249"


def test_jargon_is_explained_the_first_time_and_in_the_glossary(client):
    from menukaart.glossary import explain_terms

    text = explain_terms("Houd een vlootschouw. Na de vlootschouw volgt <b>borging</b>.")
    assert text.count("een overleg waarin leidinggevenden") == 1
    assert "&lt;b&gt;borging&lt;/b&gt;" not in text or "zorgen dat een aanpak blijft" in text
    assert "<b>" not in text  # the input is escaped
    measure = MeasureFactory(why_it_works="Werk met SMART doelen en intervisie.")
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Specifiek, Meetbaar" in page and "helpen elkaar met vragen" in page
    glossary = client.get(reverse("menukaart:glossary")).content.decode()
    for term in ("Borging", "Commitment van de top", "Intervisie", "SMART", "Vlootschouw"):
        assert term in glossary
