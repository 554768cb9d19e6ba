import datetime
from decimal import Decimal

import factory

from actions.models import (
    Action,
    ActionOwner,
    ActionSubPoint,
    DeliveryPeriod,
    DeliveryPlan,
    Organisation,
)
from measures.models import Indicator, Observation
from measures.periods import parse_period
from themes.models import Strategy, Theme


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy
        django_get_or_create = ("slug",)

    slug = "workforce-strategy-2020-2030"
    title_en = "A Healthier Wales: our Workforce Strategy for Health and Social Care"
    start_year = 2020
    end_year = 2030


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("strategy", "number")

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n % 7 + 1)
    title_en = factory.LazyAttribute(lambda o: f"Theme title {o.number}")
    ambition_en = factory.LazyAttribute(lambda o: f"Ambition of theme {o.number}.")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class DeliveryPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryPlan
        django_get_or_create = ("slug",)

    strategy = factory.SubFactory(StrategyFactory)
    slug = factory.Sequence(lambda n: f"synthetic-plan-{n}")
    title_en = factory.LazyAttribute(lambda o: f"Synthetic plan {o.slug}")
    start_year = 2024
    end_year = 2027


class DeliveryPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryPeriod

    plan = factory.SubFactory(DeliveryPlanFactory)
    slug = factory.Sequence(lambda n: f"period-{n}")
    label_en = factory.LazyAttribute(lambda o: f"During {o.slug}")
    position = factory.Sequence(lambda n: n + 1)
    starts_on = datetime.date(2024, 1, 1)
    ends_on = datetime.date(2024, 12, 31)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    plan = factory.SubFactory(DeliveryPlanFactory)
    theme = factory.SubFactory(ThemeFactory, strategy=factory.SelfAttribute("..plan.strategy"))
    period = factory.SubFactory(DeliveryPeriodFactory, plan=factory.SelfAttribute("..plan"))
    number = factory.Sequence(lambda n: n + 1)
    text_en = factory.Sequence(lambda n: f"Synthetic action text {n}.")
    target_date = factory.LazyAttribute(lambda o: o.period.ends_on)

    @factory.post_generation
    def with_details(obj, create, extracted, **kwargs):
        """Give every synthetic action a sub-point and a lead owner, like the real ones."""
        if not create:
            return
        ActionSubPoint.objects.create(action=obj, position=1, text_en="A synthetic sub-point.")
        ActionOwner.objects.create(
            action=obj, organisation=OrganisationFactory(), role="lead", named_in_text=True
        )


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(DeliveryPlanFactory)
    theme = factory.SubFactory(ThemeFactory, strategy=factory.SelfAttribute("..plan.strategy"))
    position = factory.Sequence(lambda n: n + 1)
    statement_en = factory.Sequence(lambda n: f"a synthetic indicator {n}")
    baseline_status = "set"
    direction = "increase"
    unit = "percent"


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    period = "2023"
    period_end = factory.LazyAttribute(lambda o: parse_period(o.period).ends_on)
    value = Decimal("50")
    source_en = "Synthetic survey"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        """UserFactory(role="Editor") puts the person in that role's group."""
        if create and extracted:
            from core.roles import roles_ensure

            obj.groups.add(roles_ensure()[extracted])


def owner_of(organisation, **kwargs):
    """An action owner who acts for the organisation."""
    from actions.models import OrganisationMembership

    user = UserFactory(role="Action owner", **kwargs)
    OrganisationMembership.objects.create(user=user, organisation=organisation)
    return user
