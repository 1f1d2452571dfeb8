"""The administration site: the secretariat works here without being Django
staff, and everybody logs in through allauth (second factor included)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AdminSite(admin.AdminSite):
    site_header = _("Balintkreis administration")
    site_title = _("Balintkreis")
    index_title = _("Secretariat")

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff and the secretariat; which models they see is decided by
        their permissions (accounts.backends.SecretariatBackend)."""
        user = request.user
        return bool(user.is_active and (user.is_staff or user.is_secretariat))

    def login(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        # Never Django's own log-in form: allauth's asks for the second factor.
        if not request.user.is_authenticated:
            return redirect_to_login(
                request.GET.get("next") or reverse("admin:index", current_app=self.name)
            )
        if not self.has_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
