"""Doe-netwerken figures: members, meetings, lessons and proposals, good examples and reactions."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from communities.models import Lesson, Meeting, Membership, MembershipStatus, Proposal, ProposalStatus
from impact.figures.base import Context, Row, figure
from impact.figures.common import counts_by
from menukaart.models import Example, ExampleReaction, ReactionStatus, Status


def _total(counts: dict, context: Context) -> list[int]:
    return [sum(values) for values in zip(*counts.values(), strict=True)] if counts else [0] * len(context.periods)


@figure(section="netwerken", title=_("Leden van de doe-netwerken"), chart="trend")
def network_members(context: Context) -> list[Row]:
    """Lidmaatschappen van doe-netwerken aan het eind van elke periode (toegelaten vóór het eind van
    de periode en toen nog niet vertrokken), en de nieuwe leden: lidmaatschappen die in de periode
    werden toegelaten. Een werkgever die lid is van twee netwerken telt twee keer."""
    member_statuses = [MembershipStatus.ACTIVE, MembershipStatus.LEFT]
    at_end = Membership.objects.aggregate(
        **{
            f"p{i}": Count(
                "pk",
                filter=Q(status__in=member_statuses, decided_at__lt=period.ends_before)
                & (Q(left_at__isnull=True) | Q(left_at__gte=period.ends_before)),
            )
            for i, period in enumerate(context.periods)
        }
    )
    joined = counts_by(
        context, Membership.objects.filter(status__in=member_statuses), "network_id", time_field="decided_at"
    )
    return [
        Row("leden", _("Leden aan het eind van de periode"), [at_end[f"p{i}"] for i in range(len(context.periods))]),
        Row("nieuw", _("Nieuwe leden in de periode"), _total(joined, context)),
    ]


@figure(section="netwerken", title=_("Bijeenkomsten van de netwerken"), chart="trend")
def meetings_held(context: Context) -> list[Row]:
    """Bijeenkomsten van doe-netwerken die in de periode begonnen en niet werden afgelast."""
    counts = counts_by(context, Meeting.objects.filter(cancelled_at__isnull=True), "network_id", time_field="starts_at")
    return [Row("gehouden", _("Bijeenkomsten gehouden"), _total(counts, context))]


@figure(section="netwerken", title=_("Lessen en voorstellen voor de menukaart"))
def lessons_and_proposals(context: Context) -> list[Row]:
    """Lessen die netwerken in de periode vastlegden, voorstellen voor de menukaart die ze in de
    periode indienden, en voorstellen die de redactie in de periode overnam in de menukaart."""
    lessons = counts_by(context, Lesson.objects.all(), "network_id", time_field="created_at")
    proposed = counts_by(context, Proposal.objects.all(), "network_id", time_field="created_at")
    accepted = counts_by(
        context, Proposal.objects.filter(status=ProposalStatus.ACCEPTED), "network_id", time_field="reviewed_at"
    )
    return [
        Row("lessen", _("Lessen vastgelegd"), _total(lessons, context)),
        Row("voorgesteld", _("Voorstellen ingediend"), _total(proposed, context)),
        Row("overgenomen", _("Voorstellen overgenomen"), _total(accepted, context)),
    ]


@figure(section="netwerken", title=_("Goede voorbeelden en reacties"))
def good_examples(context: Context) -> list[Row]:
    """Goede voorbeelden die in de periode werden gepubliceerd (en nu nog gepubliceerd zijn), en
    reacties op goede voorbeelden die in de periode werden ingestuurd en na moderatie gepubliceerd."""
    examples = counts_by(context, Example.objects.filter(status=Status.PUBLISHED), "status", time_field="published_at")
    reactions = counts_by(
        context, ExampleReaction.objects.filter(status=ReactionStatus.PUBLISHED), "status", time_field="created_at"
    )
    return [
        Row("voorbeelden", _("Goede voorbeelden gepubliceerd"), _total(examples, context)),
        Row("reacties", _("Reacties gepubliceerd"), _total(reactions, context)),
    ]
