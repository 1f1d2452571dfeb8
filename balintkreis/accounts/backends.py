"""The secretariat's permissions in the administration (issue 7).

The secretariat (``User.is_secretariat``) manages groups, people, inquiries,
registrations, mentors and FAQ content and reads the audit log, without being
Django superuser or staff (core/admin_site.py lets them in). This backend
grants them the model permissions of our own apps; Django's ``auth`` app
(permission groups) stays with superusers. What the admin shows at all is
decided by the ModelAdmins: presenters' feedback, private notes and votes are
not registered there, so this grants no access to them.
"""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from balintkreis.accounts import permissions

SECRETARIAT_APP_LABELS = frozenset(
    {
        "accounts",
        "admin",  # Django's LogEntry: the admin's own change history
        "billing",
        "cme",
        "core",
        "feedback",
        "groups",
        "meetings",
        "mentoring",
        "notifications",
        "online",
        "payments",
    }
)


class SecretariatBackend(BaseBackend):
    """Authenticates nobody; answers permission questions for the secretariat."""

    def has_perm(self, user_obj: Any, perm: str, obj: object = None) -> bool:
        app_label = perm.split(".", 1)[0]
        return self.has_module_perms(user_obj, app_label)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return permissions.is_secretariat(user_obj) and (
            app_label in SECRETARIAT_APP_LABELS
        )
