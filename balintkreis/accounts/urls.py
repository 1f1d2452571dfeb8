from django.urls import path

from balintkreis.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile_edit, name="profile"),
    path("leitung/", views.leader_profile_edit, name="leader-profile"),
    path("daten/", views.data_overview, name="my-data"),
    path("daten/meine-daten.json", views.data_download, name="my-data-json"),
    path("daten/konto-loeschen/", views.account_delete, name="account-delete"),
]
