"""The test article's own code, beside its notebooks: its findings, in order of weight, each a
function of the data that computes its sentence and asserts its claim (``jjj.findings``)."""

from __future__ import annotations

from jjj import text
from jjj.findings import Finding, Inputs
from jjj.i18n import N_
from jjj.intervals import Interval


def elderly_share_consistent(x: Inputs) -> Finding:
    """The stated 38.4 % lies within the share its two amounts give."""
    share = x.metric("elderly_funds_share")
    stated = x.fig.loc["elderly_share", "value"]
    assert share.low <= stated <= share.high, (share, stated)

    def values(lang: str) -> dict:
        return {"stated": text.num(stated, lang), "range": text.interval(share, lang_=lang)}

    return Finding("elderly_share_consistent",
                   N_("长者照顾占总拨款的{stated}%与报道自己的两个金额一致：两个约数给出{range}%。"),
                   values, ("elderly_share", "elderly_funds", "overview_funds"), ("01_elderly",))


def youth_per_year(x: Inputs) -> Finding:
    """Youth projects per year over the three years, fewer than the elderly section's total."""
    rate = x.metric("youth_projects_per_year")
    elderly = Interval.of(x.fig.loc["elderly_projects"])
    assert rate.high < elderly.low, (rate, elderly)

    def values(lang: str) -> dict:
        return {"rate": text.interval(rate, lang_=lang)}

    return Finding("youth_per_year", N_("近三年平均每年{rate}个青少年项目。"),
                   values, ("youth_projects", "youth_projects_per_year"), ("02_youth",))


FINDINGS = (elderly_share_consistent, youth_per_year)
