from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "corridor.dashboards"
    label = "dashboards"
    verbose_name = _("dashboards and reports")

    def ready(self) -> None:
        from corridor.dashboards import reports, snapshots, sources  # noqa: F401  (job kinds)

        sources.register_all()
        from corridor.core import events
        from corridor.core.workflow import transition_applied
        from corridor.dashboards import tally

        # The tally first, so figures recomputed after the kept ones are dropped read it recounted.
        events.subscribe(events.ORGANISATIONS_CHANGED, tally.follow_organisations)
        events.subscribe(events.ORGANISATIONS_DELETED, tally.forget_organisations)
        events.subscribe(events.ORGANISATIONS_CHANGED, _forget_figures)
        events.subscribe(events.ORGANISATIONS_DELETED, _forget_figures)
        transition_applied.connect(_forget_after_transition, dispatch_uid="dashboards-forget")


def _forget_figures(ids: list[int]) -> None:
    from corridor.dashboards.services import forget

    forget()


def _forget_after_transition(sender: object, **kwargs: object) -> None:
    from corridor.dashboards.services import forget

    forget()
