from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per Celery worker host, refreshed by the beat-scheduled heartbeat task."""

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    last_seen = models.DateTimeField(_("laatst gezien"))
    beats = models.PositiveBigIntegerField(_("aantal heartbeats"), default=0)

    class Meta:
        verbose_name = _("worker-heartbeat")
        verbose_name_plural = _("worker-heartbeats")

    def __str__(self) -> str:
        return self.worker
