import pytest

from corridor.orgs.address import region_code_from_address


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("浙江省金华市婺城区宾虹路1号", "330702"),
        ("上海市松江区九亭镇", "310117"),
        ("芜湖市弋江区高新技术开发区", "340203"),
        ("天津市东丽区华明高新区", "120110"),
        ("嘉兴市南湖区", "330402"),
    ],
)
def test_region_found_in_address(address, code):
    assert region_code_from_address(address) == code


def test_city_only_address_gives_the_city():
    assert region_code_from_address("合肥高新区") == "340100"


def test_no_region_in_address():
    assert region_code_from_address("") is None
    assert region_code_from_address("No. 1 Example Road") is None
