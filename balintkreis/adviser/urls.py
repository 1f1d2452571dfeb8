from django.urls import path

from balintkreis.adviser import views

app_name = "adviser"
urlpatterns = [
    path("", views.adviser, name="adviser"),
]
