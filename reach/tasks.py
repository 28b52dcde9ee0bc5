from celery import shared_task

from reach import newsletter


@shared_task(acks_late=True)
def send_monthly_newsletter() -> int:
    """Celery beat, the first of the month: "Nieuw op de menukaart" about the month before
    (idempotent: NewsletterDelivery per subscriber and issue)."""
    return newsletter.send_monthly()


@shared_task(acks_late=True)
def purge_unconfirmed_subscribers() -> int:
    """Celery beat, nightly: delete newsletter sign-ups never confirmed in time."""
    return newsletter.purge_unconfirmed()
