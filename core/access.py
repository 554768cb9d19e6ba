"""View decorators that check the user's role on the server for every request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core import roles


def role_required(check, message: str = ""):
    """Anonymous people are sent to sign in; signed-in people without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(roles.is_staff_user)
editor_required = role_required(roles.is_editor)
internal_required = role_required(roles.can_view_internal)
