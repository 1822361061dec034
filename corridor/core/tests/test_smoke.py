def test_world_builds_with_named_users(world):
    assert set(world.users) == {"owner", "member", "outsider", "secretariat", "officer", "admin"}
    assert world.owner_org.city.code == "330100"
