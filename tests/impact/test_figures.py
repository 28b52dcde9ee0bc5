"""Every figure of the hand-built data set (tests/impact/conftest.py) against its expected value."""

from datetime import date

import pytest

from impact.figures import REGISTRY, build
from impact.periods import Period
from tests.impact.conftest import H1_2026, context_for

S = {"value": None, "suppressed": True}  # a suppressed cell


def figure(key, period=H1_2026, **kwargs):
    return build(REGISTRY[key], context_for(period, **kwargs))


def rows(key, **kwargs) -> dict:
    return {row["label"]: row for row in figure(key, **kwargs)["rows"]}


@pytest.mark.django_db
class TestHelpdeskFigures:
    def test_questions_received_counts_the_period_in_amsterdam_time_without_merged_duplicates(self, dataset):
        """The question at 23:30 on 30 June (Amsterdam) is in January-June; 00:30 on 1 July is not."""
        row = figure("questions_received")["rows"][0]
        assert [c["value"] for c in row["cells"]] == [11, 12]
        assert row["change"] == {"value": 1}

    def test_channels_suppress_small_counts_and_one_more_so_nothing_can_be_subtracted(self, dataset):
        channels = rows("questions_per_channel")
        # Now: web 6, referral 5, phone 1 -> phone suppressed, and referral too (secondary).
        assert channels["Webformulier"]["cells"] == [S, {"value": 6}]
        assert channels["Doorverwijzing door partner"]["cells"][-1] == S
        assert channels["Telefoon"]["cells"][-1] == S
        # Before: web 8, e-mail 3 -> e-mail suppressed, and web too (secondary).
        assert channels["E-mail"]["cells"][0] == S
        # Differences with a suppressed side are suppressed as well.
        assert channels["Webformulier"]["change"] == S
        assert channels["Telefoon"]["change"] == S

    def test_questions_per_partner_and_direct(self, dataset):
        partners = rows("questions_per_partner")
        assert partners["ABU"]["cells"] == [{"value": 0}, {"value": 5}]
        # direct: before 11, now 7 (6 web + 1 phone)
        assert partners["Rechtstreeks (zonder partner)"]["cells"] == [{"value": 11}, {"value": 7}]

    def test_themes_count_each_question_per_theme(self, dataset):
        themes = rows("questions_per_theme")
        assert themes["Werving"]["cells"] == [{"value": 8}, {"value": 11}]
        assert themes["Werving"]["change"] == {"value": 3}
        assert themes["Inclusie"]["cells"] == [S, {"value": 6}]
        assert themes["Inclusie"]["change"] == S
        assert themes["Taal"]["cells"] == [{"value": 0}, {"value": 5}]

    def test_new_rising_and_falling_themes(self, dataset):
        assert [row["label"] for row in figure("new_themes")["rows"]] == ["Taal"]
        assert [row["label"] for row in figure("rising_and_falling_themes")["rows"]] == ["Taal", "Werving", "Inclusie"]
        assert [row["label"] for row in figure("top_themes")["rows"]] == ["Werving", "Inclusie", "Taal"]

    def test_profile_breakdowns(self, dataset):
        assert rows("questions_per_sector")["F Bouwnijverheid"]["cells"][-1] == {"value": 6}
        # 5 is shown on its own, but here the one question without a sector is suppressed, so
        # the smallest other count (5) goes too: otherwise 12 - 6 - 5 gives the 1 away.
        assert (
            rows("questions_per_sector")["N Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)"]["cells"][-1]
            == S
        )
        assert rows("questions_per_sector")["Niet opgegeven"]["cells"][-1] == S
        assert rows("questions_per_size_band")["250 of meer medewerkers"]["cells"][-1] == S
        assert rows("questions_per_province")["Gelderland"]["cells"][-1] == {"value": 6}
        charter = rows("questions_by_charter")
        assert charter["Ondertekenaar"]["cells"][-1] == {"value": 6}
        assert charter["Geen ondertekenaar"]["cells"][-1] == S  # secondary: "Onbekend" is 1
        assert charter["Onbekend"]["cells"] == [{"value": 11}, S]  # 1 now: suppressed

    def test_questions_per_month_line_up_by_month_of_the_period(self, dataset):
        months = figure("questions_per_month")["rows"]
        assert [row["label"] for row in months] == [
            "januari 2026",
            "februari 2026",
            "maart 2026",
            "april 2026",
            "mei 2026",
            "juni 2026",
        ]
        values = {row["label"]: row["cells"] for row in months}
        assert values["maart 2026"][-1] == {"value": 6}
        assert values["april 2026"][-1] == S  # 5, suppressed secondarily because June (1) is
        assert values["juni 2026"][-1] == S
        # September 2025 is month 3 of July-December: 8, suppressed because December (3) is.
        assert values["maart 2026"][0] == S
        assert values["januari 2026"] == [{"value": 0}, {"value": 0}]

    def test_first_response_in_working_days_skips_kings_day_and_christmas(self, dataset):
        """24 April 2026 (Friday) -> 28 April: 1 working day (27 April is Koningsdag);
        23 December 2025 -> 29 December: 2 working days (Christmas, weekend)."""
        row = figure("first_response_time")["rows"][0]
        assert row["cells"][-1] == {"value": 2, "p90": 2, "base": 11}  # 5 x 1 and 6 x 2
        assert row["cells"][0] == {"value": 0, "p90": 2, "base": 11}  # 8 x 0 and 3 x 2

    def test_resolution_time(self, dataset):
        row = figure("resolution_time")["rows"][0]
        assert row["cells"] == [{"value": 2, "p90": 2, "base": 8}, {"value": 5, "p90": 5, "base": 6}]

    def test_service_level_counts_an_unanswered_overdue_question_as_missed(self, dataset):
        row = figure("service_level_adherence")["rows"][0]
        assert row["cells"] == [{"value": 100.0, "base": 11}, {"value": 91.7, "base": 12}]
        assert row["change"] == {"value": -8.3}

    def test_reopen_rate_of_one_question_is_suppressed(self, dataset):
        assert figure("reopen_rate")["rows"][0]["cells"][-1] == S

    def test_outcomes_by_closing_date(self, dataset):
        assert rows("outcomes")["Advies gegeven"]["cells"] == [{"value": 8}, {"value": 6}]

    def test_helpful_per_channel_and_theme(self, dataset):
        assert rows("helpful_per_channel")["Webformulier"]["cells"][-1] == {"value": 100.0, "base": 5}
        assert rows("helpful_per_theme")["Werving"]["cells"][-1] == {"value": 100.0, "base": 5}

    def test_capacity_against_the_norm(self, dataset, settings):
        settings.HELPDESK_ADVISOR_FTE, settings.HELPDESK_EMPLOYERS_PER_FTE = 2.0, 75
        capacity = rows("capacity")
        assert capacity["Werkgevers met een vraag"]["cells"] == [{"value": 11}, {"value": 12}]
        # 150 employers a year, pro rata: 184 days (Jul-Dec) and 181 days (Jan-Jun 2026)
        assert capacity["Capaciteit volgens de norm (werkgevers)"]["cells"] == [{"value": 76}, {"value": 74}]

    def test_top_tags_of_measures_linked_in_replies(self, dataset):
        assert rows("top_tags")["werving"]["cells"][-1] == {"value": 5}


@pytest.mark.django_db
class TestMenukaartFigures:
    def test_most_viewed_and_risers(self, dataset):
        viewed = rows("most_viewed_measures")
        assert viewed["Anoniem solliciteren"]["cells"] == [{"value": 3}, {"value": 10}]
        assert viewed["Mentoraat"]["cells"] == [{"value": 6}, {"value": 4}]  # anonymous: not suppressed
        assert [row["label"] for row in figure("biggest_risers")["rows"]] == ["Anoniem solliciteren"]

    def test_plans_and_searches_without_results(self, dataset):
        assert rows("most_added_to_plans")["Anoniem solliciteren"]["cells"][-1] == {"value": 2}
        searches = rows("searches_without_results")
        assert list(searches) == ["statushouder bouw"]  # "bakkerij jansen" (2 times) could name an employer
        assert searches["statushouder bouw"]["cells"][-1] == {"value": 5}

    def test_content_gaps_rank_questions_per_published_measure(self, dataset):
        labels = [row["label"] for row in figure("content_gaps")["rows"]]
        assert labels == ["Inclusie (0 maatregelen)", "Werving (1 maatregelen)", "Taal (0 maatregelen)"]

    def test_deflection(self, dataset):
        deflection = rows("deflection")
        assert deflection["Afgebogen (geen vraag nodig)"]["cells"][-1] == {"value": 4}
        assert deflection["Suggesties getoond"]["cells"][-1] == {"value": 20}


@pytest.mark.django_db
def test_an_empty_period_gives_zeros_and_no_errors(dataset):
    empty = Period(date(2020, 1, 1), date(2020, 6, 30))
    for key in REGISTRY:
        result = build(REGISTRY[key], context_for(empty, earliest=None))
        for row in result["rows"]:
            assert all(not cell.get("suppressed") for cell in row["cells"]), key
    assert figure("questions_received", period=empty, earliest=None)["rows"][0]["cells"] == [{"value": 0}, {"value": 0}]
