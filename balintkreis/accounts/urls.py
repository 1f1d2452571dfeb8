from django.urls import path

from balintkreis.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile_edit, name="profile"),
    path("leitung/", views.leader_profile_edit, name="leader-profile"),
]
