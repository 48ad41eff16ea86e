"""Extraction throughput against its floor (a script, never a timed test).

The floor is a bare scan of the same text with one regular expression for numerals,
``[0-9０-９零〇一二两三四五六七八九十百千万亿]+``, in the same process and run. Three texts:

1. ``article``: 1600 copies of data/raw/article.txt (about 9.3 MB);
2. ``mixed``: about 10 MB of news-like prose with Latin words and, every 40 characters or so, a
   number in one of the forms the parser reads (most of them distinct);
3. ``dense``: about 5 MB of a statistical bulletin: a number every 12 characters or so.

Prints MB/s of the extractor (``jjj.quantities.find_quantities``, caches emptied before each
run) and of the floor (best CPU time of the runs), and the median of their ratios over rounds
that time both one right after the other (target: at most 30, goal 10); then the extractor's
MB/s on a quarter, a half and the whole mixed text, to show that the cost is linear in the size.

Usage: python tools/bench_extract.py [--repeat N] [--scale F]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time

from jjj import config, quantities
from jjj.quantities import find_quantities

# CPU time of this process: on a shared machine it varies less than wall time, and both rates
# of a ratio are measured the same way.
clock = time.process_time

FLOOR = re.compile("[0-9０-９零〇一二两三四五六七八九十百千万亿]+")
TARGET, GOAL = 30, 10

PROSE = ("社会组织", "协同发展", "积极参与", "推动", "服务平台", "基层治理", "公益项目", "产业升级",
         "据了解", "与此同时", "相关部门表示", "在此基础上", "进一步", "一批", "签约", "拉近了距离",
         "今年以来", "记者从会上获悉", "持续深化", "高质量发展", "京津冀", "全国", "企业", "市场主体")
LATIN = ("GDP", "CPI", "the report says", "Beijing", "Q3", "ID: A-17", "www.example.cn", "PM2.5")
# Forms as news uses them: the common ones (an exact count, 约, 多, a percentage, a date) ten
# times as often as each rare one.
COMMON = ("{n}家", "约{d}亿元", "{n}多个", "{s}%", "{y}年{u}月", "{n}万", "近{s}个", "超过{n}人",
          "{d}个百分点", "{c}万人次", "{n}元", "{s}.{u}%", "{n}人")
RARE = (
    "不足{s}%", "{s}%—{t}%", "百分之{c}", "{a}到{b}万元", "从{n}到{s}万港元", "{s}~{t}k", "三五百",
    "几十万", "十几块", "上千", "成千上万", "{c}百万", "两个亿", "{d}亿", "壹万贰仟叁佰肆拾伍元",
    "人民币{n}元", "{s}美元", "十块三毛", "{s}元{u}角{u}分", "一吨半", "三分之一", "{u}成", "八五折",
    "负{s}", "约合人民币{d}亿元", "至少{n}人", "最多{s}个", "{n}家（含）以上", "{y}-0{u}-1{u}",
    "近三年", "十年来", "第{c}届", "“百家行”", "{s}、{t}、{n}万元", "七八百人",
)
NUMBERS = COMMON * 10 + RARE


def _fill(rng: random.Random, form: str) -> str:
    s = rng.randint(1, 99)
    return form.format(
        n=rng.randint(1, 9999), s=s, t=s + rng.randint(1, 50), d=f"{rng.uniform(1, 99):.2f}",
        c=rng.choice("一二三四五六七八九"), a=rng.choice("一二三四"), b=rng.choice("五六七八九"),
        u=rng.randint(1, 9), y=rng.randint(1990, 2030))


def mixed_text(size: int, seed: int = 1) -> str:
    """News-like prose: a number every 40 characters or so, Latin words, line breaks."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        roll = rng.random()
        if roll < 0.1:
            piece = _fill(rng, rng.choice(NUMBERS))
        elif roll < 0.14:
            piece = " " + rng.choice(LATIN) + " "
        else:
            piece = rng.choice(PROSE)
        piece += rng.choice("，，，。、；\n") if rng.random() < 0.2 else ""
        parts.append(piece)
        total += len(piece.encode("utf-8"))
    return "".join(parts)


BULLETIN = ("全年国内生产总值", "比上年增长", "第一产业增加值", "社会消费品零售总额", "同比下降",
            "占全部比重", "年末常住人口", "城镇化率为", "全国居民人均可支配收入", "规模以上工业增加值",
            "其中", "合计", "全年粮食产量", "货物进出口总额", "比上年末增加")


def dense_text(size: int, seed: int = 2) -> str:
    """A statistical bulletin: a number every 12 characters or so, short labels between."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        piece = rng.choice(BULLETIN) + _fill(rng, rng.choice(NUMBERS)) + rng.choice("，、；。\n")
        parts.append(piece)
        total += len(piece.encode("utf-8"))
    return "".join(parts)


def timed(fn, text: str) -> tuple[float, int]:
    """CPU time of fn(text), the extractor's caches emptied first."""
    quantities._CACHE.clear()
    quantities.parse_number.cache_clear()
    t0 = clock()
    found = fn(text)
    return clock() - t0, found


def compare(text: str, repeat: int) -> tuple[float, float, float, int]:
    """Best extractor and floor times and the median of their ratios over ``repeat`` rounds.

    Each round times the floor and the extractor one right after the other, so that a ratio
    compares runs made under the same load of the machine.
    """
    ours, bases, ratios, rows = [], [], [], 0
    for _ in range(repeat):
        base, _ = timed(floor_scan, text)
        sec, rows = timed(extractor, text)
        ours.append(sec)
        bases.append(base)
        ratios.append(sec / base)
    return min(ours), min(bases), statistics.median(ratios), rows


def floor_scan(text: str) -> int:
    return len(FLOOR.findall(text))


def extractor(text: str) -> int:
    return len(find_quantities(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="size factor of the texts")
    args = parser.parse_args()

    article = config.RAW_ARTICLE.read_text(encoding="utf-8")
    texts = {
        "article": (article + "\n") * max(1, round(1600 * args.scale)),
        "mixed": mixed_text(int(10e6 * args.scale)),
        "dense": dense_text(int(5e6 * args.scale)),
    }
    print("extraction (jjj.quantities.find_quantities) vs the floor "
          f"(re.findall {FLOOR.pattern}); CPU time, best of {args.repeat} runs, median ratio "
          "of back-to-back runs")
    print(f"  {'text':<8} {'MB':>6} {'rows':>9} {'rows/KB':>7} {'extract MB/s':>12} "
          f"{'floor MB/s':>10} {'ratio':>6}")
    worst = 0.0
    for name, text in texts.items():
        mb = len(text.encode("utf-8")) / 1e6
        ours, base, ratio, rows = compare(text, args.repeat)
        worst = max(worst, ratio)
        print(f"  {name:<8} {mb:>6.2f} {rows:>9,} {rows / mb / 1000:>7.1f} {mb / ours:>12.2f} "
              f"{mb / base:>10.1f} {ratio:>5.1f}×")
    print(f"  worst ratio {worst:.1f}× (target ≤ {TARGET}×, goal ≤ {GOAL}×): "
          f"{'OK' if worst <= TARGET else 'TOO SLOW'}")

    mixed = texts["mixed"]
    print("\nlinear in the size (mixed text, extractor only)")
    print(f"  {'fraction':>8} {'MB':>6} {'seconds':>8} {'MB/s':>7}")
    for fraction in (0.25, 0.5, 1.0):
        part = mixed[: int(len(mixed) * fraction)]
        mb = len(part.encode("utf-8")) / 1e6
        sec = min(timed(extractor, part)[0] for _ in range(args.repeat))
        print(f"  {fraction:>8.2f} {mb:>6.2f} {sec:>8.2f} {mb / sec:>7.2f}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
