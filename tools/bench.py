"""Benchmarks (a script, never a timed test): `make bench`.

Each number is printed beside its target and its floor, measured in the same run: this machine
is shared and its speed varies by 2x or more from hour to hour; ratios move less. The absolute
targets (60 s, 120 s) were set when the floor of 9 notebooks took 23.5 s (shared/PERF.md), so each
is also printed in floors: 60 s is 2.55 floors, 120 s is 5.1.

1. Fresh clone to built report, as a new user: ``git clone`` of HEAD into a temporary folder,
   empty uv and pip caches, then ``make venv`` (set-up: uv bootstrap, ``uv pip sync``, kernel) and
   ``make report`` (text pairs, notebooks, HTML) timed separately. Target: 60 s together.
2. Warm ``make test`` in that clone (after ``make browser``; the HTML test runs when Chromium is
   there) against the nbval floor: as many notebooks as the project has that only import pandas,
   matplotlib and seaborn and save one empty figure, run by ``pytest -n 2 --nbval``.
   Target: at most 3x the floor. Then where that run's time went: the test time (setup, call and
   teardown, from pytest's JUnit XML) summed by group, in worker-seconds and in floors.
3. ``bash .ci/run`` on a second fresh clone (uv's cache now warm, as on a CI machine that ran
   before; Chromium present or installed by it). Target: 120 s.
4. Extraction throughput of jjj.quantities on a synthetic corpus of many copies of the article,
   at three sizes, to show that time grows linearly.

The clones measure the committed HEAD, not uncommitted changes. Usage:
python tools/bench.py [--skip-fresh] [--skip-ci] [--skip-extraction]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from jjj import build, config

FLOOR_CODE = """import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from pathlib import Path
import tempfile

fig, ax = plt.subplots()
fig.savefig(Path(tempfile.gettempdir()) / "jjj-floor-{i}.png")
plt.close(fig)"""

TARGET_FRESH = 60
TARGET_RATIO = 3
TARGET_CI = 120
# The issue set the 60 s and 120 s targets when the floor (9 notebooks, -n 2) took 23.5 s on this
# kind of machine (shared/PERF.md). The machine is shared, so each absolute time is also printed
# in that floor (9 notebooks) measured in the same run: 60 s is 2.55 floors, 120 s is 5.1.
PERF_FLOOR = 23.5
PERF_NOTEBOOKS = 9


def run(cmd: list[str], cwd: Path, env: dict | None = None, label: str = "",
        check: bool = True) -> float:
    """Wall time of one run. A failing command stops the benchmark (with the output's tail), or
    with check=False is reported as failed."""
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    CPU[label or " ".join(cmd)] = cpu
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-4000:]
        if check:
            sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{tail}")
        print(f"  FAILED (exit {result.returncode}): {' '.join(cmd)}\n{tail[-1500:]}")
    if label:
        print(f"  {label:<52} {elapsed:7.1f} s  (CPU {cpu:6.1f} s)", flush=True)
    return elapsed


CPU: dict[str, float] = {}


def _cpu_seconds() -> float:
    """A CPU-seconds counter, read before and after a command: the machine's busy time from
    /proc/stat (user, nice, system, irq and softirq of every core) where there is one, since it
    also counts processes that no parent waits for (Chromium's renderers, which its zygote
    orphans, are missing from getrusage), and other people's work too (and in a container it
    may be the host's); else the user + system CPU of the finished child processes."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]
        user, nice, system, _idle, _iowait, irq, softirq = map(int, fields)
        return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime


def clean_env(tmp: Path) -> dict:
    """The environment of a new user: empty caches, no JJJ_* variables, no activated venv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JJJ_", "PYTEST_", "VIRTUAL_ENV", "MAKE", "MFLAGS"))}
    env["UV_CACHE_DIR"] = str(tmp / "uv-cache")
    env["PIP_NO_CACHE_DIR"] = "1"
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    return env


def clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(config.ROOT), str(dest)], check=True)
    return dest


def floor_notebooks(folder: Path, n: int, python: Path) -> list[Path]:
    """n notebooks that only import the libraries and save an empty figure, executed once."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        nb = new_notebook(cells=[new_code_cell(FLOOR_CODE.format(i=i))])
        nb.cells[0].id = "floor"
        nb.metadata = {"kernelspec": dict(build.KERNELSPEC), "language_info": {"name": "python"}}
        path = folder / f"floor_{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    subprocess.run([str(python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--inplace", *map(str, paths)], check=True, capture_output=True)
    return paths


def floor(python: Path, env: dict, n: int) -> float:
    with tempfile.TemporaryDirectory(prefix="jjj-floor-") as tmp:
        paths = floor_notebooks(Path(tmp), n, python)
        t = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
                 "--nbval", "--nbval-current-env", *map(str, paths)], Path(tmp), env,
                f"nbval floor: {n} import-only notebooks, -n 2")
        CPU["floor"] = CPU.popitem()[1]
        return t


# The groups of make test, by the test's module as JUnit XML names it (its classname: the dotted
# path, e.g. tests.test_site.TestChineseEdition, or notebooks.00_clean_figures.ipynb for nbval)
GROUPS = {
    "notebooks": "nbval: the notebooks, each edition once",
    "tests.test_site": "site: Sphinx builds, both editions in Chromium (axe)",
    "tests.test_lab": "JupyterLab in Chromium",
    "tests.test_fresh": "freshness (compares outputs)",
}
OTHER = "unit and other tests"


def time_by_group(junit: Path) -> dict[str, float]:
    """Seconds of test time (setup + call + teardown) per group of :data:`GROUPS`, from the
    JUnit XML of a pytest run."""
    sums = dict.fromkeys([*GROUPS.values(), OTHER], 0.0)
    for case in ET.parse(junit).iter("testcase"):
        name = case.get("classname", "")
        label = next((lab for key, lab in GROUPS.items()
                      if name == key or name.startswith(key + ".")), OTHER)
        sums[label] += float(case.get("time") or 0)
    return sums


def breakdown(junit: Path, wall: float, floor_s: float, workers: int = 2) -> None:
    """Print where a make test run's time went, in worker-seconds and in floors (a floor is
    ``floor_s`` of wall time on ``workers`` workers, so ``floor_s * workers`` worker-seconds)."""
    sums = time_by_group(junit)
    per_floor = floor_s * workers
    print(f"  where it went (test time summed over the {workers} workers; a floor is "
          f"{per_floor:.1f} worker-s)")
    for label, seconds in sums.items():
        print(f"    {label:<54} {seconds:6.1f} worker-s  {seconds / per_floor:5.2f} floors")
    rest = wall * workers - sum(sums.values())
    print(f"    {'outside tests: start, collection, waits, end':<54} {rest:6.1f} worker-s  "
          f"{rest / per_floor:5.2f} floors")


def verdict(seconds: float, target: float, floor_s: float) -> str:
    in_floors, target_floors = seconds / floor_s, target / PERF_FLOOR
    return (f"target <= {target:.0f} s ({'met' if seconds <= target else 'NOT met'}); "
            f"{in_floors:.2f} floors, target {target_floors:.2f} floors "
            f"({'met' if in_floors <= target_floors else 'NOT met'})")


def fresh_and_warm(tmp: Path, n_notebooks: int) -> float:
    env = clean_env(tmp)
    print("nbval floor of PERF.md (9 notebooks), with this .venv, for the absolute targets")
    floor0 = floor(Path(sys.executable), os.environ.copy(), PERF_NOTEBOOKS)
    repo = clone(tmp / "clone")
    print(f"\nfresh clone of HEAD, empty caches ({repo})")
    setup = run(["make", "venv"], repo, env, "make venv (uv bootstrap, uv pip sync, kernel)")
    report = run(["make", "report"], repo, env, "make report (pairs, notebooks, both editions' HTML)")
    total = setup + report
    print(f"  {'fresh clone to built report':<52} {total:7.1f} s   "
          + verdict(total, TARGET_FRESH, floor0))

    print("\nwarm make test against the nbval floor, same clone, same minutes")
    run(["make", "browser"], repo, env, "make browser (Playwright; chromium if missing)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    clone_python = repo / ".venv" / "bin" / "python"
    before = floor(clone_python, env, n_notebooks)
    cpu_before = CPU["floor"]
    junit = tmp / "make-test.xml"
    test = run(["make", "test"], repo, {**env, "PYTEST_ADDOPTS": f"--junitxml={junit}"},
               "make test (warm" + (", with Chromium)" if chromium else ", HTML test skipped)"),
               check=False)
    CPU["make test"] = CPU.popitem()[1]
    after = floor(clone_python, env, n_notebooks)
    base, cpu_base = (before + after) / 2, (cpu_before + CPU["floor"]) / 2
    print(f"  {'floor: mean of the runs before and after':<52} {base:7.1f} s  (CPU {cpu_base:6.1f} s)")
    ratio = test / base
    cpu_ratio = CPU["make test"] / cpu_base
    print(f"  {'ratio make test / floor, wall time':<52} {ratio:7.2f}     target <= {TARGET_RATIO} "
          f"({'met' if ratio <= TARGET_RATIO else 'NOT met'})")
    print(f"  {'ratio make test / floor, CPU time':<52} {cpu_ratio:7.2f}     (a slower machine "
          "stretches the wall times more than the CPU times; the CPU is the whole machine's busy "
          "time: run the benchmark on an otherwise idle machine)")
    if junit.exists():
        breakdown(junit, test, base)
    return floor0


def ci(tmp: Path, floor_s: float) -> None:
    env = clean_env(tmp)
    env.pop("UV_CACHE_DIR")  # a CI machine that ran before has uv's cache
    env["CI"] = "true"
    repo = clone(tmp / "ci")
    print("\n.ci/run on a fresh clone (uv cache warm, Chromium " +
          ("present)" if shutil.which("chromium") else "installed by it)"))
    t = run(["bash", ".ci/run"], repo, env, "bash .ci/run", check=False)
    print(f"  {'':<52} {'':7}     " + verdict(t, TARGET_CI, floor_s))


def extraction(copies: list[int]) -> None:
    from jjj.quantities import find_quantities

    article = config.RAW_ARTICLE.read_text(encoding="utf-8")
    print("\nextraction throughput (jjj.quantities.find_quantities, one process)")
    print(f"  {'copies':>7} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'figures/s':>10}")
    for n in copies:
        corpus = (article + "\n") * n
        mb = len(corpus.encode("utf-8")) / 1e6
        t0 = time.perf_counter()
        found = find_quantities(corpus)
        sec = time.perf_counter() - t0
        print(f"  {n:>7} {mb:>7.2f} {sec:>8.2f} {mb / sec:>7.2f} {len(found) / sec:>10,.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-fresh", action="store_true", help="no fresh clone, no make test")
    parser.add_argument("--skip-ci", action="store_true", help="no .ci/run")
    parser.add_argument("--skip-extraction", action="store_true")
    args = parser.parse_args()

    n = len(build.notebook_paths())
    with tempfile.TemporaryDirectory(prefix="jjj-bench-") as tmp:
        floor_s = fresh_and_warm(Path(tmp), n) if not args.skip_fresh else None
        if not args.skip_ci:
            if floor_s is None:
                floor_s = floor(Path(sys.executable), os.environ.copy(), PERF_NOTEBOOKS)
            ci(Path(tmp), floor_s)
    if not args.skip_extraction:
        extraction([100, 400, 1600])
    return 0


if __name__ == "__main__":
    sys.exit(main())
