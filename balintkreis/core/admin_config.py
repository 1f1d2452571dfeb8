from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin app with our site class (core/admin_site.py); listed in
    INSTALLED_APPS instead of django.contrib.admin."""

    default_site = "balintkreis.core.admin_site.AdminSite"
