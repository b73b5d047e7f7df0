"""The columns of an inspection file: canonical names, the headers people write for them, and
how a header cell is recognised (diacritics, case, spaces and underscores ignored)."""

from __future__ import annotations

import functools
import re
import unicodedata

from common.columns import COUNT_FIGURES

# The columns in the template's order; the English header is the canonical name itself.
COLUMNS: tuple[str, ...] = (
    "unit_code",
    "unit_name",
    "unit_type",
    "year",
    "inspection_round",
    "inspected_on",
    "iso_version",
    "processes_total",
    "processes_removed",
    "processes_new",
    "processes_amended",
    "steps_before",
    "steps_after",
    "procedures_total",
    "procedures_under_iso",
    "improved",
    "note",
)
COUNT_COLUMNS: tuple[str, ...] = COUNT_FIGURES
FIGURE_COLUMNS: tuple[str, ...] = ("iso_version", *COUNT_COLUMNS)
INSPECTION_COLUMNS: tuple[str, ...] = ("inspection_round", "inspected_on", "improved", "note")

# Vietnamese headers of the template (issue 3) first, then other ways people write them.
_ALIASES: dict[str, tuple[str, ...]] = {
    "unit_code": ("Mã đơn vị", "Mã cơ quan", "Mã cơ quan, đơn vị", "Unit code", "Code"),
    "unit_name": (
        "Tên đơn vị", "Tên cơ quan", "Tên cơ quan, đơn vị", "Đơn vị", "Cơ quan, đơn vị", "Unit name",
        "Unit",
    ),
    "unit_type": ("Loại đơn vị", "Loại hình đơn vị", "Loại cơ quan", "Unit type", "Type"),
    "year": ("Năm", "Năm kiểm tra", "Năm báo cáo", "Year"),
    "inspection_round": ("Đợt kiểm tra", "Đợt", "Lần kiểm tra", "Inspection round", "Round"),
    "inspected_on": ("Ngày kiểm tra", "Ngày", "Inspected on", "Inspection date", "Date"),
    "iso_version": ("Phiên bản ISO", "Phiên bản", "Tiêu chuẩn áp dụng", "ISO version", "Version"),
    "processes_total": ("Số quy trình", "Tổng số quy trình", "Processes", "Processes total"),
    "processes_removed": ("Số quy trình loại bỏ", "Quy trình loại bỏ", "Processes removed"),
    "processes_new": (
        "Số quy trình viết mới", "Số quy trình xây dựng mới", "Quy trình viết mới", "Processes new",
        "New processes",
    ),
    "processes_amended": (
        "Số quy trình sửa đổi", "Quy trình sửa đổi", "Processes amended", "Amended processes",
    ),
    "steps_before": ("Số bước trước cải tiến", "Số bước trước", "Steps before"),
    "steps_after": ("Số bước sau cải tiến", "Số bước sau", "Steps after"),
    "procedures_total": ("Số TTHC", "Tổng số TTHC", "Số thủ tục hành chính", "Procedures", "Procedures total"),
    "procedures_under_iso": (
        "Số TTHC áp dụng ISO", "Số TTHC áp dụng", "Số thủ tục hành chính áp dụng ISO", "Procedures under ISO",
    ),
    "improved": ("Có cải tiến", "Cải tiến", "Kết quả cải tiến", "Improved"),
    "note": ("Ghi chú", "Note", "Notes", "Remarks"),
}
# The official report form's two-level header: a group heading merged over sub-headings. Each column is
# known by group + sub-heading ("Quy trình Tổng số"); a sub-heading alone is ambiguous ("Tổng số").
_GROUPS: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    ("Quy trình", "Số quy trình", "Quy trình ISO", "Processes"): {
        "processes_total": ("Tổng số", "Tổng", "Total"),
        "processes_removed": ("Loại bỏ", "Bãi bỏ", "Removed"),
        "processes_new": ("Viết mới", "Xây dựng mới", "Ban hành mới", "New"),
        "processes_amended": ("Sửa đổi", "Sửa đổi, bổ sung", "Amended"),
    },
    ("Số bước giải quyết", "Số bước", "Số bước thực hiện", "Steps"): {
        "steps_before": ("Trước cải tiến", "Trước", "Before"),
        "steps_after": ("Sau cải tiến", "Sau", "After"),
    },
    ("Thủ tục hành chính", "TTHC", "Số TTHC", "Số thủ tục hành chính", "Procedures"): {
        "procedures_total": ("Tổng số", "Tổng", "Total"),
        "procedures_under_iso": ("Áp dụng ISO", "Áp dụng", "Under ISO"),
    },
}
_STT = ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#")


@functools.lru_cache(maxsize=4096)  # the header search folds the same cells again and again
def fold(text: str) -> str:
    """A key for loose comparison: no diacritics (đ → d), lower case, `_`/`-` as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"[_\-]+", " ", bare.casefold())
    return " ".join(bare.split()).strip(" :.*")


HEADERS: dict[str, str] = {fold(c): c for c in COLUMNS} | {
    fold(alias): col for col, aliases in _ALIASES.items() for alias in aliases
} | {
    fold(f"{group} {sub}"): col
    for groups, subs in _GROUPS.items() for group in groups for col, names in subs.items() for sub in names
}
_STT_KEYS = frozenset(fold(s) for s in _STT)


def canonical(header: str) -> str | None:
    """The canonical column a header cell stands for, or None."""
    return HEADERS.get(fold(header))


def is_stt(header: str) -> bool:
    """Whether a header cell heads a row-number column (STT, TT, Số TT)."""
    return fold(header) in _STT_KEYS


def expected_headers() -> str:
    """The headers a file should have, for messages: `unit_code (Mã đơn vị), …`."""
    return ", ".join(f"{c} ({_ALIASES[c][0]})" for c in COLUMNS)
