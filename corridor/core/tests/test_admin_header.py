"""The admin says whose it is, in the viewer's language (not "Django 管理")."""


def test_admin_header_in_both_languages(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("admin")
    zh = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "走廊管理后台" in zh and "Django" not in zh.split("<body", 1)[1].split("</header>", 1)[0]
    assert "Corridor administration" in en
