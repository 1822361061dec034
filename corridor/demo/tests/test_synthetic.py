"""The synthetic population: deterministic, valid, unique, flagged."""

from __future__ import annotations

import csv
import itertools

from corridor.demo import synthetic
from corridor.orgs import uscc
from corridor.orgs.models import Organisation


def test_same_seed_same_rows_and_prefix_stable():
    first = list(synthetic.generate(300, seed=7))
    assert first == list(synthetic.generate(300, seed=7))
    assert first[:100] == list(synthetic.generate(100, seed=7))
    assert first != list(synthetic.generate(300, seed=8))


def test_rows_are_valid_unique_and_flagged():
    rows = list(synthetic.generate(3000))
    assert all(uscc.is_valid(r["uscc"]) for r in rows)
    assert all(r["uscc"][2:8] == r["region"] for r in rows)
    assert len({r["uscc"] for r in rows}) == len(rows)
    assert len({r["name_zh"] for r in rows}) == len(rows)
    assert all(r["is_synthetic"] is True for r in rows)
    assert {r["kind"] for r in rows} <= set(Organisation.Kind.values)
    assert {r["size_band"] for r in rows} <= set(Organisation.SizeBand.values)
    assert {r["city"] for r in rows} == set(synthetic.G60_CITIES)
    heads = sum(r["is_head_enterprise"] for r in rows) / len(rows)
    assert 0.03 < heads < 0.07
    assert all(r["address"].startswith(("上海市松江区", "浙江省", "江苏省苏州市", "安徽省")) for r in rows)


def test_trade_names_stay_unique_across_lengths():
    generator = synthetic.Generator()
    k = len(generator.pool)
    indexes = itertools.chain(range(0, 3000), range(k * k - 1500, k * k + 1500))
    names = [generator.trade_name(i)[0] for i in indexes]
    assert len(set(names)) == len(names)


def test_robot_first_batch_is_filled_first():
    rows = list(synthetic.generate(2000))
    robot = [m for r in rows for m in r["memberships"] if m["alliance"] == "g60-robot"]
    assert sum(m["batch"] == 1 for m in robot) == 135  # + the three named in seed 000 = 138
    assert all(m["joined_on"] is not None for m in robot)
    actions = [a for r in rows for a in r["actions"]]
    assert actions and all(1 <= a["position"] <= 5 and a["taken_on"] <= synthetic.LAST_ACTION for a in actions)


def test_csv_has_a_header_and_n_rows(tmp_path):
    path = tmp_path / "orgs.csv"
    synthetic.write_csv(str(path), 50, seed=3)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 50
    assert list(rows[0]) == list(synthetic.CSV_FIELDS)
    assert rows[0]["uscc"] == next(synthetic.generate(1, seed=3))["uscc"]
    assert all(r["is_synthetic"] == "1" for r in rows)


def test_demonstration_parks_are_eleven_synthetic_ones():
    parks = synthetic.demonstration_parks()
    assert len(parks) == 11
    assert len({p["slug"] for p in parks}) == 11
    assert {p["region"][:4] for p in parks} >= {"3101", "3304", "3301", "3307", "3205", "3305", "3418", "3402", "3401"}
    assert all(p["is_synthetic"] and p["kind"] == "demonstration_park" for p in parks)
