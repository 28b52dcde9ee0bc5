from celery import shared_task

from communities import consent, notifications


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_post(post_id: int) -> int:
    """E-mail a new post to the members who want one per post (idempotent: notified_at)."""
    return notifications.send_post_notifications(post_id=post_id)


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    """Celery beat, Mondays: the weekly digest of last week's posts (idempotent: DigestDelivery)."""
    return notifications.send_weekly_digests()


@shared_task(ignore_result=True, acks_late=True)
def erase_withdrawn_role_models() -> int:
    """Nightly: erase the personal data of role models whose consent was withdrawn and that still
    hold it (withdrawal erases at once; this catches profiles withdrawn before it did). Idempotent."""
    return consent.erase_withdrawn()
