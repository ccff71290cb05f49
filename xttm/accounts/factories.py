"""Factories for user accounts, one per role; shared by tests and demo data."""

import factory
from django.contrib.auth.models import Group

from .models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass `roles=["programme_officer"]` to put them in those groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Cán bộ"
    last_name = factory.Sequence(lambda n: f"số {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@xttm.local")
    password = factory.django.Password("matkhau-Thu-nghiem-1")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
            self._xttm_roles = None
