"""Views of the doe-netwerken: public pages and feeds, the members' pages, the coordinators' pages."""

from communities.views.calendar import calendar, network_feed, public_feed
from communities.views.discussion import (
    discussion,
    post_edit,
    post_hide,
    post_report,
    post_unhide,
    thread,
    unsubscribe,
)
from communities.views.examples import (
    example_decide,
    example_react,
    example_submit,
    moderation_queue,
    my_examples,
    reaction_decide,
)
from communities.views.manage import (
    lesson_propose,
    lesson_publish,
    meeting_create,
    meeting_edit,
    meeting_minutes,
    members_manage,
    membership_approve,
    membership_decline,
    proposal_review,
    proposal_review_list,
)
from communities.views.members import (
    email_preference,
    join,
    leave,
    meeting_cancel_registration,
    meeting_register,
    member_list,
    my_networks,
)
from communities.views.public import index, meeting_detail, network_detail
from communities.views.resources import resource_download, resources
from communities.views.role_models import role_model_consent, role_model_detail, role_model_list, role_model_photo

__all__ = [
    "example_decide",
    "example_react",
    "example_submit",
    "moderation_queue",
    "my_examples",
    "reaction_decide",
    "role_model_consent",
    "role_model_detail",
    "role_model_list",
    "role_model_photo",
    "calendar",
    "discussion",
    "email_preference",
    "index",
    "join",
    "leave",
    "lesson_propose",
    "lesson_publish",
    "meeting_cancel_registration",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_minutes",
    "meeting_register",
    "member_list",
    "members_manage",
    "membership_approve",
    "membership_decline",
    "my_networks",
    "network_detail",
    "network_feed",
    "post_edit",
    "post_hide",
    "post_report",
    "post_unhide",
    "proposal_review",
    "proposal_review_list",
    "public_feed",
    "resource_download",
    "resources",
    "thread",
    "unsubscribe",
]
