from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MenukaartConfig(AppConfig):
    name = "menukaart"
    verbose_name = _("Menukaart")

    def ready(self):
        from menukaart import signals  # noqa: F401 (connects the receivers)
