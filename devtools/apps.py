from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Benchmark, synthetic data, load-run and demo-account commands, for development only.

    Installed by ``devtools.settings`` (and the test settings), never by ``tracker.settings``,
    and left out of the package, so a live service has none of these commands.
    """

    name = "devtools"
