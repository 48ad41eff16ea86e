"""Benchmarks (a script, never a timed test): `make bench`.

1. The strict nbval run over every notebook, next to its floor: as many notebooks that only
   import pandas, matplotlib and seaborn and save one empty figure, run the same way. Prints
   both wall times and their ratio (target: at most 1.3), with pytest-xdist (-n 2) and without.
2. `make report` from a warm .venv (execution + HTML rendering).
3. Extraction throughput of jjj.quantities on a synthetic corpus of many copies of the article,
   at three sizes, to show that time grows linearly (MB/s and figures/s; target >= 5 MB/s).

Usage: python tools/bench.py [--repeat N] [--skip-report]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from jjj import build, config
from jjj.quantities import find_quantities

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


def wall(cmd: list[str], repeat: int, env: dict | None = None) -> float:
    """Best wall time of ``repeat`` runs; fails loudly if the command fails."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = subprocess.run(cmd, cwd=config.ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if result.returncode != 0:
            sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{result.stdout[-3000:]}")
        best = min(best, elapsed)
    return best


def floor_notebooks(folder: Path, n: int) -> None:
    """n notebooks that only import the libraries and save an empty figure, executed once."""
    for i in range(n):
        nb = new_notebook(cells=[new_code_cell(FLOOR_CODE.format(i=i))])
        nb.cells[0].id = "floor"
        nb.metadata = {"kernelspec": dict(build.KERNELSPEC), "language_info": {"name": "python"}}
        path = folder / f"floor_{i:02d}.ipynb"
        nbformat.write(nb, path)
        path.write_text(nbformat.writes(build.execute(path)) + "\n", encoding="utf-8")


def nbval(paths: list[Path], workers: int, repeat: int, env: dict) -> float:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
           "--nbval-current-env", *([] if workers < 2 else ["-n", str(workers), "--dist",
                                                             "loadscope"]),
           *map(str, paths)]
    return wall(cmd, repeat, env)


def extraction(copies: list[int]) -> None:
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
    parser.add_argument("--repeat", type=int, default=2, help="runs per timing (best is kept)")
    parser.add_argument("--skip-report", action="store_true")
    args = parser.parse_args()

    notebooks = build.notebook_paths()
    with tempfile.TemporaryDirectory(prefix="jjj-bench-") as tmp:
        env = os.environ | {"JJJ_OUT": str(Path(tmp) / "out")}
        floor = Path(tmp) / "floor"
        floor.mkdir()
        floor_notebooks(floor, len(notebooks))
        floors = sorted(floor.glob("*.ipynb"))
        print(f"strict nbval over {len(notebooks)} notebooks vs the floor "
              f"({len(floors)} notebooks that import pandas/matplotlib/seaborn, save one figure)")
        for workers in (2, 1):
            ours = nbval(notebooks, workers, args.repeat, env)
            base = nbval(floors, workers, args.repeat, env)
            label = "-n 2 (xdist)" if workers == 2 else "sequential"
            print(f"  {label:<13} notebooks {ours:6.1f} s   floor {base:6.1f} s   "
                  f"ratio {ours / base:4.2f}")

    if not args.skip_report:
        t = wall([sys.executable, "-m", "jjj.build", "report"], 1)
        print(f"\nmake report (warm .venv: execute {len(notebooks)} notebooks, render HTML): "
              f"{t:.1f} s")

    extraction([100, 400, 1600])
    return 0


if __name__ == "__main__":
    sys.exit(main())
