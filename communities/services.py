"""Writes of the doe-netwerken: memberships, meetings, discussion, resources and proposals.

Each service is keyword-only and atomic; e-mails go to the shared outbox in the same transaction.
Callers (views) decide who may call them through communities/permissions.py; the services enforce
the rules that hold for everyone (capacity, double sign-up, edit window, states).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import mail
from communities.models import (
    EmailPreference,
    Lesson,
    Meeting,
    MeetingRegistration,
    Membership,
    MembershipStatus,
    Network,
    Post,
    PostReport,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Resource,
    ResourceVisibility,
)
from communities.tasks import notify_post
from core.uploads import FileNotStored, safe_file_name, save_upload

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from accounts.models import User
    from menukaart.models import Measure


class CommunityError(Exception):
    """A request the rules refuse; `message` is the Dutch text for the person who asked."""

    def __init__(self, message: str, code: str = "invalid"):
        self.message, self.code = message, code
        super().__init__(message)


# --- Membership -----------------------------------------------------------------------------------


def _coordinator_emails(network: Network) -> list[str]:
    return [email for email in network.coordinators.values_list("email", flat=True) if email]


@transaction.atomic
def request_membership(*, network: Network, user: User, motivation: str = "") -> Membership:
    """An employer's representative asks to join. A declined or former member may ask again."""
    membership = Membership.objects.select_for_update().filter(network=network, user=user).first()
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        raise CommunityError(_("Je bent al lid van dit netwerk."), "already_member")
    if membership is not None and membership.status == MembershipStatus.REQUESTED:
        raise CommunityError(_("Je hebt al gevraagd om lid te worden. De coördinator beslist binnenkort."), "pending")
    if membership is None:
        membership = Membership(network=network, user=user)
    membership.status = MembershipStatus.REQUESTED
    membership.organisation = user.organisation
    membership.motivation = motivation
    membership.decline_reason = ""
    membership.requested_at = timezone.now()
    membership.decided_at = membership.decided_by = membership.left_at = None
    membership.save()
    url = mail.absolute(network.get_absolute_url() + "beheer/leden/")
    for email in _coordinator_emails(network):
        mail.send(
            to=email,
            subject=_("Nieuwe aanvraag voor %(network)s") % {"network": network.name},
            template="communities/email/membership_requested.txt",
            context={"membership": membership, "network": network, "url": url},
        )
    return membership


def _decide(membership: Membership, by: User) -> Membership:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != MembershipStatus.REQUESTED:
        raise CommunityError(_("Over deze aanvraag is al beslist."), "decided")
    locked.decided_at = timezone.now()
    locked.decided_by = by
    return locked


@transaction.atomic
def approve_membership(*, membership: Membership, by: User) -> Membership:
    membership = _decide(membership, by)
    membership.status = MembershipStatus.ACTIVE
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    network = membership.network
    mail.send(
        to=membership.user.email,
        subject=_("Welkom in %(network)s") % {"network": network.name},
        template="communities/email/membership_approved.txt",
        context={"membership": membership, "network": network, "url": mail.absolute(network.get_absolute_url())},
    )
    return membership


@transaction.atomic
def decline_membership(*, membership: Membership, by: User, reason: str) -> Membership:
    if not reason.strip():
        raise CommunityError(_("Schrijf kort waarom je de aanvraag afwijst; de aanvrager krijgt deze reden."), "reason")
    membership = _decide(membership, by)
    membership.status = MembershipStatus.DECLINED
    membership.decline_reason = reason.strip()
    membership.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    network = membership.network
    mail.send(
        to=membership.user.email,
        subject=_("Je aanvraag voor %(network)s") % {"network": network.name},
        template="communities/email/membership_declined.txt",
        context={"membership": membership, "network": network},
    )
    return membership


@transaction.atomic
def leave_network(*, membership: Membership) -> Membership:
    """The member leaves; their sign-ups for meetings still to come are withdrawn."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise CommunityError(_("Je bent geen lid van dit netwerk."), "not_member")
    membership.status = MembershipStatus.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at"])
    MeetingRegistration.objects.filter(
        user=membership.user, meeting__network=membership.network, meeting__starts_at__gte=timezone.now()
    ).delete()
    for email in _coordinator_emails(membership.network):
        mail.send(
            to=email,
            subject=_("Een lid heeft %(network)s verlaten") % {"network": membership.network.name},
            template="communities/email/membership_left.txt",
            context={"membership": membership, "network": membership.network},
        )
    return membership


@transaction.atomic
def invite_member(*, network: Network, email: str, by: User) -> None:
    """A coordinator adds an employer by e-mail address (how networks "op uitnodiging" grow).

    An address with an account becomes a member at once and is told; any other address gets an
    invitation to make an account first. The coordinator sees the same answer either way."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        from django.urls import reverse

        mail.send(
            to=email.strip(),
            subject=_("Uitnodiging voor %(network)s") % {"network": network.name},
            template="communities/email/invitation.txt",
            context={
                "network": network,
                "by": by,
                "signup_url": mail.absolute(reverse("accounts:signup") + "?next=" + network.get_absolute_url()),
            },
        )
        return
    membership, _created = Membership.objects.select_for_update().get_or_create(network=network, user=user)
    if membership.status == MembershipStatus.ACTIVE:
        return
    membership.status = MembershipStatus.ACTIVE
    membership.organisation = user.organisation
    membership.decided_at, membership.decided_by, membership.left_at = timezone.now(), by, None
    membership.decline_reason = ""
    membership.save()
    mail.send(
        to=user.email,
        subject=_("Welkom in %(network)s") % {"network": network.name},
        template="communities/email/membership_approved.txt",
        context={"membership": membership, "network": network, "url": mail.absolute(network.get_absolute_url())},
    )


def set_email_preference(*, membership: Membership, preference: str) -> Membership:
    membership.email_preference = EmailPreference(preference)
    membership.save(update_fields=["email_preference"])
    return membership


# --- Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def create_meeting(*, network: Network, by: User, announce: bool = True, **fields: Any) -> Meeting:
    meeting = Meeting.objects.create(network=network, created_by=by, **fields)
    if announce:
        url = mail.absolute(meeting.get_absolute_url())
        members = Membership.objects.active().filter(network=network).select_related("user")
        for membership in members:
            mail.send(
                to=membership.user.email,
                subject=_("Nieuwe bijeenkomst van %(network)s: %(title)s")
                % {"network": network.name, "title": meeting.title},
                template="communities/email/meeting_announced.txt",
                context={"meeting": meeting, "network": network, "url": url},
            )
    return meeting


@transaction.atomic
def register_for_meeting(*, meeting: Meeting, user: User) -> MeetingRegistration:
    """Sign a participant up. The meeting row is locked, so two last seats cannot both be taken."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.cancelled_at is not None:
        raise CommunityError(_("Deze bijeenkomst is afgelast."), "cancelled")
    if meeting.has_passed:
        raise CommunityError(_("Deze bijeenkomst is al geweest; aanmelden kan niet meer."), "past")
    if MeetingRegistration.objects.filter(meeting=meeting, user=user).exists():
        raise CommunityError(_("Je bent al aangemeld voor deze bijeenkomst."), "double")
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise CommunityError(_("Deze bijeenkomst is vol. Er zijn geen plaatsen meer vrij."), "full")
    registration = MeetingRegistration.objects.create(meeting=meeting, user=user)
    mail.send(
        to=user.email,
        subject=_("Je bent aangemeld: %(title)s") % {"title": meeting.title},
        template="communities/email/registration_confirmed.txt",
        context={"meeting": meeting, "url": mail.absolute(meeting.get_absolute_url())},
    )
    return registration


@transaction.atomic
def cancel_registration(*, meeting: Meeting, user: User) -> None:
    if meeting.has_passed:
        raise CommunityError(_("Deze bijeenkomst is al geweest; afmelden kan niet meer."), "past")
    deleted, _rows = MeetingRegistration.objects.filter(meeting=meeting, user=user).delete()
    if not deleted:
        raise CommunityError(_("Je was niet aangemeld voor deze bijeenkomst."), "not_registered")


@transaction.atomic
def record_minutes(*, meeting: Meeting, minutes: str, by: User) -> Meeting:
    """The minutes, written afterwards. Participants hear about it the first time."""
    if not meeting.has_passed:
        raise CommunityError(_("Een verslag kan pas na het begin van de bijeenkomst."), "not_yet")
    first_time = meeting.minutes_added_at is None
    meeting.minutes = minutes
    meeting.minutes_added_at = meeting.minutes_added_at or timezone.now()
    meeting.save(update_fields=["minutes", "minutes_added_at"])
    if first_time:
        url = mail.absolute(meeting.get_absolute_url())
        for registration in meeting.registrations.select_related("user"):
            mail.send(
                to=registration.user.email,
                subject=_("Verslag: %(title)s") % {"title": meeting.title},
                template="communities/email/minutes_added.txt",
                context={"meeting": meeting, "url": url},
            )
    return meeting


def add_lesson(
    *, network: Network, by: User, title: str, body: str, meeting: Meeting | None = None, publish: bool = False
) -> Lesson:
    return Lesson.objects.create(
        network=network,
        meeting=meeting,
        title=title,
        body=body,
        created_by=by,
        published_at=timezone.now() if publish else None,
    )


def set_lesson_published(*, lesson: Lesson, published: bool) -> Lesson:
    lesson.published_at = (lesson.published_at or timezone.now()) if published else None
    lesson.save(update_fields=["published_at"])
    return lesson


# --- Discussion -----------------------------------------------------------------------------------


@transaction.atomic
def create_post(*, network: Network, author: User, body: str, title: str = "", parent: Post | None = None) -> Post:
    if parent is not None and (parent.network_id != network.pk or parent.parent_id is not None or parent.is_hidden):
        raise CommunityError(_("Je kunt alleen reageren op een zichtbaar bericht in dit netwerk."), "parent")
    post = Post.objects.create(
        network=network, author=author, title=title if parent is None else "", body=body, parent=parent
    )
    transaction.on_commit(lambda: notify_post.delay(post.pk), robust=True)
    return post


def edit_post(*, post: Post, by: User, body: str, title: str | None = None) -> Post:
    if not post.is_editable_by(by):
        raise CommunityError(
            _("Je kunt een bericht alleen de eerste %(minutes)s minuten na het plaatsen bewerken.")
            % {"minutes": settings.COMMUNITIES_POST_EDIT_MINUTES},
            "edit_window",
        )
    post.body = body
    fields = ["body", "edited_at"]
    if title is not None and post.parent_id is None:
        post.title = title
        fields.append("title")
    post.edited_at = timezone.now()
    post.save(update_fields=fields)
    return post


@transaction.atomic
def report_post(*, post: Post, by: User, reason: str) -> PostReport:
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=by, reason=reason)
    except IntegrityError as duplicate:
        raise CommunityError(_("Je hebt dit bericht al gemeld. De coördinator kijkt ernaar."), "double") from duplicate
    url = mail.absolute(post.network.get_absolute_url() + "gesprek/")
    for email in _coordinator_emails(post.network):
        mail.send(
            to=email,
            subject=_("Melding in het gesprek van %(network)s") % {"network": post.network.name},
            template="communities/email/post_reported.txt",
            context={"post": post, "report": report, "url": url},
        )
    return report


@transaction.atomic
def hide_post(*, post: Post, by: User, reason: str = "") -> Post:
    now = timezone.now()
    post.hidden_at, post.hidden_by, post.hidden_reason = now, by, reason[:300]
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post.reports.filter(handled_at__isnull=True).update(handled_at=now, handled_by=by)
    return post


def unhide_post(*, post: Post, by: User) -> Post:
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return post


# --- Resources ------------------------------------------------------------------------------------


def add_resource(
    *,
    network: Network,
    by: User,
    title: str,
    description: str = "",
    url: str = "",
    upload: UploadedFile | None = None,
    visibility: str = ResourceVisibility.MEMBERS,
) -> Resource:
    """A link or a (validated) file. Only coordinators and editors may make a resource public."""
    resource = Resource(
        network=network, added_by=by, title=title, description=description, url=url, visibility=visibility
    )
    if upload is not None:
        resource.original_name = safe_file_name(upload.name or "")
        resource.content_type = upload.content_type or ""
        resource.size = upload.size or 0
        if not save_upload(resource, "file", upload):
            # A resource is its link or its file: without the file there is nothing to share.
            raise FileNotStored(
                _(
                    "Het bestand kon door een storing bij ons niet worden bewaard. Je titel en toelichting staan "
                    "hieronder nog. Probeer het later opnieuw, of deel een link naar het bestand."
                )
            )
    resource.save()
    return resource


# --- Van les naar menukaart -----------------------------------------------------------------------


def propose_lesson(
    *, lesson: Lesson, by: User, kind: str, title: str, body: str, measure: Measure | None = None
) -> Proposal:
    if kind == ProposalKind.CHANGE and measure is None:
        raise CommunityError(_("Kies de maatregel die je wilt laten aanpassen."), "measure")
    return Proposal.objects.create(
        network=lesson.network,
        lesson=lesson,
        kind=kind,
        title=title,
        body=body,
        measure=measure if kind == ProposalKind.CHANGE else None,
        created_by=by,
    )


def _review(proposal: Proposal, by: User, status: str, note: str) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.SUBMITTED:
        raise CommunityError(_("Over dit voorstel is al beslist."), "decided")
    locked.status, locked.reviewed_by, locked.reviewed_at, locked.review_note = status, by, timezone.now(), note
    return locked


@transaction.atomic
def accept_proposal(*, proposal: Proposal, by: User, measure: Measure | None, note: str = "") -> Proposal:
    """The editors took the proposal into the menukaart: `measure` is the (new or changed) measure,
    whose page from now on names the network."""
    if measure is None:
        raise CommunityError(_("Kies de maatregel waarin het voorstel is verwerkt."), "measure")
    proposal = _review(proposal, by, ProposalStatus.ACCEPTED, note)
    proposal.measure = measure
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "measure"])
    _tell_coordinators_of_review(proposal)
    return proposal


@transaction.atomic
def decline_proposal(*, proposal: Proposal, by: User, note: str) -> Proposal:
    if not note.strip():
        raise CommunityError(_("Schrijf kort waarom het voorstel niet wordt overgenomen."), "reason")
    proposal = _review(proposal, by, ProposalStatus.DECLINED, note.strip())
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _tell_coordinators_of_review(proposal)
    return proposal


def _tell_coordinators_of_review(proposal: Proposal) -> None:
    for email in _coordinator_emails(proposal.network):
        mail.send(
            to=email,
            subject=_("Je voorstel voor de menukaart: %(title)s") % {"title": proposal.title},
            template="communities/email/proposal_reviewed.txt",
            context={"proposal": proposal},
        )


def coordinators_of(network: Network) -> Iterable:
    return get_user_model().objects.filter(coordinated_networks=network)
