"""The extractor on real news text (a script, never a timed test; ``make bench`` runs it).

1. Precision and recall per script on tests/extract_cases/news_cases.csv (sentences after real
   news pages, simplified and traditional, with the rows a reader expects; target ≥ 95 %).
2. CPU time of ``find_quantities`` (caches emptied) against one regular expression for numerals
   on the article 1600 times, 10 MB of news-like prose and 5 MB of a statistical bulletin: the
   median ratio of back-to-back rounds (target ≤ 30), then MB/s on growing parts (linear).
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

from jjj import config, quantities
from jjj.extract import score

clock = time.process_time  # on a shared machine CPU time varies less than wall time
FLOOR = re.compile("[0-9０-９零〇一二两三四五六七八九十百千万亿]+")
TARGET, TARGET_SCORE = 30, 0.95
CASES = Path(__file__).resolve().parent.parent / "tests" / "extract_cases" / "news_cases.csv"
PROSE = ("社会组织", "协同发展", "积极参与", "推动", "服务平台", "基层治理", "公益项目", "产业升级",
         "据了解", "与此同时", "相关部门表示", "在此基础上", "进一步", "一批", "签约", "拉近了距离",
         "今年以来", "记者从会上获悉", "持续深化", "高质量发展", "京津冀", "全国", "企业", "市场主体")
LATIN = ("GDP", "CPI", "the report says", "Beijing", "Q3", "ID: A-17", "www.example.cn", "PM2.5")
# the common forms ten times as often as each rare one
COMMON = ("{n}家", "约{d}亿元", "{n}多个", "{s}%", "{y}年{u}月", "{n}万", "近{s}个", "超过{n}人",
          "{d}个百分点", "{c}万人次", "{n}元", "{s}.{u}%", "{n}人")
RARE = ("不足{s}%", "{s}%—{t}%", "百分之{c}", "{a}到{b}万元", "从{n}到{s}万港元", "{s}~{t}k", "三五百",
        "几十万", "十几块", "上千", "成千上万", "{c}百万", "两个亿", "{d}亿", "壹万贰仟叁佰肆拾伍元",
        "人民币{n}元", "{s}美元", "十块三毛", "{s}元{u}角{u}分", "一吨半", "三分之一", "{u}成", "八五折",
        "负{s}", "约合人民币{d}亿元", "至少{n}人", "最多{s}个", "{n}家（含）以上", "{y}-0{u}-1{u}",
        "近三年", "十年来", "第{c}届", "“百家行”", "{s}、{t}、{n}万元", "七八百人", "約{s}萬個",
        "{y}年至{y}年", "过万", "{s}时", "五大任务", "2.{u}万余人")
FORMS = COMMON * 10 + RARE
BULLETIN = ("全年国内生产总值", "比上年增长", "第一产业增加值", "社会消费品零售总额", "同比下降",
            "占全部比重", "年末常住人口", "城镇化率为", "全国居民人均可支配收入", "规模以上工业增加值",
            "其中", "合计", "全年粮食产量", "货物进出口总额", "比上年末增加")


def fill(rng: random.Random, form: str) -> str:
    s = rng.randint(1, 99)
    return form.format(n=rng.randint(1, 9999), s=s, t=s + rng.randint(1, 50), u=rng.randint(1, 9),
                       d=f"{rng.uniform(1, 99):.2f}", c=rng.choice("一二三四五六七八九"),
                       a=rng.choice("一二三四"), b=rng.choice("五六七八九"), y=rng.randint(1990, 2030))


def news_like(size: int, dense: bool, seed: int) -> str:
    """Prose with a number every 40 characters or so, or a bulletin (``dense``): one every 12."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        if dense:
            piece = rng.choice(BULLETIN) + fill(rng, rng.choice(FORMS)) + rng.choice("，、；。\n")
        else:
            roll = rng.random()
            piece = (fill(rng, rng.choice(FORMS)) if roll < 0.1 else f" {rng.choice(LATIN)} "
                     if roll < 0.14 else rng.choice(PROSE))
            piece += rng.choice("，，，。、；\n") if rng.random() < 0.2 else ""
        parts.append(piece)
        total += len(piece.encode("utf-8"))
    return "".join(parts)


def timed(fn, text: str) -> float:
    quantities._CACHE.clear()
    quantities.parse_number.cache_clear()
    t0 = clock()
    fn(text)
    return clock() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="size factor of the texts")
    args = parser.parse_args()

    print(f"extractor on real news text ({CASES.name}): target ≥ {TARGET_SCORE:.0%}")
    worst_score = 1.0
    for script, (right, found, expected) in score(CASES).items():
        p, r = right / found, right / expected
        worst_score = min(worst_score, p, r)
        print(f"  {script:<12} precision {p:6.1%} ({right}/{found})  recall {r:6.1%} "
              f"({right}/{expected})")

    article = config.RAW_ARTICLE.read_text(encoding="utf-8")
    texts = {"article": (article + "\n") * max(1, round(1600 * args.scale)),
             "mixed": news_like(int(10e6 * args.scale), False, 1),
             "dense": news_like(int(5e6 * args.scale), True, 2)}
    print(f"\nspeed against the floor (re.findall {FLOOR.pattern}), CPU time")
    print(f"  {'text':<8} {'MB':>6} {'rows':>9} {'extract MB/s':>12} {'floor MB/s':>10} {'ratio':>6}")
    worst = 0.0
    for name, text in texts.items():
        mb = len(text.encode("utf-8")) / 1e6
        runs = [(timed(FLOOR.findall, text), timed(quantities.find_quantities, text))
                for _ in range(args.repeat)]
        ratio = statistics.median(ours / base for base, ours in runs)
        worst = max(worst, ratio)
        print(f"  {name:<8} {mb:>6.2f} {len(quantities.find_quantities(text)):>9,} "
              f"{mb / min(o for _, o in runs):>12.2f} {mb / min(b for b, _ in runs):>10.1f} "
              f"{ratio:>5.1f}×")
    print(f"  worst ratio {worst:.1f}× (target ≤ {TARGET}×): {'OK' if worst <= TARGET else 'TOO SLOW'}")
    parts = [texts["mixed"][: int(len(texts["mixed"]) * f)] for f in (0.25, 0.5, 1.0)]
    rates = [len(p.encode()) / 1e6 / min(timed(quantities.find_quantities, p)
                                         for _ in range(args.repeat)) for p in parts]
    print("\nlinear in the size (mixed text, MB/s of a quarter, a half, all):",
          " ".join(f"{r:.2f}" for r in rates))
    print("one run of 一 or of digits (unparsed), seconds for 10,000 and 100,000 characters:", " ".join(
        f"{c}×{n:,} {min(timed(quantities.find_quantities, c * n) for _ in range(args.repeat)):.3f}"
        for c in "一7" for n in (10_000, 100_000)))
    peak = memory_of_a_large_file(texts["mixed"], int(50e6 * args.scale))
    print(f"\nmemory: python -m jjj.extract on a {50 * args.scale:.0f} MB file, peak resident "
          f"{peak:.0f} MB (target ≤ {MEMORY_TARGET} MB): {'OK' if peak <= MEMORY_TARGET else 'TOO MUCH'}")
    return 0 if worst <= TARGET and worst_score >= TARGET_SCORE and peak <= MEMORY_TARGET else 1


MEMORY_TARGET = 500  # MB of a 50 MB input: the extractor reads and writes a block at a time


def memory_of_a_large_file(text: str, size: int) -> float:
    """Peak resident memory, in MB, of the command on a file of ``size`` bytes (``text``
    repeated), its rows written to a file."""
    import resource
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        chunk = text.encode("utf-8")
        with big.open("wb") as fh:
            for _ in range(max(1, size // len(chunk))):
                fh.write(chunk)
        subprocess.run([sys.executable, "-m", "jjj.extract", str(big), "-o", str(Path(tmp) / "out.csv")],
                       check=False, stderr=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
