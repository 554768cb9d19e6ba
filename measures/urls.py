from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("", views.indicator_index, name="list"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
]
