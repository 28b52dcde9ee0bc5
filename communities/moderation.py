"""Good examples sent in through the portal, and reactions on them: submit, then moderate.

Nothing sent in is public before an editor publishes it: a new example has status "ingestuurd"
(`Example.objects.published()` leaves it out), a new reaction likewise. An editor publishes it or
declines it with a reason, which the sender reads in an e-mail and on "Mijn voorbeelden".
Every notification goes through the shared outbox (core.outbox), queued in the same transaction.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.outbox import queue_mail
from menukaart.models import Example, ExampleReaction, ExampleStatus, Measure, ReactionStatus, Theme
from menukaart.permissions import can_moderate_examples, can_submit_example


class ModerationError(Exception):
    """A submission or decision the rules do not allow; the message is Dutch and shown to the user."""


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _my_examples_link() -> str:
    return absolute_url(reverse("communities:my_examples"))


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "voorbeeld"
    if not Example.objects.filter(slug=base).exists():
        return base
    return f"{base}-{secrets.token_hex(3)}"


@transaction.atomic
def submit_example(
    *,
    by,
    title: str,
    organisation: str,
    sector: str,
    size_band: str,
    what_they_did: str,
    what_it_brought: str,
    measures: list[Measure],
    themes: list[Theme],
) -> Example:
    """Store a story sent in by an employer or partner employee; it waits for moderation.

    Without chosen themes the example gets the themes of its measures.
    """
    if not can_submit_example(by):
        raise PermissionError(_("Je mag geen voorbeelden insturen."))
    example = Example(
        slug=_unique_slug(title),
        title=title,
        organisation=organisation,
        sector=sector,
        size_band=size_band,
        what_they_did=what_they_did,
        what_it_brought=what_it_brought,
        status=ExampleStatus.SUBMITTED,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    example._change_reason = "Ingestuurd via het portaal"
    example.save()
    example.measures.set(measures)
    example.themes.set(themes or Theme.objects.filter(measures__in=measures).distinct())
    if by.email:
        queue_mail(
            to=by.email,
            subject=_("We hebben je voorbeeld ontvangen"),
            template="communities/email/example_received.txt",
            context={"example": example, "user": by, "link": _my_examples_link()},
            about=example,
        )
    return example


def _locked_example(example: Example) -> Example:
    return Example.objects.select_for_update(of=("self",)).select_related("submitted_by").get(pk=example.pk)


def _check_moderator(by) -> None:
    if not can_moderate_examples(by):
        raise PermissionError(_("Je mag geen voorbeelden of reacties modereren."))


@transaction.atomic
def publish_example(*, example: Example, by) -> Example:
    """Publish a story that was sent in. Only from "ingestuurd" (a decision is made once)."""
    _check_moderator(by)
    example = _locked_example(example)
    if example.status != ExampleStatus.SUBMITTED:
        raise ModerationError(
            _("Over dit voorbeeld is al besloten: het is %(status)s.")
            % {"status": example.get_status_display().lower()}
        )
    example.publish()
    example.moderated_by = by
    example.moderated_at = timezone.now()
    example._change_reason = "Gepubliceerd na moderatie"
    example.save()
    if example.submitted_by and example.submitted_by.email:
        queue_mail(
            to=example.submitted_by.email,
            subject=_("Je voorbeeld staat online"),
            template="communities/email/example_published.txt",
            context={
                "example": example,
                "user": example.submitted_by,
                "link": absolute_url(example.get_absolute_url()),
            },
            about=example,
        )
    return example


@transaction.atomic
def decline_example(*, example: Example, by, reason: str) -> Example:
    """Decline a story that was sent in, with a reason the sender reads. It stays hidden."""
    _check_moderator(by)
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Geef een reden op: de inzender leest die."))
    example = _locked_example(example)
    if example.status != ExampleStatus.SUBMITTED:
        raise ModerationError(
            _("Over dit voorbeeld is al besloten: het is %(status)s.")
            % {"status": example.get_status_display().lower()}
        )
    example.status = ExampleStatus.DECLINED
    example.decline_reason = reason
    example.moderated_by = by
    example.moderated_at = timezone.now()
    example._change_reason = "Afgewezen na moderatie"
    example.save()
    if example.submitted_by and example.submitted_by.email:
        queue_mail(
            to=example.submitted_by.email,
            subject=_("Je voorbeeld is niet gepubliceerd"),
            template="communities/email/example_declined.txt",
            context={"example": example, "user": example.submitted_by, "link": _my_examples_link()},
            about=example,
        )
    return example


@transaction.atomic
def submit_reaction(*, example: Example, by, kind: str, body: str) -> ExampleReaction:
    """A question or own experience on a published example; shown once an editor publishes it."""
    if not can_submit_example(by):
        raise PermissionError(_("Je mag niet reageren op voorbeelden."))
    if not example.is_published:
        raise ModerationError(_("Je kunt alleen reageren op een gepubliceerd voorbeeld."))
    organisation = by.organisation.name if by.organisation_id else ""
    return ExampleReaction.objects.create(
        example=example, author=by, organisation_name=organisation, kind=kind, body=body
    )


def _locked_reaction(reaction: ExampleReaction) -> ExampleReaction:
    return (
        ExampleReaction.objects.select_for_update(of=("self",))
        .select_related("author", "example__submitted_by")
        .get(pk=reaction.pk)
    )


@transaction.atomic
def publish_reaction(*, reaction: ExampleReaction, by) -> ExampleReaction:
    """Show a reaction under its example; tell its author and the example's sender."""
    _check_moderator(by)
    reaction = _locked_reaction(reaction)
    if reaction.status != ReactionStatus.SUBMITTED:
        raise ModerationError(_("Over deze reactie is al besloten."))
    reaction.status = ReactionStatus.PUBLISHED
    reaction.moderated_by = by
    reaction.moderated_at = timezone.now()
    reaction.save(update_fields=["status", "moderated_by", "moderated_at"])
    example = reaction.example
    if reaction.author.email:
        queue_mail(
            to=reaction.author.email,
            subject=_("Je reactie staat online"),
            template="communities/email/reaction_published.txt",
            context={"reaction": reaction, "example": example, "link": absolute_url(example.get_absolute_url())},
            about=reaction,
        )
    sender = example.submitted_by
    if sender is not None and sender.email and sender.pk != reaction.author_id:
        queue_mail(
            to=sender.email,
            subject=_("Er is een reactie op je voorbeeld"),
            template="communities/email/reaction_on_your_example.txt",
            context={"reaction": reaction, "example": example, "link": absolute_url(example.get_absolute_url())},
            about=reaction,
        )
    return reaction


@transaction.atomic
def decline_reaction(*, reaction: ExampleReaction, by, reason: str) -> ExampleReaction:
    _check_moderator(by)
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Geef een reden op: de inzender leest die."))
    reaction = _locked_reaction(reaction)
    if reaction.status != ReactionStatus.SUBMITTED:
        raise ModerationError(_("Over deze reactie is al besloten."))
    reaction.status = ReactionStatus.DECLINED
    reaction.decline_reason = reason
    reaction.moderated_by = by
    reaction.moderated_at = timezone.now()
    reaction.save(update_fields=["status", "decline_reason", "moderated_by", "moderated_at"])
    if reaction.author.email:
        queue_mail(
            to=reaction.author.email,
            subject=_("Je reactie is niet gepubliceerd"),
            template="communities/email/reaction_declined.txt",
            context={"reaction": reaction, "example": reaction.example, "link": _my_examples_link()},
            about=reaction,
        )
    return reaction
