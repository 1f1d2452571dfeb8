"""The site layer's pages keep the names they had before the layer existed
(``core:home``, ``core:page``, ``accounts:dashboard``), so every link and
bookmark stays valid: balintkreis/urls.py adds these patterns to the ``core``
and ``accounts`` namespaces."""

from django.urls import path

from balintkreis.site import views

core_patterns = [
    path("", views.home, name="home"),
    path("info/<slug:slug>/", views.page, name="page"),
]
accounts_patterns = [
    path("", views.dashboard, name="dashboard"),
]
# New pages of the site layer, namespace ``site``.
site_patterns = [
    path("sekretariat/personen/", views.person_search, name="person-search"),
]
