"""The admin reads Chinese throughout for a Chinese officer: model names without counting words, every
label and Django's own untranslated strings, the selector widgets' JavaScript; aliases edited as lines."""

from __future__ import annotations

import re

from django.test import Client

from corridor.orgs.models import Organisation


def _visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _english_words(html: str) -> set[str]:
    # Names of demo organisations and the product's own names are allowed to be Latin; labels are not.
    allowed = {"API", "admin", "rsaquo", "Control", "Command", "Mac", "Corridor"}
    return {w for w in re.findall(r"[A-Za-z]{3,}", _visible_text(html)) if w not in allowed}


def test_admin_index_and_organisation_form_read_chinese(world):
    client = world.client_for("admin")
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "家机构" not in index and ">机构<" in index
    assert not _english_words(index), _english_words(index)
    org = world.owner_org
    form = client.get(f"/admin/orgs/organisation/{org.pk}/change/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    latin_data = {w for name in Organisation.objects.values_list("name_en", flat=True) for w in re.findall(r"[A-Za-z]{3,}", name)}
    assert not _english_words(form) - latin_data, _english_words(form) - latin_data
    assert "创建时间" in form and "更新时间" in form
    js = Client().get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    if js.status_code == 302:  # the admin's catalogue is for signed-in staff
        js = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    catalog = js.content.decode().encode().decode("unicode_escape")
    assert "Choose all %s" in catalog and "选择全部" in catalog


def test_aliases_are_edited_as_lines_not_json(world):
    from corridor.orgs.admin import OrganisationAdminForm

    org = world.owner_org
    org.aliases = ["国自机器人", "Guozi"]
    org.save(update_fields=["aliases"])
    form = OrganisationAdminForm(instance=org)
    assert form.initial["aliases"] == "国自机器人\nGuozi"
    assert "[" not in form["aliases"].value()
    data = {**form.initial, "aliases": "国自机器人\n\n  国自  \n国自机器人\n"}
    bound = OrganisationAdminForm(data={k: v for k, v in data.items() if v is not None and not hasattr(v, "pk")},
                                  instance=org)
    bound.is_valid()
    assert bound.cleaned_data["aliases"] == ["国自机器人", "国自"]
