"""Find the quantities in running Chinese text, with bounds.

``find_quantities(text)`` returns one :class:`Quantity` per number in the text: Arabic digits
(ASCII or full-width, with decimals and thousands separators), Chinese numerals (parsed by cn2an),
magnitude words (万, 亿) and their mixtures, with the measure word or unit that follows and the
qualifier around them. Character offsets index the ``str`` (not bytes): ``text[q.start:q.end]``
is ``q.surface``.

Bounds convention (README, "Approximate figures are ranges"). Let ``u`` be the place value of the
last non-zero digit of the stated number, in base units (``6300`` → 100, ``280万`` → 10万,
``21.88亿`` → 0.01亿, ``千`` → 1000):

=====================================  ===================  =====================================
form                                   bounds               example
=====================================  ===================  =====================================
exact ``N`` (also after 达, 共)          [N, N]               ``645家`` → [645, 645]
``N多``, ``N余``, ``超过/逾/超N``, ``N以上``   [N, N + u)           ``6300多家`` → [6300, 6400)
``N万多`` (多 after the magnitude word)  [N, N + 1 magnitude) ``10万多`` → [100000, 110000)
``不足/不到N``, ``N以下``                  [N − u, N)           ``不足300`` → [200, 300)
``约/大约N``, ``N左右``, ``N上下``          [N − u/2, N + u/2]   ``约300家`` → [250, 350]
``近/将近/接近N``                         [N − u/2, N)         ``近30个`` → [25, 30)
``A—B``, ``A至B``, ``三四个``             [A, B]               value is the midpoint
``几十``/``数十``, ``十几``              [20, 100), [11, 20)  value is the midpoint
``百分之三十``, ``30%``, ``三成``         percent, value 30    unit ``%``
=====================================  ===================  =====================================

``high`` is a supremum: for 多/余/近/不足 it is not attained. Values are in base units (元, 人次,
家): never scaled by 万 or 亿. The point ``value`` is the stated number (the midpoint for ranges
and vague numbers).

Not quantities: 达 and 共 only emphasise; 一批, 进一步, 首批, 一张图 … are words; 签约 and 拉近
hold 约 and 近 without qualifying anything. Numbers inside “…” or 《…》 get ``kind='name'`` (a
campaign or title such as 百家社会组织雄安行), and 三地, 三省市 get ``kind='name'`` too: they
name the three regions. Dates (``2014年2月``, ``2024-04-19``) get ``kind='date'``; ``近三年``,
``十年来`` get ``kind='window'`` (a span before the publication date), ``十年`` alone is a
``duration``, 第三届 is an ``ordinal``. A bare four-digit number from 1900 to 2099 with nothing to
count (2024京津冀教育协同发展论坛) is read as a year (``kind='date'``). A bare Chinese numeral with
no measure word (三 in 三中全会) is not reported at all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from decimal import Decimal

import cn2an

CN_DIGIT = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_UNIT = "十百千拾佰仟"
CN_CHARS = CN_DIGIT + CN_UNIT + "万亿"
ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
CHINESE = f"[{CN_CHARS}]+"

# Measure words and units, longest first. Compound units carry their magnitude (万人次 = 10^4 人次).
UNITS = sorted(
    """家 个 项 名 人次 人 位 户 元 美元 所 座 件 条 份 场 次 届 批 类 种 款 部 台 辆 架 只 头
    处 间 套 篇 本 张 册 枚 支 股 棵 株 道 县 区 市 省 镇 乡 村 天 周 月 年 岁 倍 小时 分钟 秒
    公斤 千克 克 吨 斤 公里 千米 米 平方米 平方公里 公顷 亩 立方米 升 千瓦 瓦 度 兆瓦 字 页 例
    床 亿元 万元 千元 万人次 万人 亿人次 个百分点 百分点""".split(),
    key=len,
    reverse=True,
)
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}

# Words that contain a numeral but state no quantity, matched at the numeral's position.
NON_COUNT_WORDS = (
    "一批", "一张图", "一起", "一道", "一些", "一系列", "一次性", "一条龙", "一揽子", "一把手",
    "一线", "一体", "一致", "一流", "一定", "一直", "一般", "一样", "一切", "一方面", "一站式",
    "一带一路", "一心", "一成不变", "进一步", "统一", "唯一", "之一", "同一", "万一", "千万",
    "百姓", "十分", "万众", "三五成群", "一下", "一手", "一方", "一度", "一时",
)
REGION_NAMES = ("三地", "三省市", "三省", "两地", "三方")

# 约 / 近 preceded by these characters belong to a word (签约, 拉近 ...), not to a number.
YUE_WORDS = "签节制合公条契预相邀违履特简婚誓租"
JIN_WORDS = "拉附亲靠邻贴走逼就远"

# Qualifiers before a number (约占 is 约: "about … of the total").
QUALIFIERS = (rf"大约|(?<![{YUE_WORDS}])约占|(?<![{YUE_WORDS}])约|将近|接近|(?<![{JIN_WORDS}])近|"
              r"超过|逾|超|不足|不到")
PREFIX = rf"(?P<pre>{QUALIFIERS})?"
NUM = rf"(?:{ARABIC}|{CHINESE})"

# Every match starts with one of these characters: a cheap first test at each position lets
# the regular expression skip the rest of the text fast.
STARTS = "0-9０-９" + CN_CHARS + "约大将接近超逾不最过前百"
PATTERN = re.compile(
    f"(?=[{STARTS}])(?:" + "|".join(
        [
            # 2024-04-19 (14:15)
            r"(?P<iso>(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))(?:\s+(?P<hm>[0-9]{1,2}:[0-9]{2}))?",
            # 2014年2月, 2024年4月19日, 2024年, 二〇二四年
            rf"(?P<year>(?<![0-9])[0-9]{{4}}|[{CN_DIGIT}]{{4}})年(?:(?P<month>{NUM})月(?:(?P<day>{NUM})日)?)?",
            # 4月19日
            rf"(?P<md_m>(?<![0-9]){NUM})月(?P<md_d>{NUM})日",
            # windows: 近三年, 最近3年, 过去十年, 十年来, 十年以来
            rf"(?P<wpre>(?<![{JIN_WORDS}])近|最近|过去|前)(?P<wnum>{NUM})(?:个)?年(?:来|以来|间|内)?",
            rf"(?P<wnum2>{NUM})(?:个)?年(?P<wpost>以来|来)",
            # percentages: 百分之三十, 30%, 三成
            rf"(?P<pctq>{QUALIFIERS})?(?P<pctpre>百分之)(?P<pctnum>{NUM})",
            rf"(?P<pctq2>{QUALIFIERS})?(?P<pctnum2>{ARABIC})\s?[%％]",
            rf"(?P<chengnum>[{CN_DIGIT}]|[0-9])成(?![为员立功本果长就绩熟])",
            # everything else: prefix, number (list, range or single), 多/余, magnitude, unit, suffix
            PREFIX
            + rf"(?P<num>{NUM}(?:\s*(?:—|–|-|~|～|至|到)\s*{NUM})?)"
            + r"(?P<more>多|余|来)?(?P<mag>万亿|万|亿)?(?P<more2>多|余)?"
            + r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + ")?"
            + r"(?P<suf>以上|以下|左右|上下)?",
        ]
    ) + ")"
)
DURATION_UNITS = {"年", "天", "周", "小时", "分钟", "秒"}
# A bare four-digit number from 1900 to 2099 with nothing to count (2024京津冀教育协同发展论坛) is a year.
YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
RANGE_SEP = re.compile(r"\s*(?:—|–|-|~|～|至|到)\s*")


class ParseError(ValueError):
    """A phrase that looks like a number but cannot be read as one."""


@dataclass(frozen=True)
class Quantity:
    surface: str
    kind: str  # count | percent | date | time | window | duration | ordinal | name
    value: float | int | None
    low: float | int | None
    high: float | int | None
    unit: str
    qualifier: str
    window: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = [f.name for f in fields(Quantity)]


@functools.lru_cache(maxsize=4096)
def parse_number(token: str) -> Decimal:
    """One number without qualifier: ``6300``, ``２１.８８``, ``1,000``, ``千``, ``两百``, ``三万五千``."""
    token = unicodedata.normalize("NFKC", token).replace(",", "")
    if not token:
        raise ParseError("empty number")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", token):
        return Decimal(token)
    if token[0] in "十百千万亿拾佰仟":
        token = "一" + token  # 千余家 = 一千余家
    try:
        return Decimal(str(cn2an.cn2an(token, "normal")))
    except (ValueError, KeyError) as err:
        raise ParseError(f"cannot read {token!r} as a number: {err}") from None


def place(n: Decimal) -> Decimal:
    """The step of the last digit the writer gave: 6300 → 100, 1000 → 1000, 21.88 → 0.01.

    Whole numbers: the place of the last non-zero digit. Decimals: the last written decimal, a
    trailing zero included (0.10 is stated to the 0.01).
    """
    if n == 0:
        return Decimal(1)
    exponent = n.as_tuple().exponent
    if exponent >= 0:
        exponent = n.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent)


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


VAGUE = {  # vague numbers: (low, high-supremum), before the magnitude word
    "几十": (20, 100), "数十": (20, 100), "十几": (11, 20), "几百": (200, 1000),
    "数百": (200, 1000), "几千": (2000, 10000), "数千": (2000, 10000), "上百": (100, 200),
    "上千": (1000, 2000),
}
VAGUE_RE = re.compile(r"(?P<v>几十|数十|十几|几百|数百|几千|数千|上百|上千)(?P<mag>万|亿)?(?P<more>多|余)?"
                      r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + ")")
ADJACENT = "一二三四五六七八九"


def _adjacent_pair(core: str) -> tuple[Decimal, Decimal] | None:
    """三四 → (3, 4); 五六十 → (50, 60); 七八百 → (700, 800)."""
    m = re.fullmatch(f"([{ADJACENT}])([{ADJACENT}])([十百千]?)", core)
    if not m or ADJACENT.index(m.group(2)) != ADJACENT.index(m.group(1)) + 1:
        return None
    scale = Decimal(MAGNITUDES.get(m.group(3), 1))
    return (Decimal(ADJACENT.index(m.group(1)) + 1) * scale,
            Decimal(ADJACENT.index(m.group(2)) + 1) * scale)


def _split_unit(unit: str) -> tuple[str, Decimal]:
    """亿元 → (元, 10^8); 万人次 → (人次, 10^4); 家 → (家, 1)."""
    for mag in ("万亿", "亿", "万", "千"):
        if unit.startswith(mag) and len(unit) > len(mag):
            return unit[len(mag):], Decimal(MAGNITUDES[mag])
    return unit, Decimal(1)


def _bounds(n: Decimal, u: Decimal, qualifier: str) -> tuple[Decimal, Decimal]:
    if qualifier in ("多", "余", "超过", "逾", "超", "以上"):
        return n, n + u
    if qualifier in ("不足", "不到", "以下"):
        return n - u, n
    if qualifier in ("约", "大约", "左右", "上下"):
        return n - u / 2, n + u / 2
    if qualifier in ("近", "将近", "接近"):
        return n - u / 2, n
    return n, n


def _qualifier(word: str) -> str:
    return "约" if word == "约占" else word


def _in_quotes(text: str, pos: int) -> bool:
    """Is ``pos`` inside “…” or 《…》 on its line (a name, a title)?"""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


# For each numeral character, the words that hold it and where: 一 → [("一批", 0), ("进一步", 1) …]
_WORDS_BY_CHAR: dict[str, list[tuple[str, int]]] = {}
for _word in NON_COUNT_WORDS:
    for _i, _char in enumerate(_word):
        _WORDS_BY_CHAR.setdefault(_char, []).append((_word, _i))


def _is_word(text: str, pos: int) -> bool:
    """Does a word of NON_COUNT_WORDS cover the numeral at ``pos`` (一批, 进一步 ...)?"""
    return any(
        pos >= i and text.startswith(word, pos - i)
        for word, i in _WORDS_BY_CHAR.get(text[pos], ())
    )


def _window_label(years: Decimal) -> str:
    return f"P{_num(years)}Y"


def _date(m: re.Match) -> tuple[str, str]:
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        if m.group("hm"):
            return "time", f"{iso}T{m.group('hm').zfill(5)}"
        return "date", iso
    if m.group("year"):
        iso = f"{int(parse_number(m.group('year'))):04d}"
        if m.group("month"):
            iso += f"-{int(parse_number(m.group('month'))):02d}"
            if m.group("day"):
                iso += f"-{int(parse_number(m.group('day'))):02d}"
        return "date", iso
    return "date", f"--{int(parse_number(m.group('md_m'))):02d}-{int(parse_number(m.group('md_d'))):02d}"


def _quantity(text: str, m: re.Match) -> Quantity | None:
    start, end = m.span()
    g = m.groupdict()
    if g["iso"] or g["year"] or g["md_m"]:
        kind, iso = _date(m)
        return Quantity(m.group(0), kind, None, None, None, "", "", iso, start, end)
    if g["wnum"] or g["wnum2"]:
        years = parse_number(g["wnum"] or g["wnum2"])
        y = _num(years)
        return Quantity(m.group(0), "window", y, y, y, "年", "", _window_label(years), start, end)
    if g["pctnum"] or g["pctnum2"] or g["chengnum"]:
        if g["chengnum"]:
            n = parse_number(g["chengnum"]) * 10  # 三成 = 30%
        else:
            n = parse_number(g["pctnum"] or g["pctnum2"])
        qualifier = _qualifier(g["pctq"] or g["pctq2"] or "")
        low, high = _bounds(n, place(n), qualifier)
        return Quantity(m.group(0), "percent", _num(n), _num(low), _num(high), "%", qualifier, "",
                        start, end)

    # A plain number: trim a leading qualifier off the surface when it names a word instead.
    num_start = m.start("num")
    core = g["num"]
    if not re.search(r"[0-9０-９]", core) and _is_word(text, num_start):
        return None
    for name in REGION_NAMES:
        if text.startswith(name, num_start):
            n = parse_number(name[0])
            return Quantity(name, "name", _num(n), _num(n), _num(n), name[1:], "", "",
                            num_start, num_start + len(name))
    unit = g["unit"] or ""
    if not unit and not g["mag"] and not re.search(r"[0-9０-９]", core):
        return None  # a bare Chinese numeral (三, 十) with nothing to count is not a figure
    base_unit, unit_mag = _split_unit(unit)
    if base_unit == "个百分点":
        base_unit = "百分点"  # 6.1个百分点: percentage points
    mag = Decimal(MAGNITUDES[g["mag"]]) if g["mag"] else Decimal(1)
    scale = mag * unit_mag
    qualifier = _qualifier(g["pre"] or g["more"] or g["more2"] or g["suf"] or "")
    if qualifier == "来":
        qualifier = "多"  # 十来个 ≈ 十多个
    parts = RANGE_SEP.split(core)
    pair = _adjacent_pair(core) if len(parts) == 1 else None
    if len(parts) == 2 or pair:
        lo, hi = pair or (parse_number(parts[0]), parse_number(parts[1]))
        if lo > hi:
            raise ParseError(f"range {core!r} runs backwards")
        low, high = lo * scale, hi * scale
        value = (low + high) / 2
        qualifier = "range"
    else:
        n = parse_number(core)
        if g["more2"]:  # 10万多: the uncertainty is below the magnitude word
            u = mag * unit_mag
            low, high = n * scale, n * scale + u
        else:
            u = place(n) * scale
            low, high = _bounds(n * scale, u, qualifier)
        value = n * scale
    if _in_quotes(text, num_start):
        kind = "name"  # “百家社会组织雄安行”: part of a name or title
    elif num_start > 0 and text[num_start - 1] == "第":
        kind = "ordinal"  # 第三届
    elif base_unit in DURATION_UNITS:
        kind = "duration"  # 十年 (a window is 近三年 or 十年来, matched above)
    elif not unit and not g["mag"] and YEAR_RE.fullmatch(core):
        return Quantity(core, "date", None, None, None, "", "", core, num_start, m.end("num"))
    else:
        kind = "count"
    return Quantity(
        m.group(0), kind, _num(value), _num(low), _num(high), base_unit, qualifier, "", start, end
    )


def _vague(text: str) -> list[Quantity]:
    out = []
    for m in VAGUE_RE.finditer(text):
        lo, hi = VAGUE[m.group("v")]
        base_unit, unit_mag = _split_unit(m.group("unit"))
        scale = Decimal(MAGNITUDES[m.group("mag")] if m.group("mag") else 1) * unit_mag
        low, high = Decimal(lo) * scale, Decimal(hi) * scale
        out.append(Quantity(m.group(0), "count", _num((low + high) / 2), _num(low), _num(high),
                            base_unit, "vague", "", m.start(), m.end()))
    return out


def _share_list_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """3、5、7家: a bare number before a list separator shares the next one's unit and magnitude."""
    result = list(found)
    for i in range(len(result) - 2, -1, -1):
        q, nxt = result[i], result[i + 1]
        if (q.kind == "count" and not q.unit and nxt.kind == "count" and nxt.unit
                and text[q.end:nxt.start] in ("、", "，", ",", "和", "或", "及")):
            stated = parse_number(re.match(f"(?:{PREFIX})({NUM})", nxt.surface).group(2)
                                  .rstrip("万亿"))
            scale = Decimal(str(nxt.value)) / stated if stated else Decimal(1)
            low, value, high = (_num(Decimal(str(x)) * scale) for x in (q.low, q.value, q.high))
            result[i] = Quantity(q.surface, "count", value, low, high, nxt.unit, q.qualifier, "",
                                 q.start, q.end)
    return result


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for q in _vague(text):
        found.append(q)
        taken.append((q.start, q.end))
    for m in PATTERN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        q = _quantity(text, m)
        if q is not None:
            found.append(q)
    found.sort(key=lambda q: q.start)
    return _share_list_units(text, _merge_ranges(text, found))


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """1.2万元至3万元, 3%—5%: two stated numbers of one unit joined by 至/到/— are one range."""
    result: list[Quantity] = []
    for q in found:
        prev = result[-1] if result else None
        if (prev is not None and prev.kind == q.kind and q.kind in ("count", "percent")
                and prev.unit == q.unit and not prev.qualifier and not q.qualifier
                and RANGE_SEP.fullmatch(text[prev.end:q.start]) and prev.low <= q.high):
            low, high = Decimal(str(prev.low)), Decimal(str(q.high))
            result[-1] = Quantity(text[prev.start:q.end], q.kind, _num((low + high) / 2),
                                  _num(low), _num(high), q.unit, "range", "", prev.start, q.end)
        else:
            result.append(q)
    return result
