"""``make bench`` (a script, never a timed test). In a fresh clone of HEAD with empty caches:
``make venv`` and ``make report`` (target: 60 s and 5 floors together), ``make report`` again with
nothing changed (target: 1 floor) and with one area notebook edited (target: 2 floors),
``make browser``, a warm ``make test`` (target: 9 floors); then the extractor
(``tools/bench_extract.py``). The machine's
speed varies, so times are also given in floors: 10 notebooks that only import pandas, matplotlib
and seaborn and save a chart, ``pytest -n 2 --nbval`` with the project's kernels over Unix sockets
(``jjj.nbval_kernels``), the mean of a run before and after the test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from jjj import build, config

FLOOR_CODE = """import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
fig, ax = plt.subplots()
fig.savefig("floor-{i}.png")
plt.close(fig)"""


def timed(label: str, cmd: list[str], cwd: Path, env: dict) -> float:
    """Wall time of a command, printed with the CPU time it and the processes it waited for used
    (user and system; a process nobody waits for is not counted): two cores can at best share it
    out, half of it in wall time. A failure stops the benchmark with the output's tail."""
    t0, cpu0 = time.perf_counter(), _children_cpu()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{(done.stdout + done.stderr)[-3000:]}")
    print(f"  {label:<46} {seconds:6.1f} s  (CPU {cpu:6.1f} s)", flush=True)
    return seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the processes waited for, and theirs
    return usage.ru_utime + usage.ru_stime


def floor(python: Path, folder: Path, env: dict) -> float:
    folder.mkdir(exist_ok=True)
    for i in range(10):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE.format(i=i))])
        nb.metadata["kernelspec"] = dict(build.KERNELSPEC)
        nbformat.write(nb, folder / f"floor_{i:02d}.ipynb")
    return timed("nbval floor: 10 import-only notebooks, -n 2",
                 [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "jjj.nbval_kernels",
                  "-n", "2", "--nbval", "--nbval-current-env", str(folder)], folder, env)


def edit_one(repo: Path) -> Path:
    """An analyst's edit: a comment added to the first code cell of the first area notebook."""
    text = sorted((repo / "notebooks").glob("*/0[1-8]_*.md"))[0]
    source = text.read_text("utf-8")
    text.write_text(source.replace("```{code-cell} ipython3\n", "```{code-cell} ipython3\n# an edit\n", 1),
                    "utf-8")
    return text


def verdict(label: str, value: float, target: float, unit: str = "") -> None:
    print(f"  {label:<46} {value:6.2f}{unit}  target <= {target}{unit}: "
          f"{'met' if value <= target else 'NOT met'}")


def main() -> int:
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    with tempfile.TemporaryDirectory(prefix="jjj-bench-") as tmp:
        tmp, repo = Path(tmp), Path(tmp) / "clone"
        # a new user's environment: empty caches, no JJJ_* or pytest variables, no venv, no make
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JJJ_", "PYTEST_", "VIRTUAL_ENV", "MAKE", "MFLAGS"))}
        env |= {"UV_CACHE_DIR": str(tmp / "uv"), "PIP_NO_CACHE_DIR": "1",
                "XDG_CACHE_HOME": str(tmp / "cache")}
        subprocess.run(["git", "clone", "--quiet", str(config.PROJECT), str(repo)], check=True)
        print(f"fresh clone of HEAD, empty caches ({repo})")
        setup = timed("make venv (uv, the lock, the kernel)", ["make", "venv"], repo, env)
        report = timed("make report (both editions, both sites)", ["make", "report"], repo, env)
        unchanged = timed("make report again, nothing changed", ["make", "report"], repo, env)
        edited = edit_one(repo)
        one = timed(f"make report, {edited.name} edited", ["make", "report"], repo, env)
        subprocess.run(["git", "checkout", "--quiet", "--", "notebooks"], cwd=repo, check=True)
        subprocess.run(["make", "report"], cwd=repo, env=env, check=True, capture_output=True)
        timed("make browser (Playwright; chromium if missing)", ["make", "browser"], repo, env)
        python = repo / ".venv" / "bin" / "python"
        before = floor(python, tmp / "floor", env)
        test = timed("make test (warm, with the browser)", ["make", "test"], repo, env)
        after = floor(python, tmp / "floor", env)
    base = (before + after) / 2
    print(f"\n  {'floor (mean of the two)':<46} {base:6.1f} s")
    verdict("fresh clone to both editions", setup + report, 60, " s")
    verdict("fresh clone to both editions / floor", (setup + report) / base, 5)
    verdict("make report, nothing changed / floor", unchanged / base, 1)
    verdict("make report, one area notebook edited / floor", one / base, 2)
    verdict("warm make test / floor", test / base, 9)
    print(f"load average at end: {os.getloadavg()[0]:.2f}\n", flush=True)
    return subprocess.run([sys.executable, str(Path(__file__).with_name("bench_extract.py"))]).returncode


if __name__ == "__main__":
    sys.exit(main())
