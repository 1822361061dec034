import pytest

from corridor.orgs import uscc

REAL_CODES = ["91350100M000100Y43", "91110000802100433B", "91330000142916567N", "9144030071526726XG"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_validate(code):
    assert uscc.validate(code) == code


def test_full_width_and_lower_case_are_normalised():
    assert uscc.validate("９１３５０１００ｍ０００１００ｙ４３") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check character is 4, expected 3"),
        ("91350100M000100Y4", "must have 18 characters"),
        ("91350100M000100I43", "not allowed"),
        ("913A0100M000100Y43", "administrative division"),
    ],
)
def test_wrong_codes_say_why(code, reason):
    with pytest.raises(uscc.USCCError, match=reason):
        uscc.validate(code)


def test_make_builds_valid_codes():
    code = uscc.make("9", "1", "330400", "MA2B3C4D5")
    assert uscc.is_valid(code)
