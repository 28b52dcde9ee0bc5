"""What the contact, privacy and accessibility pages state, read from the settings.

The pages quote the portal's real values (the helpdesk's answer time, the retention periods, the
session length) instead of typing them into the text, so a changed setting cannot leave a page
promising something else. The organisation's contact details come from the environment
(`CONTACT_*`, `PRIVACY_*` in portal/settings/base.py), so an operator can change them.
"""

import math
import re
from dataclasses import dataclass
from datetime import date, time

from django.conf import settings
from django.utils.translation import gettext, ngettext

# The day the privacy and accessibility statements were last reviewed. Change these with the text.
PRIVACY_STATEMENT_DATE = date(2026, 11, 30)
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 30)


def tel_uri(phone: str) -> str:
    """A `tel:` address for a Dutch number as people write it: "070 3499 499" -> "tel:+31703499499"."""
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return f"tel:{digits}"


@dataclass(frozen=True)
class Contact:
    organisation: str
    email: str
    phone: str
    phone_uri: str
    address_lines: tuple[str, ...]
    opens: time
    closes: time
    # Working days (weekends and Dutch public holidays not counted) to the first answer of a question.
    answer_days: int
    privacy_controller: str
    privacy_email: str
    dpo_email: str


def contact() -> Contact:
    return Contact(
        organisation=settings.CONTACT_ORGANISATION,
        email=settings.CONTACT_EMAIL,
        phone=settings.CONTACT_PHONE,
        phone_uri=tel_uri(settings.CONTACT_PHONE),
        address_lines=tuple(settings.CONTACT_ADDRESS),
        opens=time.fromisoformat(settings.CONTACT_OPENING_TIME),
        closes=time.fromisoformat(settings.CONTACT_CLOSING_TIME),
        # A question from the public form has the normal priority (helpdesk.services).
        answer_days=settings.HELPDESK_SERVICE_LEVEL_DAYS["normaal"],
        privacy_controller=settings.PRIVACY_CONTROLLER,
        privacy_email=settings.PRIVACY_EMAIL,
        dpo_email=settings.PRIVACY_DPO_EMAIL,
    )


@dataclass(frozen=True)
class Retention:
    # Months after a question is closed before its personal data is removed (pseudonymised).
    question_months: int
    # Days without any reaction after which an answered question is closed (0: never).
    auto_close_days: int
    # Hours after the last change before a plan or self-scan without an account is deleted; also
    # how long the session cookie lives.
    session_hours: int
    # Hours at most that an attempt counter (a hash of the IP address) lives in the cache.
    counter_hours: int
    log_days: int
    backup_days: int
    # Days a copy of a sent e-mail is kept (e-mails about a helpdesk question: as long as the question).
    outbox_days: int
    # Hours the link that verifies a new account's e-mail address works; days before an account
    # that was never verified is deleted.
    verify_hours: int
    unverified_days: int
    # Days without use after which an employer account is deleted, the same as words ("2 jaar"),
    # and how many days before that the person gets a warning by e-mail.
    inactive_days: int
    inactive_period: str
    warning_days: int


def period(days: int) -> str:
    """A number of days as people say it: whole years as years ("2 jaar"), anything else in days."""
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d jaar", "%(count)d jaar", years) % {"count": years}
    return ngettext("%(count)d dag", "%(count)d dagen", days) % {"count": days}


def retention() -> Retention:
    """The retention periods of the settings; call with the page's language active."""
    counter_windows = (
        settings.LOGIN_THROTTLE_WINDOW_SECONDS,
        settings.LOGIN_THROTTLE_SLOW_WINDOW_SECONDS,
        settings.PASSWORD_RESET_RATE_WINDOW_SECONDS,
        settings.HELPDESK_ASK_RATE_WINDOW_SECONDS,
        settings.HELPDESK_REPLY_RATE_WINDOW_SECONDS,
    )
    return Retention(
        question_months=settings.HELPDESK_RETENTION_MONTHS,
        auto_close_days=settings.HELPDESK_AUTO_CLOSE_DAYS,
        session_hours=math.ceil(settings.SESSION_COOKIE_AGE / 3600),
        counter_hours=math.ceil(max(counter_windows) / 3600),
        log_days=settings.LOG_RETENTION_DAYS,
        backup_days=settings.BACKUP_RETENTION_DAYS,
        outbox_days=settings.OUTBOX_RETENTION_DAYS,
        verify_hours=settings.ACCOUNT_VERIFY_HOURS,
        unverified_days=settings.ACCOUNT_UNVERIFIED_DELETE_DAYS,
        inactive_days=settings.ACCOUNT_INACTIVE_DELETE_DAYS,
        inactive_period=period(settings.ACCOUNT_INACTIVE_DELETE_DAYS),
        warning_days=settings.ACCOUNT_INACTIVE_WARNING_DAYS,
    )


def staff_idle_minutes() -> int:
    """Minutes without activity after which partner staff, advisors and editors are logged out."""
    return math.ceil(settings.STAFF_SESSION_IDLE_SECONDS / 60)


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


def _days(seconds: int) -> str:
    days = math.ceil(seconds / 86400)
    return ngettext("%(count)d dag", "%(count)d dagen", days) % {"count": days}


def cookies() -> list[Cookie]:
    """The cookies the portal sets, all of them functional; call with the page's language active."""
    hours = math.ceil(settings.SESSION_COOKIE_AGE / 3600)
    language_age = settings.LANGUAGE_COOKIE_AGE
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            gettext(
                "Onthoudt dat je bent ingelogd, en zonder account je plan in Mijn menukaart en je zelfscan. "
                "Alleen als je inlogt of iets bewaart."
            ),
            ngettext("%(count)d uur", "%(count)d uur", hours) % {"count": hours},
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            gettext("Beveiliging: zorgt dat alleen dit portaal formulieren namens jou kan versturen."),
            _days(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            gettext("Onthoudt welke taal je kiest. Alleen als je een taal kiest."),
            _days(language_age) if language_age else gettext("tot je je browser sluit"),
        ),
        Cookie(
            "messages",
            gettext("Toont een melding na een handeling, bijvoorbeeld dat je maatregel is toegevoegd."),
            gettext("tot de melding is getoond"),
        ),
    ]
