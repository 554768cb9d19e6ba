from django.urls import path

from actions import views

app_name = "actions"
urlpatterns = [
    path("", views.action_index, name="list"),
    path("<slug:plan>/<int:number>/", views.action_detail, name="detail"),
]
