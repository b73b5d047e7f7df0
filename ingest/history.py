"""The import history as people read it, on the import page and from `python -m ingest --history`: headings in
the reader's language, what each batch wrote in the preview's words (unit-year figures and inspection rounds,
each new · changed · unchanged), the year and round it was given, times to the minute."""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.i18n import fmt_num, t

if TYPE_CHECKING:
    import pandas as pd

# whether a batch was undone, when and by whom come first, after its number: an undone batch must not read as a
# live one, and a table cut at the right edge (a phone, a narrow terminal) still shows it
COLUMNS = ("batch_id", "status", "undone_at", "undone_by", "file_name", "imported_by", "imported_at", "period",
           "figures", "rounds", "rows_read", "units_created", "is_demo")
_HEADINGS = {"status": "import.history_status.title", "period": "import_period.h_period",
             "figures": "import_period.h_figures", "rounds": "import_period.h_rounds"}


def _trio(batches: pd.DataFrame, prefix: str, lang: str, missing: str) -> list[str]:
    """'0 · 5 · 0' from a batch's new, changed and unchanged counts; `missing` for a batch that recorded none."""
    import pandas as pd

    rows = zip(*(batches[f"{prefix}_{s}"].tolist() for s in ("new", "changed", "unchanged")), strict=True)
    return [missing if any(pd.isna(v) for v in trio) else " · ".join(fmt_num(int(v), lang) for v in trio)
            for trio in rows]


def _period(batches: pd.DataFrame, lang: str, missing: str) -> list[str]:
    """'2018, đợt 2' for a batch given a year (and a round); `missing` for one whose file had the columns."""
    import pandas as pd

    out = []
    for year, rnd in zip(batches["year"].tolist(), batches["inspection_round"].tolist(), strict=True):
        rest = "" if pd.isna(rnd) else t("import_period.round_part", lang, round=int(rnd))
        out.append(missing if pd.isna(year) else f"{int(year)}{rest}")
    return out


def _status(undone_at: pd.Series, lang: str) -> list[str]:
    """'In force', or '⊘ UNDONE' (in capitals: it must not read as a live batch; when and by whom come next)."""
    import pandas as pd

    return [t("import.history_status.live" if pd.isna(at) else "import.history_status.undone", lang)
            for at in undone_at]


def history_table(batches: pd.DataFrame, lang: str, missing: str = "") -> pd.DataFrame:
    """The history (store.batches()) with one column per COLUMNS entry, headed in `lang`."""
    import pandas as pd

    out = batches.copy()
    for col in ("imported_at", "undone_at"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%d/%m/%Y %H:%M")
    out["status"] = _status(out["undone_at"], lang)
    for col in ("imported_at", "undone_at"):
        out[col] = out[col].fillna(missing)
    out["undone_by"] = out["undone_by"].astype(object).where(out["undone_by"].notna(), missing)
    out["is_demo"] = out["is_demo"].map({True: t("import.yes", lang), False: t("import.no", lang)})
    out["figures"] = _trio(out, "figures", lang, missing)
    out["rounds"] = _trio(out, "rounds", lang, missing)
    out["period"] = _period(out, lang, missing)
    out = out[list(COLUMNS)]
    return out.rename(columns={c: t(_HEADINGS.get(c, f"import.h_{c}"), lang) for c in COLUMNS})
