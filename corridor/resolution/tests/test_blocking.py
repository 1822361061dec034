"""Blocks leave out only the pairs `compare` would reject: the same evidence as comparing every pair."""

from itertools import combinations

from corridor.orgs import uscc
from corridor.resolution.blocking import block_pairs, city_of
from corridor.resolution.resolver import Record, _blocking_keys, compare, prepare

CITIES = ("苏州", "杭州", "合肥", "嘉兴", "湖州")


def _records() -> list[Record]:
    """A trade name shared across the corridor's cities: full names, short names without a place, English
    names, some with a credit code, and one university and its English name, all in one name block."""
    out = []
    for n, city in enumerate(CITIES):
        for k, trade in enumerate(("恒达机械", "恒达精密机械", "恒达机械制造")):
            code = uscc.make("9", "1", "330108", f"MA27YJX{n}{k}") if (n + k) % 2 else ""
            out.append(Record(f"{n}-{k}", f"{city}{trade}有限公司", address=f"浙江省{city}市科创路{n}{k}号", uscc=code))
    out += [
        Record("s1", "恒达机械"),
        Record("s2", "恒达精密", address="浙江省杭州市西湖区文三路1号"),
        Record("e1", "Suzhou Hengda Machinery Co., Ltd."),
        Record("e2", "Hengda Precision Machinery Co., Ltd."),
        Record("u1", "恒达大学"),
        Record("u2", "Hengda University"),
    ]
    return out


def test_a_name_block_compares_every_pair_compare_could_accept():
    prepared = prepare(_records())
    found = {}
    for i, j in block_pairs(prepared, _blocking_keys, set()):
        ev = compare(prepared[i], prepared[j])
        if ev is not None:
            found[(i, j)] = ev
    everything = {}
    for i, j in combinations(range(len(prepared)), 2):
        if _blocking_keys(prepared[i]) & _blocking_keys(prepared[j]):
            ev = compare(prepared[i], prepared[j])
            if ev is not None:
                everything[(i, j)] = ev
    assert found == everything
    assert len(everything) > 10  # the set really has pairs to find


def test_records_of_two_cities_are_not_paired_in_a_name_block_but_an_unplaced_one_meets_both():
    prepared = prepare(_records())
    pairs = set(block_pairs(prepared, _blocking_keys, set()))
    by_id = {item.record.id: idx for idx, item in enumerate(prepared)}
    suzhou, hangzhou, unplaced = by_id["0-0"], by_id["1-0"], by_id["s1"]
    assert (min(suzhou, hangzhou), max(suzhou, hangzhou)) not in pairs
    assert (min(suzhou, unplaced), max(suzhou, unplaced)) in pairs
    assert (min(hangzhou, unplaced), max(hangzhou, unplaced)) in pairs


def test_an_institution_has_no_city_of_its_own_for_blocking():
    prepared = prepare([Record("1", "苏州恒达机械有限公司"), Record("2", "苏州大学", address="江苏省苏州市干将东路333号")])
    assert city_of(prepared[0]) == "suzhou"
    assert city_of(prepared[1]) is None


def test_forked_workers_find_what_one_process_finds(monkeypatch):
    from corridor.resolution import resolver
    from corridor.resolution.resolver import resolve

    monkeypatch.setattr(resolver, "PREPARE_IN_FORKS_FROM", 2)  # names parsed in the forks too
    records = _records()
    assert [item.record for item in resolver.prepare(records, workers=3)] == records
    one, two = resolve(records), resolve(records, workers=2)
    assert one.labels == two.labels
    assert sorted((i, j, ev) for i, j, ev in one.pairs) == sorted((i, j, ev) for i, j, ev in two.pairs)
    assert len(set(one.labels)) < len(records)  # something was merged


def test_records_without_a_key_make_no_pairs():
    from corridor.resolution.resolver import resolve

    assert resolve([]).labels == []
    assert resolve([Record("1", ""), Record("2", "—")]).labels == ["1", "2"]
