"""Permission names ("app.codename") that code in more than one app checks, as constants.

They live here, at the bottom of the import order, because accounts (the role matrix, the
workspace start page) and core (the staff session middleware) check them too and import nothing
from the apps above them. The codenames themselves are declared on the models (e.g.
helpdesk.models.Ticket.Meta.permissions); tests/helpdesk/test_permission_names.py checks that
every name here exists.
"""


class HelpdeskPerm:
    """The helpdesk's permissions."""

    REFER = "helpdesk.refer_ticket"
    VIEW_OWN_ORGANISATION_TICKETS = "helpdesk.view_own_organisation_tickets"
    VIEW_OWN_TICKETS = "helpdesk.view_own_tickets"
    WORK_QUEUE = "helpdesk.work_queue"
    ASSIGN = "helpdesk.assign_ticket"
    MERGE = "helpdesk.merge_ticket"
    VIEW_CAPACITY = "helpdesk.view_capacity"
    EXPORT_REQUESTER_DATA = "helpdesk.export_requester_data"
    ERASE_REQUESTER_DATA = "helpdesk.erase_requester_data"
    VIEW_STANDARD_ANSWER = "helpdesk.view_standardanswer"
    ADD_STANDARD_ANSWER = "helpdesk.add_standardanswer"
    CHANGE_STANDARD_ANSWER = "helpdesk.change_standardanswer"
