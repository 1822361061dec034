"""Check rnd_holdout3 for consistency and print its counts. Plain python3, stdlib only.

Run: python3 validate.py   (exit status 1 if any check fails)
"""

import itertools
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

MIN_PROJECTS, MIN_ORGS, MIN_GOLD, MIN_CROSS_SHARE = 160, 65, 55, 0.40
MIN_NEG, MIN_SAME_ORG, MIN_UNPAIRED_SHARE = 40, 10, 0.30


def load(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    errors: list[str] = []

    def check(cond: bool, msg: str) -> None:
        if not cond:
            errors.append(msg)

    projects = load("projects.jsonl")
    gold = load("gold.jsonl")
    negs = load("hard_negatives.jsonl")
    same_org = load("same_org.jsonl")

    # projects
    ids = [p["id"] for p in projects]
    check(len(ids) == len(set(ids)), "project ids are not unique")
    by_id = {p["id"]: p for p in projects}
    for p in projects:
        for field in ("id", "org", "title", "text", "lang"):
            check(isinstance(p.get(field), str) and p[field].strip() != "", f"{p.get('id')}: missing {field}")
        check(p.get("lang") in ("zh", "en"), f"{p['id']}: lang must be zh or en")
        size = len(p["text"]) if p["lang"] == "zh" else len(p["text"].split())
        check(60 <= size <= 250, f"{p['id']}: text length {size} outside 60-250 "
              f"({'characters' if p['lang'] == 'zh' else 'words'})")
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in p["text"])
        check(has_cjk == (p["lang"] == "zh"), f"{p['id']}: lang {p['lang']} does not match the text")

    def key(r: dict) -> tuple[str, str]:
        return tuple(sorted((r["a"], r["b"])))  # type: ignore[return-value]

    def cross(r: dict) -> bool:
        return by_id[r["a"]]["lang"] != by_id[r["b"]]["lang"]

    for name, rows in (("gold", gold), ("hard_negatives", negs), ("same_org", same_org)):
        keys = [key(r) for r in rows]
        check(len(keys) == len(set(keys)), f"{name}: duplicate pairs")
        for r in rows:
            check(r["a"] in by_id and r["b"] in by_id, f"{name}: unknown id in {r}")
            check(r["a"] != r["b"], f"{name}: self pair {r}")
    if errors:  # the checks below need valid ids
        return report(errors)

    for r in gold:
        check(by_id[r["a"]]["org"] != by_id[r["b"]]["org"], f"gold pair of one organisation: {r}")
    for r in negs:
        check(by_id[r["a"]]["org"] != by_id[r["b"]]["org"], f"hard negative inside one organisation: {r}")
    for r in same_org:
        check(by_id[r["a"]]["org"] == by_id[r["b"]]["org"], f"same_org pair of two organisations: {r}")
    gold_keys = {key(r) for r in gold}
    neg_keys = {key(r) for r in negs}
    so_keys = {key(r) for r in same_org}
    check(not gold_keys & neg_keys, f"pairs both gold and negative: {sorted(gold_keys & neg_keys)}")
    check(not so_keys & neg_keys, f"pairs both same-org and negative: {sorted(so_keys & neg_keys)}")

    # "Same objective" is an equivalence: within a group of projects with one objective, every pair
    # of different organisations must be gold. Groups = connected components of gold + same_org.
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in gold_keys | so_keys:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    groups = {g: m for g, m in groups.items() if len(m) > 1}
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            if by_id[a]["org"] == by_id[b]["org"]:
                check((a, b) in so_keys, f"same-org pair {a}-{b} in one objective group is not in same_org")
            else:
                check((a, b) in gold_keys, f"pair {a}-{b} in one objective group is not gold (not transitive)")
    for a, b in neg_keys:
        check(find(a) != find(b), f"hard negative {a}-{b} joins two projects of one objective group")

    # counts
    orgs = {p["org"] for p in projects}
    langs = Counter(p["lang"] for p in projects)
    in_gold = {x for k in gold_keys for x in k}
    unpaired = len(ids) - len(in_gold)
    g_cross = sum(cross(r) for r in gold)
    n_cross = sum(cross(r) for r in negs)
    n_zh = sum(1 for r in negs if not cross(r) and by_id[r["a"]]["lang"] == "zh")
    n_en = len(negs) - n_cross - n_zh
    s_cross = sum(cross(r) for r in same_org)
    sizes = Counter(len({by_id[m]["org"] for m in g}) for g in groups.values())
    triples = sum(v for k, v in sizes.items() if k >= 3)

    check(len(projects) >= MIN_PROJECTS, f"fewer than {MIN_PROJECTS} projects")
    check(len(orgs) >= MIN_ORGS, f"fewer than {MIN_ORGS} organisations")
    check(len(gold) >= MIN_GOLD, f"fewer than {MIN_GOLD} gold pairs")
    check(g_cross / len(gold) >= MIN_CROSS_SHARE, "cross-language share of gold below 40 %")
    check(len(negs) >= MIN_NEG, f"fewer than {MIN_NEG} hard negatives")
    check(n_cross > 0 and n_zh > 0 and n_en > 0, "hard negatives must cover zh, en and cross-language")
    check(len(same_org) >= MIN_SAME_ORG, f"fewer than {MIN_SAME_ORG} same-org pairs")
    check(unpaired / len(projects) >= MIN_UNPAIRED_SHARE, "fewer than 30 % of projects outside gold")
    check(triples >= 3, "need clusters of at least 3 organisations")
    check(0.4 <= langs["zh"] / len(projects) <= 0.6, "languages not roughly balanced")

    print(f"projects           {len(projects)}  (zh {langs['zh']}, en {langs['en']})")
    print(f"organisations      {len(orgs)}")
    print(f"gold pairs         {len(gold)}  (same-language {len(gold) - g_cross}, cross-language {g_cross}, "
          f"cross share {g_cross / len(gold):.0%})")
    print(f"objective groups   {len(groups)}  by number of organisations: "
          + ", ".join(f"{k} orgs: {v}" for k, v in sorted(sizes.items())))
    print(f"projects in no gold pair  {unpaired}  ({unpaired / len(projects):.0%})")
    print(f"hard negatives     {len(negs)}  (zh-zh {n_zh}, en-en {n_en}, cross-language {n_cross})")
    print(f"same-org pairs     {len(same_org)}  (cross-language {s_cross})")
    return report(errors)


def report(errors: list[str]) -> int:
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
