"""Hand-computed cases for the chain analytics (see the module docstring for the definitions).

Four regions A–D with 20, 20, 40 and 20 organisations (T = 100); segments x and z supply y.
        x   y   z
    A   0  10   2
    B   6   2   0
    C   2   2   2
    D   0   0   0
N(x) = 8, N(y) = 14, N(z) = 4; a quarter of 4 regions is 1.
"""

import pytest

from corridor.chains import analytics as a

COUNTS = {
    ("A", "y"): a.Cell(10, 3), ("A", "z"): a.Cell(2, 0),
    ("B", "x"): a.Cell(6, 1), ("B", "y"): a.Cell(2, 0),
    ("C", "x"): a.Cell(2, 0), ("C", "y"): a.Cell(2, 0), ("C", "z"): a.Cell(2, 1),
    ("Z", "x"): a.Cell(99, 0),  # outside the regions asked for: ignored
}
TOTALS = {"A": 20, "B": 20, "C": 40, "D": 20}
EDGES = [a.Edge("x", "y", 0.4), a.Edge("z", "y")]


@pytest.fixture
def matrix():
    return a.build_matrix(["A", "B", "C", "D"], ["x", "y", "z"], COUNTS, TOTALS)


def test_matrix_keeps_only_the_regions_and_segments_asked_for(matrix):
    assert matrix.total == 100
    assert matrix.segment_total("x") == 8
    assert matrix.cell("A", "y") == a.Cell(10, 3)
    assert matrix.cell("D", "x") == a.Cell(0, 0)


def test_location_quotients_by_hand(matrix):
    lq = a.location_quotients(matrix)
    assert lq[("A", "y")] == pytest.approx((10 / 20) / (14 / 100))  # 3.571
    assert lq[("B", "y")] == pytest.approx((2 / 20) / (14 / 100))  # 0.714
    assert lq[("C", "y")] == pytest.approx((2 / 40) / (14 / 100))  # 0.357
    assert lq[("B", "x")] == pytest.approx(3.75)
    assert lq[("A", "x")] == 0
    assert lq[("A", "z")] == pytest.approx(2.5)
    assert lq[("C", "z")] == pytest.approx(1.25)


def test_lq_is_undefined_without_organisations():
    m = a.build_matrix(["A", "B"], ["x"], {("A", "x"): a.Cell(1, 0)}, {"A": 10, "B": 0})
    lq = a.location_quotients(m)
    assert lq[("B", "x")] is None and lq[("A", "x")] == pytest.approx(1.0)


def test_levels_follow_the_strong_link_rule(matrix):
    level = a.levels(matrix)
    # y: A is first by LQ (3.57 ≥ 1) with 10 > the smallest count 0; B's LQ 0.71 is not in the top quarter.
    assert [level[(r, "y")] for r in "ABCD"] == ["strong", "present", "weak", "absent"]
    assert [level[(r, "x")] for r in "ABCD"] == ["absent", "strong", "present", "absent"]
    assert [level[(r, "z")] for r in "ABCD"] == ["strong", "absent", "present", "absent"]


def test_top_quarter_and_count_floor_with_nine_regions():
    regions = [f"R{i}" for i in range(9)]  # a quarter of 9 is 3
    totals = dict.fromkeys(regions, 100)
    # Equal shares: every LQ is 1 and all nine tie for first, but no count is above the bottom quarter.
    even = a.build_matrix(regions, ["s"], {(r, "s"): a.Cell(5, 0) for r in regions}, totals)
    assert set(a.levels(even).values()) == {"present"}
    # Counts 1..9: LQs rise with the count; the top three by LQ are strong, the fourth is not.
    rising = a.build_matrix(regions, ["s"], {(r, "s"): a.Cell(i + 1, 0) for i, r in enumerate(regions)}, totals)
    level = a.levels(rising)
    assert [r for r in regions if level[(r, "s")] == "strong"] == ["R6", "R7", "R8"]
    assert level[("R5", "s")] == "present"  # LQ 6/5 ≥ 1 but fourth
    assert level[("R0", "s")] == "weak"  # LQ 1/5 < 0.5


def test_edge_weights_split_what_stated_shares_leave():
    weights = a.edge_weights([a.Edge("x", "y", 0.4), a.Edge("z", "y"), a.Edge("w", "y"), a.Edge("y", "v")])
    assert weights == {("x", "y"): 0.4, ("z", "y"): pytest.approx(0.3), ("w", "y"): pytest.approx(0.3),
                       ("y", "v"): 1.0}


def test_gaps_of_a_region(matrix):
    found = a.gaps(matrix, EDGES, "A")
    assert len(found) == 1
    gap = found[0]
    # x is absent in A and supplies y, strong in A; z is strong in A, so it is no gap.
    assert (gap.segment, gap.level, gap.score, gap.feeds) == ("x", "absent", 0.4, ["y"])
    assert [(s.region, s.orgs, s.strong) for s in gap.suppliers] == [("B", 6, True)]


def test_no_gaps_where_nothing_downstream_is_strong(matrix):
    assert a.gaps(matrix, EDGES, "C") == []
    assert a.gaps(matrix, EDGES, "D") == []


def test_gap_suppliers_fall_back_to_regions_where_it_is_present():
    m = a.build_matrix(
        ["A", "B", "C", "D"], ["x", "y"],
        {("A", "y"): a.Cell(9, 0), ("B", "x"): a.Cell(1, 0), ("C", "x"): a.Cell(3, 0), ("D", "x"): a.Cell(2, 0)},
        {"A": 10, "B": 100, "C": 100, "D": 100},
    )
    [gap] = a.gaps(m, [a.Edge("x", "y")], "A")
    # x is nowhere strong (LQs equal-ish, counts not above the floor for B): present regions by count.
    assert gap.score == 1.0
    assert [s.region for s in gap.suppliers][:1] == ["C"]


def test_sourcing_rates_by_hand(matrix):
    rates = a.sourcing_rates(matrix, EDGES)
    # A has y and z: of y's inputs x (0.4) is elsewhere, z (0.6) is local.
    assert rates["A"].local == pytest.approx(0.6) and rates["A"].corridor == pytest.approx(1.0)
    # B has x and y: x (0.4) local, z (0.6) only in A and C.
    assert rates["B"].local == pytest.approx(0.4) and rates["B"].corridor == pytest.approx(1.0)
    assert rates["C"].local == pytest.approx(1.0)
    assert rates["D"].local is None and rates["D"].corridor is None


def test_a_token_presence_does_not_supply_a_city():
    # E: 200 organisations, 10 in y and a single one in x: LQ(E, x) = (1/200) / (9/300) = 0.167, weak.
    # F: 100 organisations, 8 in x (LQ 2.67). Of y's inputs in E, x (0.4) is not local; z (0.6) absent.
    m = a.build_matrix(["E", "F"], ["x", "y", "z"], {("E", "y"): a.Cell(10, 0), ("E", "x"): a.Cell(1, 0),
                                                      ("F", "x"): a.Cell(8, 0)}, {"E": 200, "F": 100})
    assert a.levels(m)[("E", "x")] == a.WEAK
    rates = a.sourcing_rates(m, EDGES)
    assert rates["E"].local == pytest.approx(0.0)  # counted as local before: 0.4
    assert rates["E"].corridor == pytest.approx(0.4)  # x is present in F; z nowhere
    assert rates["F"].local is None  # F has no segment that something supplies


def test_without_region_totals_the_chain_counts_stand_in():
    m = a.build_matrix(["A", "B"], ["x", "y"], {("A", "x"): a.Cell(1, 0), ("B", "y"): a.Cell(3, 0)})
    assert m.region_totals == {"A": 1, "B": 3}
    assert a.location_quotients(m)[("A", "x")] == pytest.approx((1 / 1) / (1 / 4))
