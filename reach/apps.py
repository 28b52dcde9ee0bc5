from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Reaching employers beyond the vanguard: open data, feeds, embeds, short links."""

    name = "reach"
    verbose_name = _("Bereik")
