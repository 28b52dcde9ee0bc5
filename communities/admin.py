"""The doe-netwerken in the admin: editors set up networks (name, themes, coordinators, host) and
the public dates; the day-to-day work (members, meetings, discussion) happens on the site."""

from django.contrib import admin

from communities.models import (
    Event,
    Lesson,
    Meeting,
    Membership,
    Network,
    Post,
    PostReport,
    Proposal,
    Resource,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user", "decided_by"]
    fields = ["user", "organisation", "status", "requested_at", "decided_at"]
    readonly_fields = ["requested_at", "decided_at"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "host_organisation", "region", "join_policy", "is_listed", "status"]
    list_filter = ["status", "is_listed", "join_policy", "region", "themes"]
    list_select_related = ["host_organisation"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes", "coordinators", "examples"]
    inlines = [MembershipInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "all_day", "location"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "starts_at", "is_public", "capacity", "cancelled_at"]
    list_filter = ["network", "is_public"]
    list_select_related = ["network"]
    raw_id_fields = ["created_by"]
    date_hierarchy = "starts_at"


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "meeting", "published_at"]
    list_filter = ["network"]
    list_select_related = ["network", "meeting"]
    raw_id_fields = ["created_by", "meeting"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network", "author", "created_at", "hidden_at"]
    list_filter = ["network"]
    list_select_related = ["network", "author"]
    raw_id_fields = ["author", "parent", "hidden_by"]
    readonly_fields = ["notified_at"]


@admin.register(PostReport)
class PostReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "created_at", "handled_at"]
    raw_id_fields = ["post", "reporter", "handled_by"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "visibility", "created_at"]
    list_filter = ["network", "visibility"]
    list_select_related = ["network"]
    raw_id_fields = ["added_by"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "status", "measure", "created_at"]
    list_filter = ["status", "kind", "network"]
    list_select_related = ["network", "measure"]
    raw_id_fields = ["lesson", "measure", "created_by", "reviewed_by"]
