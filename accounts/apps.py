from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Organisaties en accounts")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (log-in auditing)
        from accounts.roles import sync_role_groups

        # Groups and their permissions follow accounts.roles after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
