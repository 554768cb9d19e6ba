"""A real OpenID Connect provider for the single sign-on tests: django-oauth-toolkit with
OpenID Connect on, a Django project of its own run in a second process (process.py starts it).

It stands in for Microsoft Entra ID: people sign in with a password at the provider, which
sends them back to the tracker with a code; the tracker exchanges the code for an ID token
signed with RS256 and checks it against the provider's published keys.
"""
