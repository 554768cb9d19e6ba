from django.urls import path

from themes import views

app_name = "themes"
urlpatterns = [
    path("<int:number>/", views.theme_detail, name="detail"),
]
