"""A leader's own view: "my unit" chosen once and kept in the URL (`me=`) and the session, marked
in rankings, charts and tables; a click on a ranking opens that unit's profile with the same filters."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import mine as mine_charts
from common.plain import chart_text, md
from metrics import Metric, evaluate, get
from metrics import ranking as fair
from metrics.funnel import class_label
from ui import carry, data
from ui.state import bad_param, lang, sync, tr

MARK = "★ "
KEY = "my_unit"


def my_unit() -> str | None:
    """My unit: the URL's `me` when it names a known unit (else a message), else the session's choice."""
    raw = st.query_params.get("me")
    if raw is not None and raw.strip() != st.session_state.get(KEY):
        code = raw.strip()
        if not code:
            st.session_state.pop(KEY, None)
        elif code in data.unit_names([code]):
            st.session_state[KEY] = code
        else:
            bad_param("me", raw, tr("view.filters.unit_codes"))
            del st.query_params["me"]
    found = st.session_state.get(KEY)
    return str(found) if found else None


def picker(page: str) -> str | None:
    """The "my unit" box in the sidebar, showing my unit (URL or session); a choice is kept at once, in the
    session and as `me=` in the URL, by the box's callback (before the run that shows it)."""
    current = my_unit()
    found = data.find_units("", 500)
    options = ["", *found["unit_code"]]
    if current and current not in options:
        options.append(current)
    names = dict(zip(found["unit_code"], found["unit_name"], strict=True))
    key = f"{page}_me"
    st.session_state[key] = current or ""  # the box shows my unit, whatever it last sent (a label, maybe stale)
    # Labels worked out now, not in format_func: AppTest calls that outside the script run, in no language.
    labels = {c: f"{names.get(c, c)} ({c})" if c else tr("view.mine.none") for c in options}
    st.sidebar.selectbox(tr("view.mine.pick"), options, key=key, help=tr("view.mine.help"),
                         format_func=lambda c: labels.get(c, c), on_change=_picked, args=(key, tuple(options)))
    sync("me", current or "")
    return current


def _picked(key: str, options: tuple[str, ...]) -> None:
    """The box's callback: its choice becomes my unit (a value that is not one of its codes is ignored:
    after a change of language the browser may send the old label of "none")."""
    code = str(st.session_state.get(key) or "")
    if code and code not in options:
        return
    if code:
        st.session_state[KEY] = code
        st.query_params["me"] = code
    else:
        st.session_state.pop(KEY, None)
        st.query_params.pop("me", None)


def marked(names: pd.Series, codes: pd.Series, me: str | None) -> list[str]:
    """Unit names with my unit marked ★ (plain text: it survives CSV and XLSX downloads)."""
    plain = names.astype(str)  # whole columns: iterating Arrow-backed strings costs ~1 µs a cell
    out: list[str] = (plain.where(codes.to_numpy() != me, MARK + plain) if me else plain).tolist()
    return out


def bars_of(fig: go.Figure, bars: pd.DataFrame, key: str = "ranking_chart") -> None:
    """Remember the unit of each bar of a ranking chart drawn under `key` (its bars `bars`, best first), for a
    click (see follow): Plotly reports a click on a bar as its first bar, so the point's index cannot be trusted;
    its label can."""
    st.session_state[f"{key}__codes"] = dict(zip(fig.data[0].y, bars["unit_code"].iloc[::-1], strict=True))


def _clicked_bar(key: str) -> str | None:
    """The unit of the bar clicked in the chart drawn under `key`, found by its label (see outline)."""
    state = st.session_state.get(key)
    points = state["selection"]["points"] if state else []
    codes = st.session_state.get(f"{key}__codes", {})
    found = [codes[p["y"]] for p in points if p.get("curve_number", 0) > 0 and p.get("y") in codes]
    return str(found[0]) if found else None


def rows_of(table_key: str, codes: pd.Series) -> None:
    """Remember the unit of each row of a ranking table drawn under `table_key`, for a click on a row (see follow)."""
    st.session_state[f"{table_key}__codes"] = codes.astype(str).tolist()


def _clicked_row(key: str) -> str | None:
    state = st.session_state.get(key)
    rows = state["selection"]["rows"] if state else []
    codes = st.session_state.get(f"{key}__codes", [])
    return str(codes[rows[0]]) if rows and rows[0] < len(codes) else None


def follow(chart_key: str, table_key: str) -> None:
    """A bar or a row of the ranking clicked: open that unit's profile, the URL's filters kept. Called before
    anything is drawn, so that the page being left is not built again first (the units are those the chart and
    the table were drawn with: see outline, rows_of)."""
    code = _clicked_bar(chart_key) or _clicked_row(table_key)
    if code:
        params = {k: st.query_params[k] for k in st.query_params}
        st.switch_page("pages/profile.py", query_params={**params, **carry.params(unit=code)})


def ranks_over_years(code: str, unit_type: str, metric: Metric, span: tuple[int, int]) -> pd.DataFrame:
    """year, rank, rank_lo, rank_hi, ranked (units with a value that year), value: the unit's rank in its type."""
    return _ranks(data.db_path().as_posix(), data.stamp(), code, unit_type, metric.key, span)


@st.cache_data(show_spinner=False, max_entries=256)
def _ranks(path: str, version: data.Stamp, code: str, unit_type: str, key: str, span: tuple[int, int]) -> pd.DataFrame:
    """Cached by the database's stamp like ui.data's reads: ranking every unit of a type in every year
    (25,000 communes × 20 years nationally) took half a second of each rerun of the profile."""
    metric = get(key)
    values = evaluate(data.counts(["year", "unit_code"], span, unit_types=[unit_type]), metric.key)
    return fair.history(values, metric, code)


def rank_section(code: str, name: str, unit_type: str, metric: Metric, span: tuple[int, int]) -> None:
    """The profile's rank within its type over the years: a chart (1 on top) and a table with downloads."""
    from common.unit_types import type_label
    from ui.downloads import chart, table

    lg = lang()
    st.subheader(tr("view.mine.rank_title", type=md(type_label(unit_type, lg))))
    if metric.better == "neutral":
        st.caption(tr("view.mine.not_ranked", metric=metric.label(lg)))
        return
    ranks = ranks_over_years(code, unit_type, metric, span)
    if not ranks["rank"].notna().any():  # an empty chart would read as "something failed to draw"
        st.caption(tr("view.mine.no_ranks", metric=metric.label(lg)))
        return
    title = tr("view.mine.rank_chart", unit=chart_text(name), metric=metric.label(lg))
    chart(mine_charts.rank_history(ranks, lg, data.has_demo_data(), title), f"{code}-hang-{metric.key}",
          "rank_chart")
    st.caption(tr("fair.profile.caption"))
    table(_rank_table(ranks, metric, lg), ranks, f"hang-{code}-{metric.key}", "rank_history")


def _rank_table(ranks: pd.DataFrame, metric: Metric, lg: str) -> pd.DataFrame:
    """The rank history as the profile shows it: "3 (1–9)/21", the value and the class against the group."""
    rank_texts = [fair.rank_text(r, lo, hi, lg) for r, lo, hi in zip(ranks["rank"], ranks["rank_lo"],
                                                                      ranks["rank_hi"], strict=True)]
    return pd.DataFrame({
        tr("view.filters.year"): ranks["year"].astype(str),
        tr("fair.profile.col_rank"): [f"{r}/{int(n)}" if r != "–" else "–"
                                      for r, n in zip(rank_texts, ranks["ranked"], strict=True)],
        metric.label(lg): [_fmt(metric, v) for v in ranks["value"]],
        tr("fair.col_class"): [class_label(c, lg) for c in ranks["class"]],
    })


def _fmt(metric: Metric, value: object) -> str:
    from metrics.shown import fmt_metric

    return fmt_metric(metric, None if pd.isna(value) else float(value), lang())  # type: ignore[arg-type]
