"""Build rnd_holdout3 from the hand-written sources src_*.py.

Labels come from the sources only: projects that share a cluster name have the same technical
objective. Gold = every pair inside a cluster whose organisations differ; same_org = every pair inside a
cluster of one organisation. Hard negatives are listed by hand in each source (HN).

Ids and organisation codes are shuffled with a fixed seed, so that neither the id order nor the
organisation number tells which field or cluster a project belongs to.

Run: python3 build.py   (writes projects.jsonl, gold.jsonl, hard_negatives.jsonl, same_org.jsonl)
"""

import itertools
import json
import random
from pathlib import Path

import src_ai
import src_bio
import src_extra
import src_ic
import src_mat
import src_nev
import src_robot

HERE = Path(__file__).resolve().parent
SOURCES = [src_robot, src_ic, src_bio, src_nev, src_mat, src_ai, src_extra]

# Organisation labels in the sources are per field; real members often work in several lines.
# These merges put several projects under one organisation (a car maker, a vaccine company, a
# university...). A merge must not create a new same-organisation pair inside a cluster and must not
# put both sides of a hard negative in one organisation: main() checks both.
MERGE = {
    "n4": "n1", "n11": "n1", "n23": "n1", "n24": "n1",   # vehicle maker: SiC die, cells, motor, swap
    "r20": "r6",      # cobot maker: joint module + e-skin
    "c24": "c3",      # SiC substrate + epitaxy
    "c20": "c11",     # EDA house: timing + SPICE
    "b25": "b4",      # medical equipment: CAR-T automation + surgical robot
    "b20": "b8",      # vaccine company: zoster + varicella
    "b21": "b12",     # mRNA company: LNP + RSV vaccine
    "b22": "b14",     # diabetes devices: CGM + pump
    "n20": "n12",     # charging company: ultra-fast + V2G
    "m15": "m1",      # carbon fibre + Type IV tank
    "m17": "m4",      # graphene: film + conductive paste
    "m23": "m6",      # light alloys: casting alloy + Mg wheels
    "s21": "s1",      # industrial software: FEA + offline programming
    "s20": "s4",      # energy / wind analytics
    "s10": "s22",     # automation software: soft PLC + MES
    "r23": "r1",      # robot maker: RV reducer + palletizer
    "c18": "c7",      # photoresist: ArF + KrF
    "r15": "r14",     # force sensor + grinding cell
    "n18": "c14",     # analog IC: gate driver + BMS AFE
    "b24": "b1",      # pharma: ADC + GLP-1
    "b18": "b6",      # cell therapy: BCMA CAR-T + CLDN18.2 CAR-T
    "s17": "s13",     # university lab: PLC code LLM + CAD kernel
    "m20": "m9",      # superalloys: blade casting + AM powder
    "n21": "n14",     # thermal: runaway warning + heat pump
    "c16": "c5",      # power semiconductors: GaN + 3.3 kV SiC
    "r12": "r3",      # drives and gearboxes
    "s19": "s6",      # steel IT: inspection + time-series DB
    "r18": "s12",     # university: dexterous hand + LLM PLC generation
}


def main() -> None:
    raw, hn = [], []
    for mod in SOURCES:
        raw.extend(mod.P)
        hn.extend(mod.HN)
    entries = [(k, MERGE.get(o, o), lang, c, t, x) for (k, o, lang, c, t, x) in raw]

    def same_org_in_clusters(rows: list) -> set:
        out = set()
        for a, b in itertools.combinations(rows, 2):
            if a[3] and a[3] == b[3] and a[1] == b[1]:
                out.add((a[0], b[0]))
        return out

    assert same_org_in_clusters(raw) == same_org_in_clusters(entries), "merge made a same-org cluster pair"
    org_of = {e[0]: e[1] for e in entries}
    for a, b, _ in hn:
        assert org_of[a] != org_of[b], f"hard negative {a}-{b} is inside one organisation"

    keys = [e[0] for e in entries]
    dup = {k for k in keys if keys.count(k) > 1}
    assert not dup, f"duplicate keys {dup}"

    rng = random.Random(20240503)
    order = entries[:]
    rng.shuffle(order)

    key2id = {}
    org_map = {}
    org_codes = rng.sample(range(10, 300), 200)
    projects = []
    for i, (key, org, lang, _cluster, title, text) in enumerate(order, start=1):
        pid = f"h3-{i:03d}"
        key2id[key] = pid
        if org not in org_map:
            org_map[org] = f"o{org_codes[len(org_map)]}"
        projects.append({"id": pid, "org": org_map[org], "title": title, "text": text, "lang": lang})
    assert len(set(org_map.values())) == len(org_map), "organisation code collision"

    by_key = {e[0]: e for e in entries}
    clusters: dict[str, list[str]] = {}
    for e in entries:
        if e[3]:
            clusters.setdefault(e[3], []).append(e[0])

    def pair(a: str, b: str) -> tuple[str, str]:
        x, y = sorted((key2id[a], key2id[b]))
        return x, y

    gold, same_org = [], []
    for name, members in clusters.items():
        assert len(members) >= 2, f"cluster {name} has one member"
        for a, b in itertools.combinations(members, 2):
            if by_key[a][1] == by_key[b][1]:
                same_org.append({"a": pair(a, b)[0], "b": pair(a, b)[1], "org": org_map[by_key[a][1]]})
            else:
                gold.append({"a": pair(a, b)[0], "b": pair(a, b)[1]})

    negatives = []
    for a, b, why in hn:
        x, y = pair(a, b)
        kind = "cross" if by_key[a][2] != by_key[b][2] else "same"
        negatives.append({"a": x, "b": y, "kind": "near", "lang": kind, "why": why})

    gold.sort(key=lambda p: (p["a"], p["b"]))
    same_org.sort(key=lambda p: (p["a"], p["b"]))
    negatives.sort(key=lambda p: (p["a"], p["b"]))

    def write(name: str, rows: list[dict]) -> None:
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    write("projects.jsonl", projects)
    write("gold.jsonl", gold)
    write("hard_negatives.jsonl", negatives)
    write("same_org.jsonl", same_org)
    print(f"projects {len(projects)}, gold {len(gold)}, hard negatives {len(negatives)}, "
          f"same-org {len(same_org)}, orgs {len(org_map)}")


if __name__ == "__main__":
    main()
