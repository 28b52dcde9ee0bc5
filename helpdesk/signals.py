from django.dispatch import receiver

from accounts.signup import employer_verified
from helpdesk.models import Ticket


@receiver(employer_verified, dispatch_uid="helpdesk_adopt_questions_of_verified_employer")
def adopt_questions(sender, user, **kwargs):
    """Questions asked without an account, with the address the employer just verified, move into
    the account ("Mijn vragen"). Pseudonymised or merged tickets stay where they are."""
    Ticket.objects.filter(
        contact_email__iexact=user.email, requester_user__isnull=True, pseudonymised_at__isnull=True
    ).update(requester_user=user)
