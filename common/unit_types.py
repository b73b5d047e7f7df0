"""The six unit types of the article, in the article's order, and the administrative levels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitType:
    """One unit type: its code, its labels and the administrative level it sits at."""

    code: str
    label_vi: str
    label_en: str
    admin_level: str

    def label(self, lang: str) -> str:
        """The label in the given language."""
        return self.label_en if lang == "en" else self.label_vi


UNIT_TYPES: tuple[UnitType, ...] = (
    UnitType("cqcm_tinh", "Cơ quan chuyên môn cấp tỉnh", "Provincial specialised agency", "tinh"),
    UnitType("ubnd_huyen", "UBND cấp huyện", "District people's committee", "huyen"),
    UnitType("dvsn_so", "Đơn vị sự nghiệp trực thuộc sở", "Public service unit under a department", "tinh"),
    UnitType("phong_huyen", "Phòng chuyên môn cấp huyện", "District specialised office", "huyen"),
    UnitType(
        "dvsn_qlnn",
        "Đơn vị sự nghiệp trực tiếp phục vụ quản lý nhà nước",
        "Public service unit directly serving state management",
        "tinh",
    ),
    UnitType("ubnd_xa", "UBND cấp xã", "Commune people's committee", "xa"),
)
UNIT_TYPE_CODES: tuple[str, ...] = tuple(t.code for t in UNIT_TYPES)
_BY_CODE = {t.code: t for t in UNIT_TYPES}

ADMIN_LEVELS: dict[str, tuple[str, str]] = {
    "tinh": ("Cấp tỉnh", "Provincial"),
    "huyen": ("Cấp huyện", "District"),
    "xa": ("Cấp xã", "Commune"),
}


def unit_type(code: str) -> UnitType:
    """The unit type with this code; KeyError when there is none."""
    return _BY_CODE[code]


def type_label(code: str, lang: str) -> str:
    """The label of a unit type code, or the code itself when it is not one of the six."""
    found = _BY_CODE.get(code)
    return found.label(lang) if found else code


def level_label(level: str, lang: str) -> str:
    """The label of an administrative level code."""
    vi, en = ADMIN_LEVELS.get(level, (level, level))
    return en if lang == "en" else vi
