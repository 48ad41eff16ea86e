"""Find the quantities in running Chinese text, with bounds.

``find_quantities(text)`` returns one :class:`Quantity` per number in the text: Arabic digits
(ASCII or full-width, with decimals and thousands separators), Chinese and financial numerals
(parsed by cn2an: 三万五千, 壹万贰仟, 肆佰叁拾萬), magnitude words (万, 亿, k) and their mixtures
(1600万, 3万5千),
with the measure word, unit or currency around them and the qualifier before or after them.
Character offsets index the ``str`` (not bytes): ``text[q.start:q.end]`` is ``q.surface``.
Traditional script and full-width forms read as simplified script: the text is read through
``TO_SIMPLE``, which maps each character the grammar needs to one character (萬 → 万, 個 → 个,
３ → 3), so offsets and surfaces stay those of the original text.

A phrase that looks like a number but cannot be read (a range that runs backwards) is never
dropped and never stops the rest: it becomes a row of kind ``unparsed`` whose ``note`` says why;
``find_quantities(text, strict=True)`` raises :class:`ParseError` at the first one instead.

Bounds convention (README). Let ``u`` be the place value of the last non-zero digit of the stated
number, in base units (``6300`` → 100, ``280万`` → 10万, ``21.88亿`` → 0.01亿, ``千`` → 1000).
``high`` is a supremum (not attained for 多, 余, 近, 不足); one-sided forms leave one side open:

======================================================  ====================  =====================
form                                                    bounds                example
======================================================  ====================  =====================
exact ``N`` (also after 达, 共, 高达, 多达, 等于)           [N, N]                ``645家``
``N多``, ``N余``, ``N来``                                [N, N + u)            ``6300多家`` → [6300, 6400)
``N万多`` (多 after the magnitude word)                   [N, N + 1 magnitude)  ``10万多`` → [100000, 110000)
``N.d万余`` (after a decimal)                              [N, N + u)            ``2.3万余`` → [23000, 24000)
``约N``, ``N左右``, ``N上下``, 约合, 合计约                  [N − u/2, N + u/2]    ``约300家`` → [250, 350]
``近/将近/接近N``                                         [N − u/2, N)          ``近30个`` → [25, 30)
超过, 逾, 超, 突破, 过, 以上, 至少, 不少于, 大于, (含)以上  [N, +inf)             ``超过300家``
不足, 不到, 以下, 以内, 最多, 至多, 不超过, 不高于, 小于, 低于     [0, N)                ``不足50家``
``A—B``, ``A至B``, ``从A到B``, ``三四个``, ``三五百``          [A, B]                value is the midpoint
``几十``/``数十`` (几, 数 = 2 to 9), ``十几``, ``上千``         [20, 100), [11, 20),  value is the midpoint
                                                         [1000, 2000)
======================================================  ====================  =====================

The first end of a range shares the magnitude of the second when it has none of its own and is
not larger than the second's coefficient: 两到三万 is [2万, 3万], 从8500到3万港元 is [8500, 3万].
Values are in base units (元, 人次, 家): never scaled by 万 or 亿. Currencies are named in the unit
column (元 for 人民币, 块 and 块钱; 港元 for 港币 …); 角/毛/分 are tenths and hundredths of it.
Shares are ``kind='percent'`` in %: 30%, 百分之三十, 三成, 八五折 (85% of the price), 三分之一;
neighbouring numerals before 成 or 折 are a range (三四成 30–40%, 七八折 70–80%).

Not quantities: 一批, 进一步, 一张图 … are words, 一 after 这/那/每 … and in idioms too (这一天,
献出一份爱心); 签约 and 拉近 hold 约 and 近 without qualifying anything; telephone and identity
numbers and 万/亿 alone before a name (万和社区) give no row. Numbers inside “…” or 《…》 get
``kind='name'``, and 三地, 三省市 get
``kind='name'`` too: they name the three regions. Dates (``2014年2月``, ``2024-04-19``) get
``kind='date'``, a span of years (``2019-2023年``, ``2011年至2015年``, ``（2016—2020）``) too, with
window ``2019/2023``, a decade (``八十年代``: ``1980/1989``), a month (``3月``: ``--03``) and a day
after it (``3月5号``); a time of day (``10:30``, ``9时``) is ``kind='time'`` (window ``T10:30``,
``T09``); ``十周年`` is an ``ordinal`` (unit 周年), ``十二五`` a ``name``; ``近三年``, ``十年来`` get
``kind='window'`` (a span before the publication date), ``十年`` alone is a ``duration``, 第三届
is an ``ordinal``. A bare four-digit number from
1900 to 2099 with nothing to count (2024长三角教育论坛) is read as a year. A bare Chinese
numeral with no measure word and no 万/亿 (三 in 三中全会, 两百) is not reported at all.
"""

from __future__ import annotations

import functools
import gc
import math
import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

import cn2an

INF = float("inf")
CN_DIGIT = "零〇一二两兩三四五六七八九壹贰貳叁肆伍陆陸柒捌玖廿卅"  # 廿 20, 卅 30
CN_PLACE = "十百千拾佰仟"
CN_MAG = "万亿萬億"
CN_CHARS = CN_DIGIT + CN_PLACE + CN_MAG
# digits grouped by commas (1,234,567) or, as Hong Kong prints them, by spaces (2 415 300: a first
# group of one to three digits, then groups of three)
ARABIC = (r"(?:(?<![.．])(?:[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3}(?![0-9０-９]))+"
          r"|[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*)(?:[.．][0-9０-９]+)?"
          r"|(?<![0-9０-９A-Za-z.．])[.．][0-9０-９]+)")  # .3% is 0.3 %
CHINESE = f"[{CN_CHARS}]+(?:点[{CN_DIGIT}]+[万亿萬億]?)?"
# 几十, 数百, 十几, 二十几, 上千, 成千上万, 数以万计: a digit or more left vague (数 before 百分之
# ends a noun: 预算数百分之二点一)
VAGUE = (r"(?:成千上万|成百上千|数以[十百千万亿]+计|[一二两三四五六七八九]?十几"
         r"|[几数](?:[十千万亿]|百(?!分之))|上[百千万亿])")
# 3万5千, 1亿2000万, 2万5 (= 25000): digits on both sides of a magnitude word
MIXED = r"[0-9]+[万萬亿億](?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)[千百万萬]?)+"  # 3億4,500萬 too
SEP = r"(?:[（(]含[)）])?(?=\s*[—–\-~～〜至到])\s*(?:——|--|—|–|-|~|～|〜|至|到)\s*"
SIGN = r"(?:负|[-−－](?=[.．]?[0-9０-９]))"

# Measure words, units and currencies, longest first.
MEASURES = """家 个 项 名 人次 人 位 户 所 座 件 条 份 场 次 届 批 类 种 款 部 台 辆 架 只 头 处 间 套 篇
    本 张 册 枚 支 股 棵 株 道 期 县 区 市 省 镇 乡 村 天 周 月 年 岁 周岁 倍 小时 分钟 秒 公斤 千克 克
    吨 斤 公里 千米 米 平方米 平方公里 公顷 亩 立方米 升 千瓦 瓦 度 兆瓦 字 页 例 床 块 个百分点 百分点
    方面 起 宗 个月""".split()
CURRENCIES = {  # as written → as reported in the unit column
    "元": "元", "人民币": "元", "块钱": "元", "美元": "美元", "欧元": "欧元", "英镑": "英镑",
    "日元": "日元", "日币": "日元", "港元": "港元", "港币": "港元", "新台币": "新台币", "台币": "新台币",
    "韩元": "韩元", "泰铢": "泰铢", "圆": "元", "卢布": "卢布", "澳元": "澳元", "加元": "加元",
    "瑞士法郎": "瑞士法郎",
}
CURRENCY_BEFORE = {"人民币": "元", "RMB": "元", "¥": "元", "￥": "元", "US$": "美元", "HK$": "港元",
                   "$": "美元", "€": "欧元", "£": "英镑", "港币": "港元", "港元": "港元",
                   "新台币": "新台币", "台币": "新台币", "美元": "美元", "欧元": "欧元", "日元": "日元"}
UNIT_WORDS = sorted({*MEASURES, *CURRENCIES}, key=len, reverse=True)
MONEY = frozenset(CURRENCIES.values())
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
              "k": 1000, "K": 1000, "w": 10**4}
DURATION_UNITS = {"年", "天", "周", "小时", "分钟", "秒", "个月"}

# Words that contain a numeral but state no quantity, matched at the numeral's position.
NON_COUNT_WORDS = (
    "一批", "一张图", "一起", "一道", "一些", "一系列", "一次性", "一条龙", "一揽子", "一把手",
    "一线", "一体", "一致", "一流", "一定", "一直", "一般", "一样", "一切", "一方面", "一站式",
    "一带一路", "一心", "一成不变", "进一步", "统一", "唯一", "之一", "同一", "万一", "千万",
    "百姓", "十分", "万众", "三五成群", "一下", "一手", "一方", "一度", "一时", "一波三折",
    "万万", "千千万万", "亿万", "三三两两", "一一", "百折不挠",
    # 一 in an idiom: 献出一份爱心, 尽一份力量, 一臂之力
    "一份爱心", "一片爱心", "一颗爱心", "一份力量", "一份温暖", "一份责任", "一份心意", "一份关爱",
    "一份希望", "一臂之力", "一席之地", "一己之力", "一分子", "一份子", "一番", "一举", "一同",
    "一路", "一行", "一片", "一心一意", "一马当先", "一如既往", "一以贯之", "一蹴而就",
    # 零 of a word (零件, 零售 …) and yearly events
    "零件", "零部件", "零售", "零星", "零散", "零碎", "零食", "零钱", "零花", "一年一度",
)
# 一 as an article after a demonstrative (这一天, 那一年, 每一位), unless a number follows it
ARTICLE = "(?<=[这那每哪另某])一(?![十百千万亿点0-9二两三四五六七八九])"
REGION_NAMES = ("三地", "三省市", "三省", "两地", "三方")

# 约 / 近 preceded by these characters belong to a word (签约, 拉近 ...), not to a number.
YUE_WORDS = "签节制合公条契预相邀违履特简婚誓租"
JIN_WORDS = "拉附亲靠邻贴走逼就远"
QUALIFIER_WORDS = {  # word → (reported qualifier, class)
    **{w: ("约", "about") for w in ("大约", "约占", "约合", "约为", "约有", "合计约", "共计约", "总计约",
                                    "累计约", "共约", "约")},
    **{w: (w, "about") for w in ("左右", "上下")},
    **{w: (w, "near") for w in ("将近", "接近", "近")},
    **{w: (w, "atleast") for w in ("超过", "突破", "破", "过", "逾", "超", "以上", "至少", "最少", "不少于",
                                   "不低于", "大于", "高于", "多于", "及以上")},
    **{w: (w, "atmost") for w in ("不足", "不到", "以下", "以内", "之内", "最多", "至多", "不超过",
                                  "不高于", "小于", "低于", "少于", "及以下")},
    **{w: (w, "exact") for w in ("高达", "多达", "等于", "从")},
}
QUALIFIERS = (  # grouped by first character: the regular expression tries fewer branches
    # 约占总数的6成: 约 qualifies the share that ends the phrase, a few words away
    rf"约(?<![{YUE_WORDS}]约)占[^0-9０-９{CN_CHARS}，。；、,;：:“”《》\s]{{1,10}}?的|"
    rf"约(?<![{YUE_WORDS}]约)(?:占|合|为|有)?|大(?:约|于)|将近|接近|近(?<![{JIN_WORDS}]近)|超过?|逾|"
    r"(?<![通经超度不越跨错路难])过(?=[百千万亿])|突破|(?<![打突爆攻击冲看识点道说残])破|"
    r"不(?:足|到|少于|低于|超过|高于)|至(?:少|多)|最(?:少|多)|高(?:达|于)|多(?:达|于)|小于|等于|低于|少于|"
    r"合计约|共(?:计约|约)|总计约|累计约"
)
QUALIFIER_STARTS = "约大将接近超逾过突不至最高多小等低少合共总累从破"
SUFFIX = (r"(?=[（(及以之左上])(?:[（(]含[)）])?(?:及以上|及以下|以上|以下|以内|之内|左右|上下)"
          r"(?:[（(]含[)）])?")
CUR_BEFORE = r"人民币|RMB|US\$|HK\$|[¥￥$€£]|港[币元]|新?台币|美元|欧元|日元"
# 块 is money (元) when 钱, a coin (三块五, 十块三毛) or the end of the phrase follows it.
KUAI = r"块(?=[钱0-9一二两三四五六七八九]|[\s，。,.；;！!？?、）)」”]|$)"


def _trie(words) -> str:
    """One regular expression for a set of words, branching on each character (faster to try
    than a long list of alternatives): 人, 人次, 人民币 → 人(?:次|民币)?."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(tree)


UNIT_ALTERNATIVES = _trie(u for u in UNIT_WORDS if u != "块")
CUR_AFTER_YUAN = _trie(u for u in CURRENCIES if u not in ("元", "圆", "块钱"))
COIN = r"[0-9一二两三四五六七八九]"


def _atom(p: str) -> str:
    """One stated number with its magnitude, 多/余, unit and coins; group names start with p."""
    return (
        rf"(?P<{p}sign>{SIGN})?"
        rf"(?P<{p}num>{VAGUE}|{MIXED}|{ARABIC}|{CHINESE})"
        r"(?:个(?=[亿億]|小时))?"
        rf"(?P<{p}more>多|余|来)?"
        r"(?: (?=[万亿]))?"  # 177.1 亿元
        rf"(?P<{p}mag>[kKw](?![A-Za-z])|[百千]?(?:[万萬亿億]+)|[百千](?![{CN_DIGIT}分]))?"
        rf"(?P<{p}more2>多|余)?"
        rf"(?P<{p}unit>{UNIT_ALTERNATIVES}|(?P<{p}kuai>{KUAI})|块)?"
        rf"(?:(?<=[元圆])(?P<{p}cur2>{CUR_AFTER_YUAN}))?"  # 三万元欧元, 9000元日币: that currency
        rf"(?:(?<=[元块])(?P<{p}jiao>{COIN})[角毛](?:(?P<{p}fen>{COIN})分)?"
        rf"|(?<=块)(?P<{p}jiao2>[一二两三四五六七八九])(?![{CN_CHARS}0-9个元块年月日])"
        rf"|(?<=[元块])(?P<{p}fen2>{COIN})分)?"
        rf"(?P<{p}half>半)?"
        r"(?:(?<=[元圆])整(?![体个合理改治顿齐数套条片]))?"  # 壹仟玖佰圆整: exactly
    )


# Parts of the day before an hour (下午3点), the ones after noon first
DAY_PARTS = "上午|下午|晚上|早上|凌晨|中午|傍晚|夜间|夜里"
AFTERNOON = ("下午", "晚上", "傍晚", "夜间", "夜里")

# Every match starts with a numeral or with one of these words: a cheap first test at each
# position lets the regular expression skip the rest of the text fast (大, 不, 上 and 人 are
# common characters: the test looks at the character after them too).
FIRST_CHARS = (f"(?=[0-9０-９.．{CN_CHARS}几数上成负−－\\-打对最过前半{QUALIFIER_STARTS}"
               "人R$¥￥€£UH港新台美欧日民破])")
# The second test is as narrow as the branches allow, since a failed try of every branch costs
# much more than the test: 签约, 拉近 and 从会上 (prose) never start a match.
STARTS = (FIRST_CHARS + f"(?=[0-9０-９{CN_CHARS}几数超逾RU$¥￥€£H]|上[百千万亿]|成[千百]"
          f"|负|[−－-][.．]?[0-9０-９]|[.．][0-9０-９]|打对|对折|半折|过去|过[百千万亿]|突破|前[0-9０-９{CN_CHARS}]|大[约于]|将近|接近"
          "|不[足到少低超高]|至[少多]|最[少多近]|高[达于]|多[达于]|[小等低少]于|合计约|共计?约|总计约"
          f"|累计约|人民|(?:港[币元]|新?台币|[美欧日]元) ?[0-9.．{CN_CHARS}几数上成负约−－\\-]"
          f"|约(?<![{YUE_WORDS}]约)|近(?<![{JIN_WORDS}]近)"
          f"|从(?=[0-9０-９.．{CN_CHARS}几数上成负−－\\-人RUH$¥￥€£约港新台美欧日])"
          f"|民[国國](?=[0-9{CN_CHARS}])"
          f"|(?<![打突爆攻击冲看识点道说残])破(?=[0-9{CN_CHARS}]))")
# A plain number (645, 645家, 5.2%) with nothing around it that another branch could read: the
# commonest case, read by the loop itself. The guard refuses every character that could make the
# phrase longer or different: digits, 多, magnitudes, separators, 以上 …, the first character of
# every unit and what extends a plain unit (人次, 人民币). No duration or date unit is plain.
PLAIN_UNITS = ("家项名位户所座件条份场届批类种款部辆架只头处间套篇本张册枚支股棵株道县区市省镇乡村岁倍"
               "克吨斤米亩升瓦度字页例床元人个次")
PLAIN_GUARD = "".join(sorted(
    set("0123456789０１２３４５６７８９%％多余来万亿萬億千百kKw个年月日天周分之成折角毛半钱块—–~～〜至到以之:："
        "左上及（(一二两三四五六七八九民币时点号大世/")
    | {u[0] for u in UNIT_WORDS}))
PLAIN_PRE = (rf"大约|约(?<![{YUE_WORDS}]约)|超过|逾|超|不足|不到|将近|接近|近(?<![{JIN_WORDS}]近)|"
             r"至少|最多|不少于|不超过")
AFTER_UNIT = (r"[0-9０-９一二两三四五六七八九半角毛分钱块以左上及（(—–~～〜至到\-次民币百万亿萬億%％整月"
              r"人美欧英日港新台韩泰卢澳加瑞]"
              r"|\s+[—–\-~～〜至到]")
PLAIN = (rf"(?P<ppre>{PLAIN_PRE})?(?![0-9]{{11}}|0[0-9]{{2,3}}[)）])"  # not a telephone number
         r"(?P<plain>(?<![0-9０-９.．,，])[0-9]++(?:\.[0-9]++)?)"
         rf"(?:(?P<pmore>多|余)?(?P<pmag>[万亿])?(?P<pmore2>多|余)?"
         rf"(?P<punit>[{PLAIN_UNITS}]|个百分点|百分点)?|(?P<ppct>[%％]))(?P<psuf>以上|以下|左右)?"
         # after a unit, % or 以上 fewer characters matter: coins (5元5角), 半, 以上, separators,
         # what extends a unit (人次, 人民币, 个百分点, 个亿)
         rf"(?(punit)(?!{AFTER_UNIT})|(?(ppct)(?!{AFTER_UNIT})|(?(psuf)(?!{AFTER_UNIT})|"
         rf"(?![{PLAIN_GUARD}\-]|[,，.．][0-9０-９]|\s+[%％—–\-~～〜至到0-9万亿.．]))))")
PLAIN_GROUPS = 8  # the groups of PLAIN come first: a match whose lastindex is at most 8 is plain
_PLAIN_INDICES = tuple(range(1, PLAIN_GROUPS + 1))
PLAIN_UNIT_NAMES = {"个百分点": "百分点"}
# A Chinese digit alone (零 of 零售, 一 of 第一产业): never reported, so matched and dropped at once.
LONE_GUARD = "".join(sorted(
    set(CN_CHARS + "0123456789０１２３４５６７８９几数上多余来半成折分之毛角块钱点个年月日地省方时"
        + ".．%％—–~～〜至到以左及（(kKw大")
    | {u[0] for u in UNIT_WORDS}))
LONE = rf"(?P<lone>[{CN_DIGIT}])(?![{LONE_GUARD}\-\s])"
YEAR4 = "(?:19|20)[0-9]{2}"
DASH = r"\s*(?:——|--|—|–|-|~|～|〜|至|到)\s*"
# Verbs of change: after one, A至B (增长2.1亿元至18.6亿元) is the change and the new level, two
# quantities, when A has its own unit; 增长3至5个百分点 (A shares B's unit) stays a range.
_CHANGE_VERBS = ("增长 增加 减少 下降 上升 下跌 提高 降低 上修 下修 扩大 缩小 回落 攀升 上涨 下滑 "
                 "回升 上调 下调").split()
CHANGE = ("(?:" + "|".join(f"(?<={v})" for v in (
    "|".join(_CHANGE_VERBS), "|".join(v + "了" for v in _CHANGE_VERBS), "[增减升降涨跌]")) + ")")
MONTH = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
PATTERN_SOURCE = (
    STARTS + "(?:" + "|".join(
        [
            PLAIN,
            # 三地, 三省市: the three regions
            "(?P<region>" + "|".join(REGION_NAMES) + ")(?!面)",
            LONE,
            # not quantities: a telephone number (010-12345678, (0311)87654321, 13812345678) or
            # an identity number: dropped
            r"(?P<code>(?<![0-9])(?:0[0-9]{2,3}(?:-|[)）]\s?)[0-9]{7,8}(?:-[0-9]{1,4})?"
            r"|400-?[0-9]{3}-?[0-9]{4}|[0-9]{17}[Xx]|[0-9]{11,})(?![0-9])"
            # a Hong Kong or Macau telephone number (2345 6789, 2345-6789): eight digits in two
            # fours, not two years (2019-2023), not round numbers (2000-3000), not a count of
            # something (2000-3000人)
            r"|(?<![0-9])(?!(?:19|20)[0-9]{2}[ -](?:19|20)[0-9]{2}|[0-9]{2}00[ -][0-9]{2}00)"
            rf"[2-9][0-9]{{3}}[ -][0-9]{{4}}(?![0-9])(?! ?(?:[万亿萬億%％.．]|{UNIT_ALTERNATIVES})))",
            # 10:30, 9：05 (a time of day)
            r"(?P<clock>(?<![0-9:：])(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?:[:：][0-5][0-9])?(?![0-9:：]))",
            # 下午3点, 上午九时, 晚上8点半: an hour of the day after a part of it (the part is not
            # in the phrase, as 9时 alone is not: it only tells the hour)
            rf"(?<=(?P<ampm>{DAY_PARTS}))(?P<hour2>[0-9]{{1,2}}|[一二两三四五六七八九十]{{1,3}})[点时]"
            rf"(?:(?P<hmin2>[0-5]?[0-9]|[一二三四五六七八九十]{{1,3}})分|(?P<hhalf2>半))?",
            # 12 .5万元: a decimal broken by a space (unparsed, never two numbers)
            rf"(?P<gap>(?<![0-9.．])[0-9]+ +[.．][0-9]+[万亿萬億]?(?:{UNIT_ALTERNATIVES})?)",
            # 15日 without its month: after 连续, 为期, 历时, 长达, 用了, or before 内, 以内, 之内,
            # a number of days; otherwise (于15日, 15日后, 本月5日) a day of a month the text does not
            # name, or days: unparsed (3月15日 is a date, read below)
            r"(?<=连续|为期|历时|长达|用了)(?P<days1>(?<![0-9])[0-9]{1,3})日(?![0-9])"
            r"|(?P<days2>(?<![0-9.．月])[0-9]{1,3})日(?=内|以内|之内)"
            r"|(?P<bareday>(?<![0-9.．/\-])[0-9]{1,2})日(?![0-9元币圆])",  # not 日元 (yen)
            # 2024-04-19 (14:15), 2024/05/02, 2024.5.2: one separator twice
            r"(?P<iso>(?<![0-9.])[0-9]{4}(?P<isep>[-/.])[0-9]{1,2}(?P=isep)[0-9]{1,2}(?![0-9]))"
            r"(?:\s+(?P<hm>[0-9]{1,2}:[0-9]{2}))?",
            # spans of years: 2011年至2015年, 从2016年到2019年, 2019-2023年, （2016—2020）
            rf"(?P<ypre>从)?(?P<y1>(?<![0-9]){YEAR4})年?{DASH}(?P<y2>{YEAR4})年(?!代)"
            rf"|(?<=[（(])(?P<y1b>{YEAR4}){DASH}(?P<y2b>{YEAR4})(?=[)）])"
            # 2019-2023 alone: two years, not a count from 2019 to 2023 (nothing counted after it)
            rf"|(?<![0-9])(?P<y1c>{YEAR4})[-—–~～](?P<y2c>{YEAR4})(?![0-9])"
            rf"(?! ?(?:[万亿萬億%％.．]|{UNIT_ALTERNATIVES}))",
            # 民國109年, 民國110年3月: a year of the Republic of China's calendar (109 + 1911 = 2020);
            # 110年度: a fiscal year of it (a year of two or three digits, then 年度)
            rf"(?P<roc>民[国國])(?P<rocy>[0-9]{{1,3}}|[{CN_CHARS}]{{1,4}})年(?:(?P<rocm>{ARABIC}|{CHINESE})月"
            rf"(?:(?P<rocd>{ARABIC}|{CHINESE})[日号])?)?"
            rf"|(?P<fy>(?<![0-9.])[0-9]{{2,3}})年度",
            # 2014年2月, 2024年4月19日, 2024年4月18日至19日, 2024年, 二〇二四年
            rf"(?P<year>(?<![0-9])[0-9]{{4}}|[{CN_DIGIT}]{{4}})年(?:(?P<month>{ARABIC}|{CHINESE})月"
            rf"(?:(?P<day>{ARABIC}|{CHINESE})[日号](?:{DASH}(?P<day2>{ARABIC}|{CHINESE})[日号])?)?)?",
            # 4月19日, 3月5号, 4月18日至19日
            rf"(?=[0-9０-９{CN_CHARS}]{{1,4}}月)(?P<md_m>(?<![0-9])(?:{ARABIC}|{CHINESE}))月(?P<md_d>{ARABIC}|{CHINESE})[日号]"
            rf"(?:{DASH}(?P<md_d2>{ARABIC}|{CHINESE})[日号])?",
            # months, decades, anniversaries, hours, plan periods, N大: one test of what follows the
            # numeral before trying them
            rf"(?=[0-9{CN_CHARS}]{{1,6}}(?:[月世年周时点五大]|{DASH}))(?:"
            # a month: 3月, 十二月份, 1-3月
            rf"(?P<mo>(?<![0-9.]){MONTH})(?:月?{DASH}(?P<mo2>{MONTH}))?月份?(?![0-9{CN_CHARS}]+[日号])"
            "|"
            # a decade: 八十年代, 90年代, 20世纪80年代
            r"(?:(?P<cent>[12][0-9]|二十一?|十九)世纪)?(?P<decade>[一二三四五六七八九]十|(?<![0-9])[1-9]0)年代"
            "|"
            # an anniversary: 十周年, 30周年
            rf"(?P<anniv>{ARABIC}|{CHINESE})周年"
            "|"
            # an hour: 9时, 9时30分, 9点半, 10点15分
            r"(?P<hour>(?<![0-9.])(?:[01]?[0-9]|2[0-4]))(?:时|点(?=[0-5]?[0-9]分|半|钟))"
            r"(?:(?P<hmin>[0-5]?[0-9])分|(?P<hhalf>半))?"
            "|"
            # a plan period: 十二五, 十四五
            rf"(?P<plan>十[一二三四五六七八九]五)(?![0-9{CN_CHARS}个家名人项元岁年%])"
            ")",
            # windows: 近三年, 最近3年, 过去十年, 十年来, 十年以来
            rf"(?P<wpre>(?<![{JIN_WORDS}])近|最近|过去|前)(?P<wnum>{ARABIC}|{CHINESE})(?:个)?年"
            r"(?:来|以来|间|内)?",
            rf"(?=[0-9０-９{CN_CHARS}]{{1,6}}个?年[以来])(?P<wnum2>{ARABIC}|{CHINESE})(?:个)?年"
            r"(?P<wpost>以来|来)",
            # 八折, 八五折, 9.9折, 打对折: a percent of the price
            r"(?P<znum>(?:打)?对|半|(?<![0-9.])[0-9](?:\.[0-9]|[0-9])?|[一二两三四五六七八九]点[一二三四五六七八九]"
            r"|[一二两三四五六七八九]{1,2})折"
            r"(?![合算旧射腾叠服线纸页子])",
            # coins alone: 5角, 五毛钱
            r"(?P<coin>[0-9]{1,4})[角毛]钱?|(?P<coin2>[一二两三四五六七八九])[角毛]钱",
            # 五大任务, 3大类: N major ones
            r"(?P<da>[二两三四五六七八九十]|(?<![0-9.])[2-9])大(?![学会使家于约概量幅型多众厦楼桥道街小])",
            # qualifier and currency before, then a share or a number or range, qualifier after;
            # after a verb of change (增长2.1亿元至18.6亿元) the group chg is set: see _general.
            # 从 before a month or a year (从3月, 从2020年起) is no qualifier: the date is read alone
            rf"(?:{CHANGE}(?P<chg>))?"
            rf"(?:(?=[{QUALIFIER_STARTS}])(?P<pre>{QUALIFIERS}|从(?![0-9{CN_CHARS}]{{1,3}}月|{YEAR4}年|[{CN_DIGIT}]{{4}}年)))?"
            rf"(?:(?=[人R$¥￥€£UH港新台美欧日])(?P<cur>{CUR_BEFORE}) ?)?(?P<pre2>约(?<![{YUE_WORDS}]约))?(?:"
            # 百分之十二、三十四点五及六点七: shares listed after one 百分之, each its own row
            rf"(?=百分之)百分之(?P<lnum>{ARABIC}|{CHINESE})(?P<llist>(?:[、及和或](?:{ARABIC}|{CHINESE})"
            rf"(?![0-9０-９{CN_CHARS}.．%％个分]|{UNIT_ALTERNATIVES}))+)"
            # 三分之一, 百分之三十, 千分之五
            rf"|(?P<fsign0>{SIGN})?(?=[0-9０-９{CN_CHARS}]{{1,6}}分之)(?P<fden>{ARABIC}|{CHINESE})分之(?P<fsign>负)?(?P<fnum>{ARABIC}|{CHINESE})"
            rf"(?:{SEP}(?:(?P<fden2>百|千|万)分之)?(?P<fnum2>{ARABIC}|{CHINESE}))?"
            # 1/3 (a fraction in lowest terms; 24/7 or 3/15 is unparsed)
            r"|(?P<snum>(?<![0-9/.])[0-9]{1,3})/(?P<sden>[0-9]{1,3})(?![0-9/.])"
            # 30%, 3%—5%, 3—5%
            rf"|(?=[-−－负]?[0-9０-９.,，．]{{1,24}}\s?[%％—–\-~～〜至到])"
            rf"(?P<psign>{SIGN})?(?P<pnum>{ARABIC})"
            rf"(?:(?:\s?[%％])?{SEP}(?P<psign2>{SIGN})?(?P<pnum2>{ARABIC}))?\s?[%％]"
            # 三成, 9.5成, 三成半, 七成六
            rf"|(?P<cnum>[0-9](?:\.[0-9])?|[{CN_DIGIT}]点[一二三四五六七八九]|[{CN_DIGIT}]{{1,2}}|十)成"
            rf"(?P<ctail>半|[一二三四五六七八九](?![{CN_CHARS}0-9成]))?(?![为员立功本果长就绩熟交])"
            # a number or a range
            # (a number followed by % is a share: 3至5% is read by the share's branch)
            "|" + _atom("a") + f"(?:(?P<sep>{SEP})" + _atom("b") + "(?![%％]|[.．]?[0-9]))?"
            + rf")(?P<suf>{SUFFIX})?",
        ]
    ) + ")"
)
PATTERN = re.compile(PATTERN_SOURCE)
# The same without the plain and lone branches (their groups kept, never matching) and with only
# the first-character test: the general pattern, against which a test checks that the plain
# branch (a faster recogniser of the commonest phrases, read by the same _qualify) finds the same.
LONE_GROUP = PATTERN.groupindex["lone"]
CHANGE_GROUP = PATTERN.groupindex["chg"]
DAY_PART_GROUP = PATTERN.groupindex["ampm"]
CODE_GROUP = PATTERN.groupindex["code"]
DATE_GROUPS = ("iso", "year", "md_m", "y1", "y1b", "y1c", "mo", "decade", "rocy", "fy")
ROC = 1911  # 民國1年 is 1912
GENERAL_PATTERN = re.compile(
    PATTERN_SOURCE.replace(PLAIN, "".join(f"(?P<{name}>(?!))" for name in (
        "ppre", "plain", "pmore", "pmag", "pmore2", "punit", "ppct", "psuf")), 1)
    .replace(LONE, "(?P<lone>(?!))", 1)
    .replace(STARTS, FIRST_CHARS, 1))
ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
NUMERAL_RE = re.compile(f"[{CN_CHARS}0-9０-９几数上成]")
YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
ADJACENT_RE = re.compile(
    r"(?P<x>[一二两三四五六七八九])(?P<y>[二两三四五六七八九])(?P<places>[十百千万亿萬億]*)")
TEENS_RE = re.compile(r"十(?P<x>[一二三四五六七八])(?P<y>[二三四五六七八九])")
CODE_DIGITS = re.compile("[0-9]{11}")
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}


class ParseError(ValueError):
    """A phrase that looks like a number but cannot be read as one.

    ``start``, ``end`` and ``surface`` say where (offsets in the text that was searched).
    """

    def __init__(self, message: str, start: int = 0, end: int = 0, surface: str = ""):
        super().__init__(message)
        self.start, self.end, self.surface = start, end, surface


class Quantity(NamedTuple):
    surface: str
    kind: str  # count | percent | date | time | window | duration | ordinal | name | unparsed
    value: float | int | None
    low: float | int | None
    high: float | int | None
    unit: str
    qualifier: str
    window: str
    start: int
    end: int
    note: str = ""  # why an ``unparsed`` phrase could not be read

    def as_dict(self) -> dict:
        """The ten columns of ``COLUMNS`` (the note goes to warnings, not tables)."""
        return dict(zip(COLUMNS, self, strict=False))


COLUMNS = list(Quantity._fields[:10])


@functools.lru_cache(maxsize=8192)
def parse_number(token: str) -> Decimal:
    """One number without qualifier: ``6300``, ``２１.８８``, ``1,000``, ``千``, ``两百``, ``三万五千``."""
    token = unicodedata.normalize("NFKC", token).replace(",", "").replace(" ", "")
    if not token:
        raise ParseError("empty number")
    if re.fullmatch(r"[0-9]*(?:\.[0-9]+)?", token):
        return Decimal(token)  # .3 too
    if token[0] in "十百千万亿拾佰仟萬億":
        token = "一" + token  # 千余家 = 一千余家
    token = token.replace("廿", "二十").replace("卅", "三十")  # 三百廿五 = 三百二十五
    mode = "smart" if re.search("[0-9]", token) else "normal"  # 3万5千: digits and words
    try:
        return Decimal(str(cn2an.cn2an(token.replace("兩", "两"), mode)))
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


def _num(d: Decimal | float | int) -> int | float:
    """A number as the tables hold it: an int when whole, else a float (inf for an open bound)."""
    if isinstance(d, int):
        return d
    if isinstance(d, float):
        return int(d) if d.is_integer() else d
    if not d.is_finite():
        return float(d)
    return int(d) if d == d.to_integral_value() else float(d)


def _magnitude(word: str) -> Decimal:
    """百万 → 10^6, 万亿 → 10^12, k → 10^3."""
    m = Decimal(1)
    for char in word:
        m *= MAGNITUDES[char]
    return m


# ------------------------------------------------------------------ one stated number

class _Atom(NamedTuple):
    low: Decimal
    high: Decimal  # a supremum
    value: Decimal
    step: Decimal  # u: the place of the last stated digit, in base units
    coef: Decimal  # the number before its trailing magnitude (两千万 → 2000)
    mag: Decimal  # its trailing magnitude (两千万 → 10^4; 1 if none)
    own_mag: Decimal  # the largest magnitude it states itself (一百二十 → 100)
    unit: str
    qualifier: str
    vague: str  # "vague" | "range" | ""


def _vague(word: str) -> tuple[Decimal, Decimal]:
    """几十 → [20, 100), 二十几 → [21, 30), 上千 → [1000, 2000), 成千上万 → [1000, 20000)."""
    if word == "成千上万":
        return Decimal(1000), Decimal(20000)
    if word == "成百上千":
        return Decimal(100), Decimal(2000)
    if word.startswith("数以"):
        word = "几" + word[2:-1]
    if word.endswith("十几"):
        tens = DIGITS[word[0]] * 10 if len(word) == 3 else 10
        return Decimal(tens + 1), Decimal(tens + 10)
    step = _magnitude(word[1:])
    if word[0] == "上":
        return step, 2 * step
    return 2 * step, 10 * step  # 几, 数: 2 to 9


def _adjacent(num: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """三四 → (3, 4); 三五百 → (300, 500); 十五六 → (15, 16); 八九亿 → (8e8, 9e8): low, high, scale."""
    m = TEENS_RE.fullmatch(num)
    if m and DIGITS[m["y"]] == DIGITS[m["x"]] + 1:
        return Decimal(10 + DIGITS[m["x"]]), Decimal(10 + DIGITS[m["y"]]), Decimal(1)
    m = ADJACENT_RE.fullmatch(num)
    if not m:
        return None
    x, y = DIGITS[m["x"]], DIGITS[m["y"]]
    if not (y == x + 1 or (x, y) == (3, 5)):
        return None
    scale = _magnitude(m["places"])
    return x * scale, y * scale, scale


def _trailing_magnitude(num: str) -> tuple[str, Decimal]:
    """一百五十万 → (一百五十, 10^4); 九千亿 → (九千, 10^8); 六千 → (六, 1000); 三万五千 → (三万五千, 1)."""
    core = num.rstrip("万亿萬億")
    if core != num and core and not any(c in "万亿萬億" for c in core):
        return core, _magnitude(num[len(core):])
    if len(num) == 2 and num[0] in DIGITS and num[1] in "百千":
        return num[0], _magnitude(num[1])
    return num, Decimal(1)


def _read_atom(g: dict, p: str) -> _Atom:
    num = g[p + "num"]
    if CODE_DIGITS.match(num):
        raise ParseError(f"{num!r}: eleven digits or more, a telephone or identity number?")
    unit = g[p + "unit"] or ""
    unit = CURRENCIES.get(g[p + "cur2"] or unit, "元" if g[p + "kuai"] else unit)
    mag = _magnitude(g[p + "mag"] or "")
    sign = -1 if g[p + "sign"] else 1
    more = g[p + "more"] or g[p + "more2"] or ""
    if unit == "个百分点":
        unit = "百分点"
    if num[0] in "几数上成" or "几" in num:
        lo, hi = _vague(num)
        lo, hi = (lo * mag, hi * mag) if sign > 0 else (-hi * mag, -lo * mag)  # 负几百
        return _Atom(lo, hi, (lo + hi) / 2, abs(lo), lo, mag, abs(hi), unit, "vague", "vague")
    pair = _adjacent(num) if num[0] in "一二两三四五六七八九十" and len(num) >= 2 else None
    if pair:
        lo, hi, scale = pair
        lo, hi = (lo * mag, hi * mag) if sign > 0 else (-hi * mag, -lo * mag)  # 负三四百
        return _Atom(lo, hi, (lo + hi) / 2, scale * mag, lo, mag, abs(hi), unit, "range", "range")
    if num[-1] in "万亿萬億" and not g[p + "mag"]:
        coef_text, trailing = _trailing_magnitude(num)
        coef = parse_number(coef_text)
    elif num[-1] in "百千" and not g[p + "mag"]:
        coef_text, trailing = _trailing_magnitude(num)
        coef = parse_number(coef_text)
    else:
        coef, trailing = parse_number(num), Decimal(1)
    n = sign * coef * trailing * mag
    own = max((MAGNITUDES[c] for c in num if c in MAGNITUDES), default=1)
    step = place(coef * trailing) * mag
    if g[p + "half"]:
        n += sign * Decimal("0.5") * mag
        step = min(step, Decimal("0.5") * mag)
    coins = [(g[p + "jiao"] or g[p + "jiao2"], Decimal("0.1")), (g[p + "fen"] or g[p + "fen2"],
                                                                  Decimal("0.01"))]
    for coin, worth in coins:
        if coin:
            n += sign * parse_number(coin) * worth
            step = worth
    if coins[0][0] or coins[1][0]:
        unit = "元" if unit in ("块", "") else unit
    if more in ("多", "余", "来"):
        # 10万多: the uncertainty is one magnitude; 280多万, 2.3万余: one step of the last digit
        width = _more_width(step, mag, bool(g[p + "more2"]), coef == coef.to_integral_value())
        return _Atom(n, n + width, n, step, coef, trailing * mag, Decimal(own) * mag, unit,
                     "多" if more == "来" else more, "")
    return _Atom(n, n, n, step, coef, trailing * mag, Decimal(own) * mag, unit, "", "")


def _qualify(a: _Atom, words: list[str]) -> tuple[Decimal | float, Decimal | float, str]:
    """Apply the qualifiers before and after a number to its bounds."""
    low, high, qualifier = a.low, a.high, a.qualifier
    for word in words:
        if not word:
            continue
        word = "约占" if word.startswith("约占") else word  # 约占总数的: 约, a few words away
        shown, cls = QUALIFIER_WORDS.get(word.strip("（）()含"), (word, "exact"))
        if cls == "exact":
            continue
        qualifier = qualifier or shown
        exact = a.low == a.high and a.step  # 约三分之一: no last digit given, no width
        if cls == "about" and exact:
            low, high = a.value - a.step / 2, a.value + a.step / 2
        elif cls == "near" and exact:
            low, high = a.value - a.step / 2, a.value
        elif cls == "atleast":
            high = INF
        elif cls == "atmost":
            low = Decimal(0) if a.value >= 0 else -INF
    return low, high, qualifier


def _general(g: dict, surface: str) -> list[tuple]:
    """Templates (offset, length, kind, value, low, high, unit, qualifier, note, scale)."""
    a = _read_atom(g, "a")
    pre = g["pre"] or g["pre2"] or ""
    currency = CURRENCY_BEFORE.get(g["cur"] or "", "")
    if g["bnum"] is None:
        first = 0
        if pre == "从":  # 从 belongs to a range; alone it is no qualifier nor part of the phrase
            first, pre = 1, ""
        unit = currency if currency and a.unit in ("元", "") else a.unit
        low, high, qualifier = _qualify(a, [pre, g["suf"]])
        if g["anum"] in ("万", "亿") and not (unit or pre or g["amag"] or a.qualifier or g["suf"]):
            return []  # 万 or 亿 alone, with nothing to count: a name (万科, 億達)
        bare = (not unit and not g["amag"] and not a.qualifier and a.vague != "vague"
                and not any(c in g["anum"] for c in "万亿萬億0123456789０１２３４５６７８９")
                and not (a.vague == "range" and a.mag * a.step > 1) and not currency)
        if bare:
            return []
        return [(first, len(surface) - first, a.value, low, high, unit, qualifier, a.mag,
                 g["anum"])]
    b = _read_atom(g, "b")
    unit = currency if currency and b.unit in ("元", "") else b.unit
    change = g["chg"] is not None and a.unit and g["sep"].strip() in ("至", "到")
    if (a.unit and a.unit != b.unit) or change:  # 3个到5家; 增长2.1亿元至18.6亿元: two quantities
        first = len(surface) - len(surface.lstrip("从")) if pre == "从" else 0
        cut = g["sep_at"]  # where the separator starts in the surface
        low, high, qualifier = _qualify(a, [pre if pre != "从" else ""])
        low_b, high_b, qualifier_b = _qualify(b, [g["suf"]])
        after = cut + len(g["sep"])
        return [(first, cut - first, a.value, low, high, a.unit, qualifier, a.mag, g["anum"]),
                (after, len(surface) - after, b.value, low_b, high_b, b.unit, qualifier_b,
                 b.mag, g["bnum"])]
    lo_a, hi_a = a.low, a.high
    shares = (not g["amag"] and a.own_mag < b.mag and b.mag > 1
              and a.value <= b.coef and not a.unit)
    if shares:  # 两到三万, 一百二十到一百五十万元, 10~15k: the first end shares the magnitude
        lo_a, hi_a = lo_a * b.mag, hi_a * b.mag
    if lo_a > b.low or hi_a > b.high:
        raise ParseError(f"range {surface!r} runs backwards")
    joined = a._replace(low=lo_a, high=b.high, value=(lo_a + b.high) / 2, qualifier="range")
    low, high, _ = _qualify(joined, [g["suf"]] if g["suf"] else [])
    return [(0, len(surface), joined.value, low, high, unit, "range", b.mag, g["bnum"])]


# ------------------------------------------------------------------ other forms

class DateGroups:
    """The groups of a date match, fetched by name (``groupdict`` fetches every group)."""

    def __init__(self, m: re.Match):
        self.group = m.group

    def __getitem__(self, name: str):
        return self.group(name)


def _day(iso: str, day: str | None) -> str:
    return f"{iso}-{int(parse_number(day)):02d}"


def _date(m: re.Match) -> tuple[str, str]:
    g = DateGroups(m)
    if g["y1"] or g["y1b"] or g["y1c"]:  # 2011年至2015年, （2016—2020）, 2019-2023
        first, last = ((g["y1"], g["y2"]) if g["y1"] else (g["y1b"], g["y2b"]) if g["y1b"]
                       else (g["y1c"], g["y2c"]))
        if first > last:
            raise ParseError(f"span of years {m.group(0)!r} runs backwards")
        return "date", f"{first}/{last}"
    if g["decade"]:  # 八十年代 → 1980/1989; 20世纪80年代 too
        century = 19 if not g["cent"] else int(parse_number(g["cent"])) - 1
        first = century * 100 + int(parse_number(g["decade"]))
        return "date", f"{first}/{first + 9}"
    if g["rocy"] or g["fy"]:  # 民國109年 → 2020, 110年度 → 2021
        iso = f"{int(parse_number(g['rocy'] or g['fy'])) + ROC:04d}"
        if g["rocm"]:
            iso += f"-{int(parse_number(g['rocm'])):02d}"
            if g["rocd"]:
                iso = _day(iso, g["rocd"])
        return "date", iso
    if g["mo"]:  # 3月, 1-3月
        first = f"--{int(parse_number(g['mo'])):02d}"
        if g["mo2"]:
            return "date", f"{first}/--{int(parse_number(g['mo2'])):02d}"
        return "date", first
    if m.group("iso"):
        y, mo, d = (int(x) for x in re.split("[-/.]", m.group("iso")))
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        if m.group("hm"):
            return "time", f"{iso}T{m.group('hm').zfill(5)}"
        return "date", iso
    if m.group("year"):
        iso = f"{int(parse_number(m.group('year'))):04d}"
        if m.group("month"):
            iso += f"-{int(parse_number(m.group('month'))):02d}"
            if g["day2"]:  # 2024年4月18日至19日
                return "date", f"{_day(iso, g['day'])}/{_day(iso, g['day2'])}"
            if m.group("day"):
                iso = _day(iso, g["day"])
        return "date", iso
    month = f"--{int(parse_number(m.group('md_m'))):02d}"
    if g["md_d2"]:  # 4月18日至19日
        return "date", f"{_day(month, g['md_d'])}/{_day(month, g['md_d2'])}"
    return "date", _day(month, g["md_d"])


def _neighbours(word: str, surface: str) -> tuple[Decimal, Decimal]:
    """三四成, 七八折: two neighbouring numerals before 成 or 折 are a range of tenths, as 三四百
    is 300–400 (so 七八折 is 70%–80%, where 八五折 is 85%). Numerals that are not neighbours
    before 成 (二五成) are not a form of the language: an error, never a guess."""
    a, b = DIGITS.get(word[0], -2), DIGITS.get(word[1], -2)
    if b != a + 1:
        raise ParseError(f"{surface!r}: two numerals before 成 that are not neighbours")
    return Decimal(a * 10), Decimal(b * 10)


def _percent(g: dict, surface: str) -> tuple:
    """百分之三十, 30%, 3%—5%, 三分之一, 三成半, 三四成, 八五折, 七八折: a share in %."""
    sign = -1 if g["psign"] else 1
    pre, suf = g["pre"] or g["pre2"] or "", g["suf"] or ""
    hi_n = None
    if g["pnum"]:
        n = sign * parse_number(g["pnum"])
        step = place(n)
        if g["pnum2"]:
            hi_n = (-1 if g["psign2"] else 1) * parse_number(g["pnum2"])
    elif g["snum"]:  # 1/3
        num, den = parse_number(g["snum"]), parse_number(g["sden"])
        if not 0 < num < den <= 20 or math.gcd(int(num), int(den)) > 1:  # 3/15: a date?
            raise ParseError(f"{surface!r}: not a fraction in lowest terms below 1")
        n, step = Decimal(float(num * 100 / den)), Decimal(float(100 / den))
    elif g["fden"]:
        den = (_magnitude(g["fden"]) if all(c in MAGNITUDES for c in g["fden"])
               else parse_number(g["fden"]))  # 千万分之, 万万分之
        if not den:
            raise ParseError(f"fraction {surface!r} has a zero denominator")
        n = (-1 if g["fsign"] or g["fsign0"] else 1) * parse_number(g["fnum"]) * 100 / den
        step = place(parse_number(g["fnum"])) * 100 / den
        if g["fnum2"]:
            hi_n = parse_number(g["fnum2"]) * 100 / (parse_number(g["fden2"]) if g["fden2"] else den)
        if n != n.quantize(Decimal("1e-12")):  # 三分之一: a repeating decimal, as a float
            n, step = Decimal(float(n)), Decimal(float(step))
    elif g["cnum"] and len(g["cnum"]) == 2 and g["cnum"][1] in DIGITS:  # 三四成 = 30%–40%
        n, hi_n = _neighbours(g["cnum"], surface)
        if g["ctail"]:
            raise ParseError(f"{surface!r}: a range of 成 with a tail")
        step = place(n)
    elif g["cnum"]:  # 三成 = 30%, 三成半 = 35%, 七成六 = 76%
        n = parse_number(g["cnum"]) * 10
        tail = g["ctail"]
        if tail:
            n += 5 if tail == "半" else parse_number(tail)
        step = place(n)
    else:  # 八折 = 80%, 八五折 = 85%, 9.9折 = 99% of the price
        word = g["znum"]
        if word.endswith("对") or word == "半":
            n = Decimal(50)
        elif len(word) == 2 and DIGITS.get(word[1]) == DIGITS.get(word[0], -2) + 1:
            n, hi_n = _neighbours(word, surface)  # 七八折 = 70%–80%, as 七八百 is 700–800
        elif len(word) == 2 and word[0] in DIGITS and word[1] in DIGITS:
            n = Decimal(DIGITS[word[0]] * 10 + DIGITS[word[1]])  # 八五折
        elif word.isdigit() and len(word) == 2:
            n = Decimal(word)  # 85折
        else:
            n = parse_number(word) * 10
        step = place(n)
    if hi_n is not None:
        if hi_n < n:
            raise ParseError(f"range {surface!r} runs backwards")
        atom = _Atom(n, hi_n, (n + hi_n) / 2, step, n, Decimal(1), Decimal(1), "%", "range", "range")
    else:
        atom = _Atom(n, n, n, step, n, Decimal(1), Decimal(1), "%", "", "")
    low, high, qualifier = _qualify(atom, [pre, suf])
    return (0, len(surface), atom.value, low, high, "%", qualifier, Decimal(1), "")


LIST_ITEM = re.compile("[、及和或]")


def _percent_list(g: dict, surface: str) -> list[tuple]:
    """Shares listed after one 百分之: 百分之十二、三十四点五及六点七 is 12 %, 34.5 % and 6.7 %, each
    a row; a qualifier before the list (约) qualifies each."""
    pre = g["pre"] or g["pre2"] or ""
    first_end = surface.index(g["lnum"], surface.index("百分之")) + len(g["lnum"])
    items = [(0, first_end, g["lnum"])]
    at = first_end
    for word in LIST_ITEM.split(g["llist"])[1:]:
        start = surface.index(word, at)
        items.append((start, len(word), word))
        at = start + len(word)
    parts = []
    for offset, length, word in items:
        n = parse_number(word)
        atom = _Atom(n, n, n, place(n), n, Decimal(1), Decimal(1), "%", "", "")
        low, high, qualifier = _qualify(atom, [pre])
        parts.append((offset, length, n, low, high, "%", qualifier, Decimal(1), ""))
    return parts


def _template(m: re.Match) -> tuple[str, list[tuple]]:
    """What a match means, apart from its place in the text: a kind and its templates."""
    g = m.groupdict()
    surface = m.group(0)
    if g["region"]:
        n = parse_number(surface[0])
        return "name", [(0, len(surface), n, n, n, surface[1:], "", Decimal(1), "")]
    if g["iso"] or g["year"] or g["md_m"] or g["y1"] or g["y1b"] or g["mo"] or g["decade"]:
        kind, iso = _date(m)
        return kind, [(0, len(surface), None, None, None, "", "", Decimal(1), iso)]
    if g["anniv"]:  # 十周年: the tenth anniversary
        n = parse_number(g["anniv"])
        return "ordinal", [(0, len(surface), n, n, n, "周年", "", Decimal(1), "")]
    if g["da"]:  # 五大任务
        n = parse_number(g["da"])
        return "count", [(0, len(surface), n, n, n, "大", "", Decimal(1), g["da"])]
    if g["wnum"] or g["wnum2"]:
        years = parse_number(g["wnum"] or g["wnum2"])
        return "window", [(0, len(surface), years, years, years, "年", "",
                           Decimal(1), f"P{_num(years)}Y")]
    if g["lnum"]:  # 百分之十二、三十四点五及六点七
        return "percent", _percent_list(g, surface)
    if g["pnum"] or g["fden"] or g["cnum"] or g["znum"] or g["snum"]:
        return "percent", [_percent(g, surface)]
    if g["coin"] or g["coin2"]:
        n = parse_number(g["coin"] or g["coin2"]) / 10
        return "count", [(0, len(surface), n, n, n, "元", "", Decimal(1), "")]
    g["sep_at"] = m.start("sep") - m.start() if g["sep"] is not None else -1
    return "count", _general(g, surface)


class _Row(NamedTuple):
    """A quantity apart from its place in the text (the offsets are relative to the match)."""

    offset: int
    length: int
    kind: str
    value: int | float | None
    low: int | float | None
    high: int | float | None
    unit: str
    qualifier: str
    window: str  # the ISO date or span; for ``unparsed``, why
    scale: Decimal  # the magnitude a list before it shares (3、5、7万元)
    numeral: int  # where its first numeral stands, relative to the offset
    words: re.Pattern | None  # WORD_AT of that numeral: words that may hold it (一批, 进一步 …)
    year: bool  # a bare 19xx or 20xx with nothing to count: a year, unless in a name


_MAG = {None: 1, "万": 10**4, "亿": 10**8}
_MAGD = {k: Decimal(v) for k, v in _MAG.items()}


def _more_width(step: Decimal, mag: Decimal, after_mag: bool, whole: bool) -> Decimal:
    """How far 多 or 余 reaches: 6300多 one step of the last digit (100); 10万多 one magnitude
    (1万), but 2.3万余 from the last digit given (0.1万)."""
    return mag if after_mag and whole else step


def _reading(pre, digits, pct, more, word, more2, unit, suf) -> tuple:
    """kind, value, low, high, unit, qualifier and scale of a plain phrase (PLAIN's groups):
    the same atom and qualifiers as the general reading."""
    mag = _MAG[word]
    kind = "count"
    if pct:
        kind, unit = "percent", "%"
    elif not unit:
        unit = ""
    elif unit in DURATION_UNITS:
        kind = "duration"
    else:
        unit = PLAIN_UNIT_NAMES.get(unit, CURRENCIES.get(unit, unit))
    if "." in digits:  # the step of the last digit given: 21.88 → 0.01, 6300 → 100
        n = Decimal(digits)
        step = Decimal(1).scaleb(digits.index(".") + 1 - len(digits)) * mag
    else:
        n = int(digits)
        step = (10 ** (len(digits) - len(digits.rstrip("0"))) if n else 1) * mag
    value = n * mag
    high = value + _more_width(step, mag, bool(more2), "." not in digits) if more or more2 else value
    atom = _Atom(value, high, value, step, n, mag, mag, unit, more or more2 or "", "")
    low, high, qualifier = _qualify(atom, [pre, suf])
    return kind, _num(value), _num(low), _num(high), unit, qualifier, _MAGD[word]


def _rows(m: re.Match) -> list[_Row]:
    surface = m.group(0)
    if m.group("clock"):  # 10:30, 14:05:30
        hour, *rest = re.split("[:：]", surface)
        return [_Row(0, len(surface), "time", None, None, None, "", "", f"T{int(hour):02d}:" + ":".join(rest),
                     _MAGD[None], 0, None, False)]
    if m.group("ampm"):  # 下午3点 → T15, 晚上8点半 → T20:30
        hour = int(parse_number(m.group("hour2")))
        if m.group("ampm") in AFTERNOON and hour < 12:
            hour += 12
        if hour > 24:
            return [_Row(0, len(surface), "unparsed", None, None, None, "", "", f"no hour {hour} in a day",
                         _MAGD[None], 0, None, False)]
        minute = "30" if m.group("hhalf2") else m.group("hmin2")
        window = f"T{hour:02d}" + (f":{int(parse_number(minute)):02d}" if minute else "")
        return [_Row(0, len(surface), "time", None, None, None, "", "", window, _MAGD[None], 0, None,
                     False)]
    if m.group("gap"):  # 12 .5万元
        return [_Row(0, len(surface), "unparsed", None, None, None, "", "",
                     "a space inside a decimal: which number was meant?", _MAGD[None], 0, None, False)]
    if m.group("hour"):  # 9时, 9时30分, 9点半
        minute = "30" if m.group("hhalf") else m.group("hmin")
        window = f"T{int(m.group('hour')):02d}" + (f":{int(minute):02d}" if minute else "")
        return [_Row(0, len(surface), "time", None, None, None, "", "", window, _MAGD[None], 0, None,
                     False)]
    if m.group("days1") or m.group("days2"):  # 连续15日, 15日内: days
        n = _num(int(m.group("days1") or m.group("days2")))
        return [_Row(0, len(surface), "duration", n, n, n, "天", "", "", _MAGD[None], 0, None, False)]
    if m.group("bareday"):  # 于15日: which month?
        return [_Row(0, len(surface), "unparsed", None, None, None, "", "",
                     "a day without its month, or a number of days? (3月15日, 15天)", _MAGD[None], 0,
                     None, False)]
    if m.group("plan"):  # 十二五: a plan period, a name
        return [_Row(0, len(surface), "name", None, None, None, "", "", "", _MAGD[None], 0, None,
                     False)]
    try:
        if any(m.group(*DATE_GROUPS)):  # 2024-04-19, 2024年4月, 3月5日: nothing else to read
            kind, iso = _date(m)
            return [_Row(0, len(surface), kind, None, None, None, "", "", iso, _MAGD[None], 0,
                         None, False)]
        kind, parts = _template(m)
    except Exception as err:  # never give up on a text: whatever went wrong, the phrase is a row
        note = str(err) if isinstance(err, ParseError) else f"{type(err).__name__}: {err}"
        kind, parts = "unparsed", [(0, len(surface), None, None, None, "", "", 1, note)]
    rows = []
    for offset, length, value, low, high, unit, qualifier, scale, extra in parts:
        phrase = surface[offset:offset + length]
        first = NUMERAL_RE.search(phrase)
        numeral = first.start() if first else 0
        char = phrase[numeral]
        words = (None if kind == "name" or char in ARABIC_DIGITS or qualifier or unit in MONEY
                 else WORD_AT.get(char))  # 千万 is a word, but not in 过千万人 or 千万元
        this, window, year = kind, "", False
        if kind in ("date", "time", "window", "unparsed"):
            window = extra
        elif not low <= value <= high:
            this, window = "unparsed", f"bounds [{low}, {high}] do not hold {value}"
            value = low = high = None
        elif kind == "count":
            if unit in DURATION_UNITS:
                this = "duration"  # 十年 (a window is 近三年 or 十年来)
            year = not unit and phrase == extra and YEAR_RE.fullmatch(extra) is not None
        if value is not None:
            value, low, high = _num(value), _num(low), _num(high)
        rows.append(_Row(offset, length, this, value, low, high, unit, qualifier, window,
                         Decimal(scale), numeral, words, year))
    return rows


_CACHE: dict[tuple, list[_Row]] = {}


def _word_at(char: str) -> re.Pattern:
    """The words of NON_COUNT_WORDS that hold ``char``, as one regular expression matched at it
    (what comes before it in a word is a lookbehind): 一 → 一批|一些|…|(?<=进)一步|(?<=统)一 …"""
    alternatives = sorted({(f"(?<={re.escape(word[:i])}){re.escape(word[i:])}" if i else re.escape(word))
                           + "(?!分之)"  # 千万分之五 is a share, 千万 alone a word
                           for word in NON_COUNT_WORDS for i, c in enumerate(word) if c == char})
    if char == "一":
        alternatives.append(ARTICLE)
    guard = "(?!十分之)" if char == "十" else ""  # 十分之一 is a fraction, 十分 alone is "very"
    return re.compile(guard + "(?:" + "|".join(alternatives) + ")")


# For each numeral character, whether a word holds it at a place of the text: one match, not a
# test per word (一 is in some thirty of them)
WORD_AT = {char: _word_at(char) for char in set("".join(NON_COUNT_WORDS))}

# Traditional characters that the grammar needs, and full-width digits and signs, each mapped to
# one character (萬 → 万, 個 → 个, ３ → 3); 仟 and 佰 are the financial 千 and 百.
TRADITIONAL = ("萬億兩點餘數幾來個項臺歲約過達於為爲佔與內計總將負幣圓歐鎊韓盧銖塊錢週場屆條類種輛頭處"
               "間張冊縣區鎮鄉噸畝頁牀時鐘號戶隻門筆簽節製預違簡親鄰貼遠進統帶線體樣攬圖眾變羣撓這許"
               "頃規劃務從愛溫責關顆舉馬當貫叄仟佰○長減漲擴縮調連續歷後")
SIMPLIFIED = ("万亿两点余数几来个项台岁约过达于为为占与内计总将负币圆欧镑韩卢铢块钱周场届条类种辆头处"
              "间张册县区镇乡吨亩页床时钟号户只门笔签节制预违简亲邻贴远进统带线体样揽图众变群挠这许"
              "顷规划务从爱温责关颗举马当贯叁千百〇长减涨扩缩调连续历后")
FULL_WIDTH, HALF_WIDTH = "０１２３４５６７８９．％－～＋", "0123456789.%-~+"
TO_SIMPLE = dict(zip(TRADITIONAL + FULL_WIDTH, SIMPLIFIED + HALF_WIDTH, strict=True))
NEEDS_MAPPING = re.compile(f"[{TRADITIONAL}{FULL_WIDTH}]+")
# No number in prose runs this long (一千二百三十四亿五千六百七十八万九千零一十二 is 22
# characters): a longer run of numerals is one unparsed row, found in one linear scan, so that the
# grammar never tries it from each of its characters (100,000 一 took two minutes)
LONGEST_RUN = 40
LONG_RUN = re.compile(f"[{CN_CHARS}0-9]{{{LONGEST_RUN + 1},}}")


def _to_simple(m: re.Match) -> str:
    """A run of characters to map, mapped (a substitution per run: most texts have few)."""
    return "".join([TO_SIMPLE[c] for c in m.group()])

QUOTED = re.compile(r"“[^”\n]*”?|《[^》\n]*》?")  # a name or a title, up to its end or the line's


def find_quantities(text: str, strict: bool = False) -> list[Quantity]:
    """Every quantity in ``text``, in order of position.

    A phrase that cannot be read becomes a row of kind ``unparsed`` (its ``note`` says why), or,
    with ``strict=True``, raises :class:`ParseError` carrying its offsets.
    """
    # The rows are tuples of numbers and strings, with no cycles to collect: the cyclic garbage
    # collector would only walk the growing list again and again (a sixth of the time on 10 MB).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _find(text, strict)
    finally:
        if collecting:
            gc.enable()


def _find(original: str, strict: bool) -> list[Quantity]:
    # the grammar is written in simplified script with ASCII digits: traditional characters and
    # full-width forms are mapped one character to one, so offsets are those of the original
    text = NEEDS_MAPPING.sub(_to_simple, original)
    found: list[Quantity] = []
    scales: list[Decimal] = []
    bare: list[int] = []  # rows that may share the unit of the next one (3、5、7万元)
    # quoted spans, met in increasing order: quote_start < s < quote_end is inside a name
    quoted = [m.span() for m in QUOTED.finditer(text)] if "“" in text or "《" in text else []
    quoted.append((INF, INF))
    qi, (quote_start, quote_end) = 0, quoted[0]
    cache = _CACHE
    if len(cache) > 200_000:
        cache.clear()
    append, new, one = found.append, tuple.__new__, _MAGD[None]
    for m in _pieces(text):
        start, end = m.span()
        last = m.lastindex
        if last is None:  # a run of numerals too long to be one number (LONG_RUN)
            note = f"a run of {end - start} numerals is too long to read as one number"
            if strict:
                raise ParseError(note, start, end, original[start:end])
            append(new(Quantity, (original[start:end], "unparsed", None, None, None, "", "", "",
                                  start, end, note)))
            scales.append(one)
            continue
        if last <= PLAIN_GROUPS:  # 645, 645家, 1600万, 21.88亿元, 5.2%, 约300家, 6300多家
            while quote_end <= start:
                qi += 1
                quote_start, quote_end = quoted[qi]
            groups = m.group(*_PLAIN_INDICES)
            pre, digits, more, word, more2, unit, percent, suf = groups
            year = False
            if pre or more or more2 or suf:  # 约300家, 6300多家: read once per phrase
                reading = cache.get(groups)
                if reading is None:
                    reading = cache[groups] = _reading(
                        pre, digits, percent, more, word, more2, unit, suf)
                kind, value, low, high, unit, qualifier, scale = reading
            else:  # 645家, 1600万, 5.2%: exact, read here (the commonest case)
                scale = _MAGD[word] if word else one
                value = low = high = (int(digits) * _MAG[word] if "." not in digits
                                      else _num(Decimal(digits) * scale))
                unit, kind, qualifier = PLAIN_UNIT_NAMES.get(unit, unit or ""), "count", ""
                year = (not unit and not word and len(digits) == 4 and digits[:2] in ("19", "20")
                        and "." not in digits)
            window = ""
            if percent:
                kind, unit = "percent", "%"
            elif quote_start < start:
                kind = "name"  # “百家企业西部行”: part of a name or title
            elif start and text[start - 1] == "第":
                kind = "ordinal"  # 第三届
            elif year:  # 2024长三角教育论坛
                kind, window, value, low, high = "date", digits, None, None, None
            elif not unit:
                bare.append(len(found))
            append(new(Quantity, (original[start:end], kind, value, low, high, unit, qualifier,
                                  window, start, end, "")))
            scales.append(scale)
            continue
        if last == LONE_GROUP or last == CODE_GROUP:
            continue  # a Chinese digit alone (零售, 第一产业), a telephone or identity number
        # the key holds what the regular expression saw: the phrase and which alternative
        # matched; and after a final 块 the next character, the one lookahead past the phrase
        # that changes its groups (块钱 and 十块, 块 of money, against 三块砖 a measure word)
        surface = m.group(0)
        key = (surface, last, text[end:end + 1] if surface[-1] == "块" else "",
               m.start(CHANGE_GROUP) >= 0, m.group(DAY_PART_GROUP))
        rows = cache.get(key)
        if rows is None:
            rows = cache[key] = _rows(m)
        for (offset, length, kind, value, low, high, unit, qualifier, window, scale, numeral,
             words, year) in rows:
            s = start + offset
            e = s + length
            if words and words.match(text, s + numeral):
                continue  # 一批, 进一步, 万万没想到: a word, not a number
            if kind == "unparsed":
                if strict:
                    raise ParseError(window, s, e, original[s:e])
                value = low = high = None
            elif kind == "count" or kind == "duration":
                while quote_end <= s:
                    qi += 1
                    quote_start, quote_end = quoted[qi]
                if quote_start < s:
                    kind = "name"  # “百家企业西部行”: part of a name or title
                elif s and text[s - 1] == "第":
                    kind = "ordinal"  # 第三届
                elif year:  # 2024长三角教育论坛
                    kind, window, value, low, high = "date", text[s:e], None, None, None
                elif kind == "count" and not unit:
                    bare.append(len(found))
            append(new(Quantity, (original[s:e], kind, value, low, high, unit, qualifier,
                                  "" if kind == "unparsed" else window, s, e,
                                  window if kind == "unparsed" else "")))
            scales.append(scale)
    return _drop_list_labels(text, _share_list_units(text, found, scales, bare))


def _pieces(text: str):
    """The grammar's matches and the runs of numerals too long to read (matches of
    ``LONG_RUN``, which have no groups), in order of position."""
    pos = 0
    for run in LONG_RUN.finditer(text):
        yield from PATTERN.finditer(text, pos, run.start())
        yield run
        pos = run.end()
    yield from PATTERN.finditer(text, pos)


LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t\u3000]*[（(]?$")


def _drop_list_labels(text: str, found: list[Quantity]) -> list[Quantity]:
    """1.、2、(3) at the start of a line (or （3） there) number a list: no quantity. A bare
    number (no unit, no qualifier) that opens its line and is followed by 、 . ） is one."""
    def label(q: Quantity) -> bool:
        return (q.kind == "count" and not q.unit and not q.qualifier and q.end < len(text)
                and text[q.end] in "、.．)）"
                and bool(LABEL_BEFORE.search(text, max(0, q.start - 8), q.start)))
    return [q for q in found if not label(q)]


def _share_list_units(text: str, found: list[Quantity], scales: list[Decimal],
                      bare: list[int]) -> list[Quantity]:
    """3、5、7家: a bare number before a list separator shares the next one's unit and magnitude."""
    for i in reversed(bare):
        if i + 1 >= len(found):
            continue
        q, nxt = found[i], found[i + 1]
        if (nxt.kind == "count" and nxt.unit
                and text[q.end:nxt.start] in ("、", "，", ",", "和", "或", "及")):
            scale = scales[i + 1]
            low, value, high = (_num(Decimal(str(x)) * scale) for x in (q.low, q.value, q.high))
            found[i] = q._replace(value=value, low=low, high=high, unit=nxt.unit)
            scales[i] = scale
    return found
