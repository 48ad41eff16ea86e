"""The data's vocabularies, each defined once: the values a column may hold, each with the label
a table shows for it (a catalog message, ``jjj.i18n``)."""

from jjj.i18n import N_

# What a figure counts (the codebook's ``measure``). Only a flow with a known window is ever put
# per year (``jjj.metrics.per_year``); every notebook reads this column and none decides it again.
MEASURES = {
    "flow": N_("流量"),  # events or outputs over a window (projects, agreements, visits, funds)
    "actors": N_("时段内参与的组织"),  # distinct organisations active over a window
    "stock": N_("存量"),  # a count at a date
    "coverage": N_("覆盖范围"),  # distinct places or fields reached
    "plan": N_("计划"),  # plans and intents
    "context": N_("另一篇报道的数字"),  # another article's number
    "date": N_("日期"),
}
# The kinds of derived metric (``jjj.metrics``)
KINDS = {"ratio": N_("比值"), "rate": N_("每年"), "share": N_("占比"), "union": N_("合计"),
         "overlap": N_("重叠"), "benchmark": N_("对照")}
