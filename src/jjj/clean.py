"""From the raw article and the codebook to ``data/<slug>/processed/figures.csv`` (and its companions).

The steps, each a function the cleaning notebook calls and shows:

1. ``split_article``: paragraphs and sentences with character offsets and a section
   (header, body, byline, related, footer).
2. ``find_quantities`` over the whole text (``jjj.quantities``), each placed in its sentence.
3. ``match_codebook``: every quantity matches exactly one codebook row (a figure, or a number
   excluded with a reason), and every codebook row matches the text: coverage both ways.
4. ``reconcile``: a figure stated twice is kept once; the statements must agree.
5. ``resolve_windows``: 近三年, 十年来 … become dated intervals ending at the publication date.
6. ``validate``: the pandera schema (types, bounds, unique ids, every area of the registry).

Every error is an :class:`jjj.io.InputError` naming the file and the place; ``write_outputs``
writes nothing unless every table is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from jjj import config, data, vocab
from jjj.io import InputError, read_csv, read_text, write_csv
from jjj.quantities import ParseError, find_quantities

AREAS = config.AREAS
# What a figure may be: a count (of organisations, projects, yuan …), a share in %, or a date
FIGURE_KINDS = ["count", "percent", "date"]
AREA_ORDER = {area: i + 1 for i, area in enumerate(AREAS)} | {"overview": 0}
MATCH_FIELDS = ("section", "kind", "surface", "before", "after")
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")  # up to and with its end mark
# An article's page settings (data/<slug>/page.toml): each a regular expression, with the groups it must have
PAGE_KEYS = {"dateline": {"date", "time"}, "heading": set(), "byline": set(), "related": set(),
             "footer": set(), "related_item": {"outlet", "date"}}

FIGURE_COLUMNS = [
    "id", "area", "metric", "label_zh", "label_en", "kind", "value", "low", "high", "unit",
    "qualifier", "date", "window", "window_start", "window_end", "window_years", "measure", "span",
    "window_basis", "years_low", "years_high", "counts", "who", "org_kind", "paragraph",
    "sentence", "start", "end", "surface", "statements", "sentence_text",
]


@dataclass(frozen=True)
class Page:
    """How an article's page is laid out (``data/<slug>/page.toml``, ``path``), each a compiled expression."""

    path: Path
    dateline: re.Pattern | None  # None: the page prints no dateline (SOURCE.md dates it)
    heading: re.Pattern
    byline: re.Pattern
    related: re.Pattern
    footer: re.Pattern
    related_item: re.Pattern


def load_page(path: Path | str = config.PAGE) -> Page:
    """The page settings, checked: every key there, each a regular expression that compiles and
    has the groups the cleaning reads; a fault names the file and the key."""
    import tomllib

    path = Path(path)
    try:
        settings = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: {err}") from None
    missing, unknown = set(PAGE_KEYS) - set(settings), set(settings) - set(PAGE_KEYS)
    if missing or unknown:
        raise InputError(f"{path}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    compiled = {}
    for key, groups in PAGE_KEYS.items():
        if key == "dateline" and settings[key] == "":  # the page prints none: SOURCE.md dates it
            compiled[key] = None
            continue
        try:
            compiled[key] = re.compile(settings[key])
        except (re.error, TypeError) as err:
            raise InputError(f"{path}: {key} is not a regular expression: {err}") from None
        lacking = groups - set(compiled[key].groupindex)
        if lacking:
            raise InputError(f"{path}: {key} needs the groups {sorted(lacking)}")
    return Page(path, **compiled)


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    page: Page

    def where(self, pos: int) -> str:
        """``file:line:column`` of a character offset (1-based, characters not bytes)."""
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return f"{self.path}:{line}:{col}"


def load_article(path: Path | str = config.RAW_ARTICLE, page: Path | str = config.PAGE) -> Article:
    return Article(Path(path), read_text(path), load_page(page))


# ------------------------------------------------------------------ 1. paragraphs and sentences

def split_article(article: Article) -> pd.DataFrame:
    """One row per sentence: paragraph number, sentence number, section, offsets, text.

    Paragraphs are non-empty lines. Sections (the page settings' expressions): ``header`` up to
    the dateline, ``byline`` (文/…, 编辑/…), ``related`` from 相关阅读, ``footer`` from 最新评论,
    ``body`` otherwise.
    """
    page = article.page
    rows, section, paragraph = [], "header", 0
    for m in re.finditer(r"[^\n]+", article.text):
        line = m.group(0)
        if not line.strip():
            continue
        paragraph += 1
        stripped = line.strip()
        if page.related.match(stripped):
            section = "related"
        elif page.footer.match(stripped):
            section = "footer"
        elif section in ("body", "byline") and page.byline.match(stripped):
            section = "byline"
        elif section == "header" and paragraph > 1 and rows and rows[-1]["section"] == "header" \
                and (page.dateline is None or page.dateline.search(rows[-1]["text"])):
            section = "body"
        sentence, pos = 0, m.start()
        for part in SENTENCE.finditer(line):
            if not part.group(0).strip():
                continue
            sentence += 1
            rows.append({
                "paragraph": paragraph, "sentence": sentence, "section": section,
                "start": pos + part.start(), "end": pos + part.end(), "text": part.group(0),
            })
    return pd.DataFrame(rows)


def source_fields(path: Path | str) -> dict[str, str]:
    """The fields of a SOURCE.md (its table of field and value)."""
    rows = re.findall(r"^\| *([a-zA-Z0-9-]+) *\| *(.+?) *\|$", read_text(path), re.M)
    return {k: v for k, v in rows if k != "field"}


def _source_fields(article: Article) -> dict[str, str]:
    """The fields of the SOURCE.md beside the article."""
    path = article.path.parent / "SOURCE.md"
    if not path.exists():
        raise InputError(f"{path}: not found: a page with no dateline is dated by its SOURCE.md "
                         "(| published | YYYY-MM-DD HH:MM |)")
    return source_fields(path)


def _source_published(article: Article) -> str:
    m = re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{1,2}:[0-9]{2})?",
                 _source_fields(article).get("published", ""))
    if not m:
        raise InputError(f"{article.path.parent / 'SOURCE.md'}: published is not YYYY-MM-DD (HH:MM): "
                         "the page prints no dateline, so it dates the article")
    return m.group(0)


def published(article: Article) -> pd.Timestamp:
    """The publication date-time from the dateline (the anchor of relative windows), or from
    SOURCE.md's ``published`` when the page prints none (``dateline = ''``)."""
    if article.page.dateline is None:
        return pd.Timestamp(_source_published(article))
    head = article.text[:400]
    m = article.page.dateline.search(head)
    if not m:
        raise InputError(f"{article.path}: no dateline in the first lines (the expression "
                         f"'dateline' of {article.page.path})")
    return pd.Timestamp(f"{m.group('date')} {m.group('time')}")


def headline(article: Article) -> dict:
    """Title, outlet and publication time of the article, from its header lines (a page without a
    dateline: its first line, and SOURCE.md's outlet and date)."""
    lines = [ln.strip() for ln in article.text.splitlines() if ln.strip()]
    if article.page.dateline is None:
        return {"title": lines[0], "outlet": _source_fields(article).get("outlet", ""),
                "published": _source_published(article)}
    for i, line in enumerate(lines[:6]):
        m = article.page.dateline.search(line)
        if m and i >= 1:
            return {"title": lines[i - 1], "outlet": line[: m.start()].strip(),
                    "published": f"{m.group('date')} {m.group('time')}"}
    raise InputError(f"{article.path}: no dateline after the title in the first lines (the "
                     f"expression 'dateline' of {article.page.path})")


# ------------------------------------------------------------------ 2. quantities in sentences

def quantities(article: Article, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every quantity in the article with its paragraph, sentence and section."""
    try:
        found = find_quantities(article.text, strict=True)
    except ParseError as err:
        raise InputError(f"{article.where(err.start)}: cannot read {err.surface!r}: {err}") from None
    # the parser's ``window`` (ISO date, or P3Y for a span) is called ``iso`` from here on, so
    # that ``window`` can be the figure's time window from the codebook
    q = pd.DataFrame([x.as_dict() for x in found]).rename(columns={"window": "iso"})
    idx = sentences["start"].searchsorted(q["start"], side="right") - 1
    placed = sentences.iloc[idx].reset_index(drop=True)
    q["paragraph"] = placed["paragraph"].to_numpy()
    q["sentence"] = placed["sentence"].to_numpy()
    q["section"] = placed["section"].to_numpy()
    q["sentence_text"] = placed["text"].to_numpy()
    return q


# ------------------------------------------------------------------ 3. codebook coverage

def load_codebook(path: Path | str = config.CODEBOOK) -> pd.DataFrame:
    book = read_csv(path, dtype=str).fillna("")
    required = {"id", "status", "area", *MATCH_FIELDS, "metric", "label_zh", "label_en",
                "counts", "who", "org_kind", "window", "measure", "span", "reason"}
    missing = required - set(book.columns)
    if missing:
        raise InputError(f"{path}: missing columns {sorted(missing)}")
    spans = data.windows()
    measures = vocab.codes("measure")  # and an article's kinds of organisation, when it codes any
    org_kinds = vocab.codes("org_kind") if (book["org_kind"] != "").any() else []
    for i, row in book.iterrows():
        place = f"{path}: row {i + 2} ({row['id'] or 'no id'})"
        if row["status"] not in ("figure", "excluded"):
            raise InputError(f"{place}: status must be figure or excluded, not {row['status']!r}")
        if row["status"] == "figure" and row["area"] not in (*AREAS, "overview"):
            raise InputError(f"{place}: unknown area {row['area']!r}")
        if row["status"] == "figure" and row["measure"] not in measures:
            raise InputError(f"{place}: measure must be one of {sorted(measures)}, "
                             f"not {row['measure']!r}")
        if row["org_kind"] and row["org_kind"] not in org_kinds:
            raise InputError(f"{place}: org_kind {row['org_kind']!r} is not in the article's vocabulary "
                             f"({config.VOCABULARY}): add a row for it there")
        if row["status"] == "figure" and row["span"] not in spans.index:
            raise InputError(f"{place}: span {row['span']!r} is not a row of "
                             f"{config.WINDOW_REGISTRY}")
        if row["status"] == "excluded" and not row["reason"]:
            raise InputError(f"{place}: an excluded number needs a reason")
        if not (row["surface"] or row["before"] or row["after"] or row["section"]):
            raise InputError(f"{place}: give at least one of surface, before, after, section")
    dup = book["id"][book["id"].duplicated()]
    if len(dup):
        raise InputError(f"{path}: duplicate id {dup.iloc[0]!r}")
    return book


def load_area_registry() -> pd.DataFrame:
    """The area registry (``config.AREA_ROWS``): English name, metaphor, colour and headline keys
    of each area."""
    return pd.DataFrame(config.AREA_ROWS).set_index("area")


def _row_matches(text: str, q: pd.Series, row: pd.Series) -> bool:
    return (
        (not row["section"] or row["section"] == q["section"])
        and (not row["kind"] or row["kind"] == q["kind"])
        and (not row["surface"] or row["surface"] == q["surface"])
        and (not row["before"] or text[max(0, q["start"] - len(row["before"])):q["start"]]
             == row["before"])
        and (not row["after"] or text[q["end"]:q["end"] + len(row["after"])] == row["after"])
    )


def match_codebook(article: Article, q: pd.DataFrame, book: pd.DataFrame,
                   book_path: Path | str = config.CODEBOOK) -> pd.DataFrame:
    """Give every quantity its codebook id; fail on a number or a row left unmatched."""
    ids = []
    for _, quantity in q.iterrows():
        hits = [row["id"] for _, row in book.iterrows()
                if _row_matches(article.text, quantity, row)]
        here = (f"{article.where(quantity['start'])}: {quantity['surface']!r} in paragraph "
                f"{quantity['paragraph']}, sentence {quantity['sentence']}: "
                f"«{quantity['sentence_text'].strip()}»")
        if not hits:
            raise InputError(f"{here} has no row in {book_path}; add it as a figure or exclude "
                             "it with a reason")
        if len(hits) > 1:
            raise InputError(f"{here} matches several rows of {book_path}: {hits}")
        ids.append(hits[0])
    q = q.assign(id=ids)
    unused = book.loc[~book["id"].isin(ids)]
    if len(unused):
        row = unused.iloc[0]
        described = ", ".join(f"{f}={row[f]!r}" for f in MATCH_FIELDS if row[f])
        raise InputError(f"{book_path}: row {unused.index[0] + 2} ({row['id']}) matches nothing "
                         f"in {article.path} ({described}): has the phrase gone?")
    return q


# ------------------------------------------------------------------ 4. figures stated twice

def reconcile(article: Article, matched: pd.DataFrame) -> pd.DataFrame:
    """Keep the first statement of each figure; fail when two statements disagree."""
    compare = ["kind", "value", "low", "high", "unit", "qualifier", "iso"]
    keep = []
    for fid, group in matched.groupby("id", sort=False):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            if not all(_same(first[c], other[c]) for c in compare):
                raise InputError(
                    f"{article.path}: figure {fid} is stated twice with different values: "
                    f"{first['surface']!r} at {article.where(first['start'])} and "
                    f"{other['surface']!r} at {article.where(other['start'])}"
                )
        keep.append(first.to_dict() | {"statements": len(group)})
    return pd.DataFrame(keep)


def _same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or a == b


# ------------------------------------------------------------------ 5. windows

def resolve_windows(article: Article, figures: pd.DataFrame, quantities: pd.DataFrame) -> pd.DataFrame:
    """Turn each codebook window label into dates and a length in years, from the text.

    近N年 / N年来: the N years before publication (its length N comes from the text).
    YYYY年: 1 January of that year to publication (a part-year: never annualised).
    现有 (stock at publication) and empty: no window.
    """
    pub = published(article).normalize()
    windows = quantities[quantities["kind"] == "window"].drop_duplicates("surface")
    years_of = dict(zip(windows["surface"], windows["value"], strict=True))
    out = figures.copy()
    starts, ends, years = [], [], []
    for _, f in out.iterrows():
        label = f["window"]
        if label in years_of:
            n = years_of[label]
            starts.append((pub - pd.DateOffset(years=int(n))).date().isoformat())
            ends.append(pub.date().isoformat())
            years.append(float(n))
        elif re.fullmatch(r"[0-9]{4}年", label or ""):
            starts.append(f"{label[:4]}-01-01")
            ends.append(pub.date().isoformat())
            years.append(float("nan"))
        else:
            starts.append("")
            ends.append("")
            years.append(float("nan"))
    out = out.assign(window_start=starts, window_end=ends, window_years=years)
    spans = data.windows()
    for f_id, f in out.iterrows():
        span = spans.loc[f["span"]]
        text_years = f["window_years"]
        if span["basis"] in ("unknown", "none"):  # no period to divide by, whatever the label
            low = high = float("nan")
        else:
            low = float(span["years_low"]) if span["years_low"] else text_years
            high = float(span["years_high"]) if span["years_high"] else text_years
        if span["basis"] in ("stated", "derived") and f["measure"] != "plan" and pd.isna(high):
            raise InputError(f"{config.CODEBOOK}: figure {f['id']} has span {f['span']!r} "
                             f"({span['basis']}) but its window {f['window']!r} gives no length")
        out.loc[f_id, ["window_basis", "years_low", "years_high"]] = [span["basis"], low, high]
    return out


def resolve_dates(article: Article, figures: pd.DataFrame) -> pd.DataFrame:
    """Dates without a year (4月19日) take the publication year."""
    pub = published(article)
    dates = figures["iso"].where(figures["kind"] == "date", "")
    dates = dates.map(lambda d: f"{pub.year}{d[1:]}" if d.startswith("--") else d)
    return figures.assign(date=dates)


# ------------------------------------------------------------------ 6. schema

def _bounds_ok(df: pd.DataFrame) -> pd.Series:
    counts = df["kind"] != "date"
    return ~counts | ((df["low"] <= df["value"]) & (df["value"] <= df["high"]))


FIGURES_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "area": pa.Column(str, pa.Check.isin([*AREAS, "overview"])),
        "metric": pa.Column(str),
        "label_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        "kind": pa.Column(str, pa.Check.isin(FIGURE_KINDS)),
        "value": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "low": pa.Column(float, nullable=True, checks=pa.Check.ge(0)),
        "high": pa.Column(float, nullable=True),
        "unit": pa.Column(str),
        "qualifier": pa.Column(str),
        "date": pa.Column(str),
        "window": pa.Column(str),
        "window_years": pa.Column(float, nullable=True, checks=pa.Check.gt(0)),
        "measure": pa.Column(str, pa.Check.isin(vocab.codes("measure"))),
        "window_basis": pa.Column(str, pa.Check.isin(list(data.WINDOW_BASES))),
        "years_low": pa.Column(float, nullable=True, checks=pa.Check.gt(0)),
        "years_high": pa.Column(float, nullable=True, checks=pa.Check.gt(0)),
        "paragraph": pa.Column(int, pa.Check.ge(1)),
        "sentence": pa.Column(int, pa.Check.ge(1)),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int),
        "surface": pa.Column(str, pa.Check.str_length(min_value=1)),
        "statements": pa.Column(int, pa.Check.ge(1)),
    },
    checks=[
        pa.Check(_bounds_ok, error="low <= value <= high"),
        pa.Check(lambda df: df["start"] < df["end"], error="start < end"),
        pa.Check(lambda df: ~(df["years_low"] > df["years_high"]), error="years_low <= years_high"),
        pa.Check(lambda df: (df["measure"] == "date") == (df["kind"] == "date"),
                 error="dates, and only dates, have measure date"),
        pa.Check(lambda df: (df["measure"] == "share") == (df["kind"] == "percent"),
                 error="percentages, and only percentages, have measure share"),
        pa.Check(lambda df: set(AREAS) <= set(df["area"]), element_wise=False,
                 error="each area of the registry (data/<slug>/areas.csv) has a figure"),
        pa.Check(lambda df: (df["kind"] == "date") | df["value"].notna(),
                 error="every count has a value"),
    ],
    strict=False,
    coerce=True,
)


def validate(figures: pd.DataFrame, article: Article) -> pd.DataFrame:
    """Check the schema and that ``raw[start:end]`` is the surface of every row."""
    try:
        figures = FIGURES_SCHEMA.validate(figures, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases[["column", "check", "index", "failure_case"]].head(10)
        raise InputError(f"figures built from {article.path} fail the schema:\n"
                         f"{cases.to_string(index=False)}") from None
    for _, f in figures.iterrows():
        if article.text[f["start"]:f["end"]] != f["surface"]:
            raise InputError(f"{article.where(f['start'])}: offsets of {f['id']} do not point at "
                             f"{f['surface']!r}")
    return figures


# ------------------------------------------------------------------ the whole step

def build_figures(article: Article, book: pd.DataFrame, book_path=config.CODEBOOK) -> dict:
    """All intermediate tables of the cleaning, ending in the validated figures table."""
    sentences = split_article(article)
    q = quantities(article, sentences)
    matched = match_codebook(article, q, book, book_path)
    figure_ids = book.loc[book["status"] == "figure", "id"]
    kept = reconcile(article, matched[matched["id"].isin(figure_ids)])
    meta = book.set_index("id")[["area", "metric", "label_zh", "label_en", "counts", "who",
                                 "org_kind", "window", "measure", "span"]]
    figures = kept.join(meta, on="id")
    figures = resolve_dates(article, figures)
    figures = resolve_windows(article, figures, q)
    figures["sort"] = figures["area"].map(AREA_ORDER)
    figures["sentence_text"] = figures["sentence_text"].str.strip()
    figures = figures.sort_values(["sort", "start"], kind="stable")[FIGURE_COLUMNS]
    figures = validate(figures.reset_index(drop=True), article)
    excluded = matched[~matched["id"].isin(figure_ids)].join(
        book.set_index("id")[["reason", "reason_zh"]], on="id")
    excluded = excluded.assign(sentence_text=excluded["sentence_text"].str.strip())
    return {"sentences": sentences, "quantities": q, "matched": matched,
            "figures": figures, "excluded": excluded,
            "areas": areas(article, figures, sentences), "related": related(article, sentences),
            "lists": lists(article, sentences)}


AREA_COLUMNS = ["area", "order", "name_zh", "metaphor", "name_en", "metaphor_en", "color",
                "headline_figure", "headline_metric", "heading", "paragraph", "start", "end"]


def areas(article: Article, figures: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each area's heading sentence and metaphor, with its English names, colour and headline
    keys from the area registry (``data/<slug>/areas.csv``). An area's heading is the last
    sentence of the body that the page's ``heading`` matches in or before the paragraph of the
    area's first figure: in the same paragraph (共…协同发展“…”) or a line of its own above it
    (一、…)."""
    registry = load_area_registry()
    body = sentences[sentences["section"] == "body"]
    headings = [(s, m) for _, s in body.iterrows() if (m := article.page.heading.search(s["text"]))]
    rows = []
    for area in AREAS:
        mine = figures[figures["area"] == area]
        first = mine.loc[mine["start"].idxmin()] if len(mine) else None
        before = [(s, m) for s, m in headings if first is not None and s["paragraph"] <= first["paragraph"]]
        if not before:
            where = article.where(int(first["start"])) if first is not None else "no figure"
            raise InputError(f"{article.path}: no heading (the expression 'heading' of "
                             f"{article.page.path}) before the first figure of area {area} ({where})")
        s, m = before[-1]
        groups = m.groupdict()
        name = groups.get("name") or s["text"][: m.start()].rstrip(",，、 ")
        reg = registry.loc[area]
        rows.append({"area": area, "order": AREA_ORDER[area], "name_zh": name,
                     "metaphor": groups.get("metaphor") or "",
                     "name_en": reg["name_en"], "metaphor_en": reg["metaphor_en"],
                     "color": reg["color"], "headline_figure": reg["headline_figure"],
                     "headline_metric": reg["headline_metric"],
                     "heading": s["text"].strip(), "paragraph": s["paragraph"],
                     "start": s["start"], "end": s["end"]})
    return pd.DataFrame(rows, columns=AREA_COLUMNS)  # an article of the overview alone: no row


def related(article: Article, sentences: pd.DataFrame,
            glossary_path: Path | str = config.GLOSSARY) -> pd.DataFrame:
    """The related-reading list: headline, outlet and date of each linked article, with the
    English of headline and outlet from ``data/<slug>/glossary.csv``."""
    glossary = dict(read_csv(glossary_path, dtype=str).fillna("").itertuples(index=False))
    lines = sentences[sentences["section"] == "related"].drop_duplicates("paragraph")
    lines = lines[~lines["text"].map(lambda x: bool(article.page.related.match(x.strip())))]
    rows, pending = [], None
    for _, s in lines.iterrows():
        m = article.page.related_item.fullmatch(s["text"])
        if m and pending is not None:
            title, outlet = pending["text"].strip(), m.group("outlet")
            for name in (title, outlet):
                if name not in glossary:
                    raise InputError(f"{glossary_path}: no English name for {name!r} (related "
                                     f"reading, {article.where(pending['start'])})")
            rows.append({"title": title, "outlet": outlet, "date": m.group("date"),
                         "title_en": glossary[title], "outlet_en": glossary[outlet],
                         "start": pending["start"], "end": s["end"]})
            pending = None
        else:
            pending = s
    return pd.DataFrame(rows, columns=["title", "outlet", "date", "title_en", "outlet_en", "start",
                                       "end"])


EXCLUDED_COLUMNS = ["id", "surface", "kind", "reason", "reason_zh", "section", "paragraph", "sentence",
                    "start", "end", "sentence_text"]


def lists(article: Article, sentences: pd.DataFrame, spec_path: Path | str = config.LISTS,
          glossary_path: Path | str = config.GLOSSARY) -> pd.DataFrame:
    """The enumerations of the text (organisers, fields, kinds of activity …), item by item.

    ``data/<slug>/lists.csv`` says where each list stands: the sentence that holds ``sentence_has``,
    from after ``start_after`` to before ``end_before``. Items are split on 、 and 和; a leading
    quantity (千余家石材经销商) is dropped. Each item takes its English name from
    ``data/<slug>/glossary.csv`` and its province from its name (a ``province`` code of the vocabulary
    that the name starts with).
    """
    spec = read_csv(spec_path, dtype=str).fillna("")
    glossary = dict(read_csv(glossary_path, dtype=str).fillna("").itertuples(index=False))
    body = sentences[sentences["section"] == "body"]
    rows = []
    for i, s in spec.iterrows():
        place = f"{spec_path}: row {i + 2} ({s['id']})"
        hits = body[body["text"].str.contains(s["sentence_has"], regex=False)]
        if hits.empty:
            raise InputError(f"{place}: no sentence of {article.path} holds {s['sentence_has']!r}")
        found = None
        for _, sent in hits.iterrows():  # the first sentence that holds both markers
            a = sent["text"].find(s["start_after"])
            b = sent["text"].find(s["end_before"], a + len(s["start_after"])) if a >= 0 else -1
            if a >= 0 and b >= 0:
                found = sent, a, b
                break
        if found is None:
            sent = hits.iloc[0]
            raise InputError(f"{place}: {s['start_after']!r} … {s['end_before']!r} not found in "
                             f"«{sent['text'].strip()}» ({article.where(sent['start'])})")
        sent, a, b = found
        offset = sent["start"] + a + len(s["start_after"])
        span = sent["text"][a + len(s["start_after"]):b]
        for q in find_quantities(span)[:1]:
            if q.start == 0 and q.kind == "count":
                offset, span = offset + q.end, span[q.end:]
        for pos, m in enumerate(re.finditer(r"[^、和]+", span), start=1):
            item = m.group(0).strip()
            if item not in glossary:
                raise InputError(f"{glossary_path}: no English name for {item!r} "
                                 f"(list {s['id']}, {article.where(offset + m.start())})")
            rows.append({"list": s["id"], "area": s["area"], "position": pos, "item": item,
                         "item_en": glossary[item],
                         "province": next((p for p in vocab.codes("province") if item.startswith(p)), ""),
                         "start": offset + m.start(), "end": offset + m.end(),
                         "label_zh": s["label_zh"], "label_en": s["label_en"]})
    return pd.DataFrame(rows)


def write_outputs(tables: dict) -> list[Path]:
    """Write every processed table (each atomically, after all are built and checked)."""
    return [
        write_csv(tables["figures"], config.FIGURES_CSV),
        write_csv(tables["areas"], config.PROCESSED / "areas.csv"),
        write_csv(tables["related"], config.PROCESSED / "related.csv"),
        write_csv(tables["lists"], config.PROCESSED / "lists.csv"),
        write_csv(tables["excluded"][EXCLUDED_COLUMNS], config.PROCESSED / "excluded.csv"),
    ]


def run(raw: Path | str = config.RAW_ARTICLE, codebook: Path | str = config.CODEBOOK) -> dict:
    article = load_article(raw)
    tables = build_figures(article, load_codebook(codebook), codebook)
    tables["written"] = write_outputs(tables)
    return tables
