"""The advisors' queue: explicit filters and an ordering allowlist (never raw request parameters)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from helpdesk.models import OPEN_STATUSES, Channel, Ticket, TicketStatus
from menukaart.models import Theme


class QueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search", max_length=200)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Alle openstaande")), *TicketStatus.choices],
        method="filter_status",
        empty_label=_("Alle"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        queryset=Theme.objects.order_by("position", "name"),
        to_field_name="slug",
        empty_label=_("Alle thema's"),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        field_name="referring_organisation",
        queryset=Organisation.objects.referring_partners(),
        to_field_name="slug",
        empty_label=_("Alle partners"),
    )
    channel = django_filters.ChoiceFilter(label=_("Kanaal"), choices=Channel.choices, empty_label=_("Alle kanalen"))
    mine = django_filters.BooleanFilter(
        label=_("Aan mij toegewezen"), method="filter_mine", widget=django_filters.widgets.BooleanWidget()
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Niet toegewezen"), method="filter_unassigned", widget=django_filters.widgets.BooleanWidget()
    )
    overdue = django_filters.BooleanFilter(
        label=_("Over de termijn"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget()
    )
    sort = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=(
            ("due_date", "termijn"),
            ("created_at", "ontvangen"),
            ("priority", "prioriteit"),
            ("status", "status"),
            ("reference", "nummer"),
        ),
        field_labels={
            "due_date": _("Termijn"),
            "created_at": _("Ontvangen"),
            "priority": _("Prioriteit"),
            "status": _("Status"),
            "reference": _("Vraagnummer"),
        },
        empty_label=_("Standaard (oudste termijn eerst)"),
    )

    class Meta:
        model = Ticket
        fields = ["q", "status", "theme", "partner", "channel", "mine", "unassigned", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.upper().startswith("DIB-"):
            return queryset.filter(reference__iexact=value)
        return queryset.filter(
            Q(subject__icontains=value) | Q(employer_name__icontains=value) | Q(question__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(assigned_to=self.user) if value else queryset.exclude(assigned_to=self.user)

    def filter_unassigned(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(assigned_to__isnull=value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.overdue() if value else queryset.not_overdue()
