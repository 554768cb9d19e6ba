from django.urls import path

from tracker import theme_views as views

app_name = "themes"
urlpatterns = [
    path("", views.theme_list, name="list"),
    path("<int:number>/", views.theme_detail, name="detail"),
]
