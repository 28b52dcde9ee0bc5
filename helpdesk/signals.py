"""The helpdesk's part in an account's own data: the download and the deletion (accounts.profile)."""

from django.db.models import Max, Q
from django.dispatch import receiver

from accounts.profile import account_activity, account_deleting, collect_personal_data
from accounts.signup import employer_verified
from helpdesk.models import Ticket


@receiver(collect_personal_data, dispatch_uid="helpdesk_personal_data")
def helpdesk_personal_data(sender, user, **kwargs):
    from helpdesk.services import export_requester_data

    return {"helpdesk": export_requester_data(email=user.email, by=user)}


@receiver(account_deleting, dispatch_uid="helpdesk_account_deleting")
def erase_questions_of_deleted_account(sender, user, **kwargs):
    """The account's questions (and any asked with its e-mail address) lose their personal data."""
    from helpdesk.services import erase_requester_data

    erase_requester_data(email=user.email, by=None)


@receiver(account_activity, dispatch_uid="helpdesk_account_activity")
def latest_question_activity(sender, user, **kwargs):
    """The last change to a question of the account or its address (asked, answered, a reply by
    the follow link): an account whose questions are still going on is in use, log-in or not."""
    questions = Ticket.objects.filter(Q(requester_user=user) | Q(contact_email__iexact=user.email))
    return questions.filter(pseudonymised_at__isnull=True).aggregate(latest=Max("updated_at"))["latest"]


@receiver(employer_verified, dispatch_uid="helpdesk_adopt_questions_of_verified_employer")
def adopt_questions(sender, user, **kwargs):
    """Questions asked without an account, with the address the employer just verified, move into
    the account ("Mijn vragen"). Pseudonymised or merged tickets stay where they are."""
    Ticket.objects.filter(
        contact_email__iexact=user.email, requester_user__isnull=True, pseudonymised_at__isnull=True
    ).update(requester_user=user)
