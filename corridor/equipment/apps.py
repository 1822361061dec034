from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    name = "corridor.equipment"
    label = "equipment"
    verbose_name = _("shared equipment and vouchers")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import access, registry
        from corridor.equipment.models import Booking, Instrument, Redemption, Voucher, VoucherProgramme

        registry.register(Instrument, url=lambda i: reverse("equipment:detail", args=[i.pk]),
                          history=registry.may("change"), search=("name_zh", "name_en", "model_number", "search_text"),
                          searchable=lambda qs: qs.filter(active=True),
                          # search_text holds the names (with pinyin), maker, model and capabilities, folded: the
                          # header box and the catalogue's `q` both look there.
                          finder=lambda rows, q: registry.match_words(rows, ("search_text",), q, lookup="contains"))
        registry.register(Booking, url=lambda b: reverse("equipment:booking", args=[b.pk]), history=registry.may("view"))
        registry.register(VoucherProgramme, url=lambda p: reverse("equipment:programme", args=[p.pk]),
                          history=registry.may("manage"))
        registry.register(Voucher, url=lambda v: reverse("equipment:programme", args=[v.programme_id]),
                          history=registry.may("view"))
        registry.register(Redemption, url=lambda r: reverse("equipment:booking", args=[r.booking_id]),
                          history=lambda user, r: access.may(user, "view", r.voucher))
