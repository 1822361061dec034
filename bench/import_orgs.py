"""Import of N generated organisations from CSV, on PostgreSQL and SQLite, against a raw COPY of the same file.

    flock /tmp/corridor-heavy.lock .venv/bin/python bench/import_orgs.py --size 1000000

For each database: a fresh database (migrated, GB/T 2260 regions and industries loaded), then
`corridor import organisations FILE` in a child process (wall time until the import has committed, start-up
included; then the time its follow-up job takes to make the organisations searchable and tagged; peak RSS), and with
--reimport a second import of the same file (idempotent: nothing created or updated). In the same run, the ceiling: the
same file loaded raw into a bare table of text columns (PostgreSQL: COPY ... FROM STDIN CSV; SQLite:
one executemany INSERT in one transaction, the closest SQLite has to COPY). On PostgreSQL also the floor
set by the database itself: the organisation rows the import wrote, COPYed into a table with the same
indexes and checks (without foreign keys, history or industries).

PostgreSQL database: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_er), dropped
and recreated. SQLite: bench/out/import_bench.sqlite3.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CORRIDOR = ROOT / ".venv" / "bin" / "corridor"
# The command's count line ("200000 rows: …", "200000 行：…"), printed when the import has committed.
COUNTS = re.compile(r"^\d+ ")
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_er")


def env_for(url: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": url, "DEBUG": "0",
           "SECRET_KEY": "bench-only", "CORRIDOR_DATA_DIR": str(OUT / "var"), "LANGUAGE": "en"}
    if os.environ.get("PYTHONPATH"):  # another checkout of the code, e.g. the base of a change, with this venv
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def run(args: list[str], url: str) -> tuple[float, float, str]:
    """Run a corridor command; wall seconds, peak RSS of children so far (GiB), stdout."""
    started = time.perf_counter()
    done = subprocess.run([str(CORRIDOR), *args], env=env_for(url), capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"corridor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    return wall, peak, done.stdout


def run_import(source: Path, url: str, follow_up_limit: float = 0) -> tuple[float, float | None, float, str]:
    """`corridor import organisations` in a child process: seconds until the import has committed (its count
    line, process start-up included), seconds until the child exits (the follow-up job done: search text,
    chain tags; None if it was cut off after `follow_up_limit` seconds), peak RSS of children so far (GiB), stdout."""
    started = time.perf_counter()
    child = subprocess.Popen([str(CORRIDOR), "import", "organisations", str(source)], env=env_for(url),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    committed = 0.0
    lines = []
    for line in child.stdout:
        lines.append(line)
        if not committed and COUNTS.match(line):
            committed = time.perf_counter() - started
            CPU_AT_COMMIT[0] = process_cpu(child.pid)
            break
    total: float | None
    try:
        rest, err = child.communicate(timeout=follow_up_limit or None)
        lines.append(rest)
        total = time.perf_counter() - started
    except subprocess.TimeoutExpired:
        child.kill()  # the import has committed; only its follow-up job is cut off
        rest, err = child.communicate()
        lines.append(rest)
        total = None
    if total is not None and child.returncode != 0:
        sys.exit(f"corridor import failed:\n{''.join(lines)}\n{err[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    return committed or (total or 0.0), total, peak, "".join(lines)


CPU_AT_COMMIT = [0.0]


def process_cpu(pid: int) -> float:
    """CPU seconds of a process and of its children it has reaped (the import's worker pool), from /proc;
    a figure the machine's other load barely changes, unlike wall time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def summary(out: str) -> str:
    return next((line.strip() for line in out.splitlines() if COUNTS.match(line)), "")


def prepare(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(base.replace("postgres://", "postgresql://") + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    run(["migrate", "-v0"], url)
    run(["shell", "-c", "from corridor.regions.services import load_regions; from corridor.demo.services import "
         "ensure_industries; load_regions(); ensure_industries()"], url)


def raw_copy(url: str, source: Path) -> float:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f'"{h}" text' for h in header)
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
            db.execute(f"DROP TABLE IF EXISTS bare_copy; CREATE TABLE bare_copy ({columns})")
            started = time.perf_counter()
            with db.cursor() as cursor, cursor.copy("COPY bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy, \
                    source.open("rb") as raw:
                raw.read(3)  # the BOM
                while chunk := raw.read(1 << 20):
                    copy.write(chunk)
            db.commit()
            elapsed = time.perf_counter() - started
            db.execute("DROP TABLE bare_copy")
        return elapsed
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    db.execute("DROP TABLE IF EXISTS bare_copy")
    db.execute(f"CREATE TABLE bare_copy ({columns})")
    started = time.perf_counter()
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        marks = ", ".join("?" * len(header))
        db.executemany(f"INSERT INTO bare_copy VALUES ({marks})", reader)
    db.commit()
    elapsed = time.perf_counter() - started
    db.execute("DROP TABLE bare_copy")
    db.commit()
    db.close()
    return elapsed


def database_floor(url: str) -> float:
    """Seconds to COPY the organisation rows the import wrote into a table with the same indexes and checks
    (no foreign keys, no history, no industries): the database's own share, whatever the importer does."""
    import psycopg

    dump = OUT / "floor.copy"
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        with db.cursor() as cursor, cursor.copy("COPY orgs_organisation TO STDOUT") as copy, dump.open("wb") as out:
            for data in copy:
                out.write(data)
        db.execute("DROP TABLE IF EXISTS floor_copy; CREATE TABLE floor_copy (LIKE orgs_organisation INCLUDING ALL)")
        db.commit()
        started = time.perf_counter()
        with db.cursor() as cursor, cursor.copy("COPY floor_copy FROM STDIN") as copy, dump.open("rb") as source:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
        db.commit()
        elapsed = time.perf_counter() - started
        db.execute("DROP TABLE floor_copy")
        db.commit()
    dump.unlink()
    return elapsed


def bench(url: str, label: str, source: Path, rows: int, reimport: bool, follow_up_limit: float) -> None:
    prepare(url)
    ceiling = raw_copy(url, source)
    wall, total, peak, out = run_import(source, url, follow_up_limit)
    print(f"{label}: import {rows} rows committed in {wall:.1f} s = {rows / wall:,.0f} rows/s (peak RSS {peak:.2f} "
          f"GiB; {summary(out)}); raw load of the same file {ceiling:.1f} s = {rows / ceiling:,.0f} rows/s; "
          f"import / raw = {ceiling / wall:.2f}", flush=True)
    print(f"{label}: CPU of the importing process and its workers until the commit {CPU_AT_COMMIT[0]:.1f} s = "
          f"{CPU_AT_COMMIT[0] / rows * 1e6:.0f} us/row (the database backend's CPU not included)", flush=True)
    if total is not None:
        print(f"{label}: searchable and tagged (follow-up job) {total - wall:.1f} s after the commit", flush=True)
    else:
        print(f"{label}: follow-up job (search text, chain tags) cut off after {follow_up_limit:.0f} s", flush=True)
    if url.startswith("postgres"):
        floor = database_floor(url)
        print(f"{label}: COPY of the imported rows into a table with the organisation indexes alone {floor:.1f} s = "
              f"{rows / floor:,.0f} rows/s (the database's part of any import of this file)", flush=True)
    if reimport:
        again, _total, _peak, out2 = run_import(source, url)
        print(f"{label}: re-import of the same file {again:.1f} s = {rows / again:,.0f} rows/s "
              f"({summary(out2)})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--reimport", action="store_true", help="also time importing the same file again")
    parser.add_argument("--follow-up-limit", type=float, default=0,
                        help="seconds to let the follow-up job run after the import has committed (0: until done)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    source = OUT / f"orgs_{args.size}.csv"
    if not source.exists():
        subprocess.run([str(CORRIDOR), "generate", "--size", str(args.size), "--output", str(source)], check=True,
                       env={**env_for("sqlite:///unused"), "DEBUG": "1"})
    print(f"file: {source.name}, {source.stat().st_size / 2**20:,.0f} MiB, {args.size} rows; machine: "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    if args.only in (None, "postgresql"):
        bench(PG_URL, "PostgreSQL", source, args.size, args.reimport, args.follow_up_limit)
    if args.only in (None, "sqlite"):
        bench(f"sqlite:///{OUT / 'import_bench.sqlite3'}", "SQLite", source, args.size, args.reimport, args.follow_up_limit)


if __name__ == "__main__":
    main()
