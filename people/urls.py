"""The People pages under /staff/people/, and the invitation link /people/invitations/<token>/.

Included at the root of the language patterns (tracker/urls.py), so both pages have a /cy/
twin."""

from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("staff/people/", views.people_index, name="list"),
    path("staff/people/invite/", views.invitation_create, name="invite"),
    path("staff/people/invitations/", views.invitation_list, name="invitations"),
    path(
        "staff/people/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path(
        "staff/people/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path("staff/people/<int:pk>/", views.person_detail, name="person"),
    path("staff/people/<int:pk>/active/", views.person_active, name="person-active"),
    path("people/invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
