from django.urls import path

from actions import plan_views

app_name = "plans"
urlpatterns = [
    path("", plan_views.plan_list, name="list"),
    path("<slug:plan>/", plan_views.plan_detail, name="detail"),
    path("<slug:plan>/themes/<int:number>/", plan_views.plan_theme, name="theme"),
]
