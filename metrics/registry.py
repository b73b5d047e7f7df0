"""Every metric the dashboard shows, declared once: labels, definition, formula, target.

Pages, charts, exports and the methodology page read these declarations by key; the
arithmetic behind them is in `metrics.compute`.
"""

from __future__ import annotations

from metrics.model import COUNT_COLUMNS, DERIVED_COLUMNS, KEY_COLUMNS, Metric

__all__ = [
    "COUNT_COLUMNS",
    "DERIVED_COLUMNS",
    "KEY_COLUMNS",
    "REGISTRY",
    "Metric",
    "get",
]

_QD19 = "QĐ 19/2014/QĐ-TTg"
_PER_UNIT_DEN_VI = "đơn vị có số liệu quy trình"
_PER_UNIT_DEN_EN = "units with process figures"
# Where the domain's legal texts name no source, the metric says so rather than borrow one.
_OWN_VI = "Chỉ số riêng của bảng theo dõi, định nghĩa tại đây"
_OWN_EN = "The dashboard's own metric, defined here"


def _churn(
    kind: str, label_vi: str, label_en: str, verb_vi: str, verb_en: str
) -> Metric:
    """A process-churn metric: processes of one kind per unit-year with figures."""
    return Metric(
        key=f"processes_{kind}_per_unit",
        label_vi=label_vi,
        label_en=label_en,
        definition_vi=f"Số quy trình {verb_vi} bình quân mỗi đơn vị trong năm, "
        "tính trên các đơn vị có báo cáo số liệu quy trình.",
        definition_en=f"Average number of processes {verb_en} per unit in the year, "
        "over the units that reported process figures.",
        formula=f"processes_{kind} ÷ units_with_figures",
        formula_vi=f"số quy trình {verb_vi} ÷ số đơn vị có số liệu quy trình",
        formula_en=f"processes {verb_en} ÷ units with process figures",
        unit="per_unit",
        better="higher",
        numerator=f"processes_{kind}",
        denominator="units_with_figures",
        denominator_label_vi=_PER_UNIT_DEN_VI,
        denominator_label_en=_PER_UNIT_DEN_EN,
        source_vi=f"{_OWN_VI}.",
        source_en=f"{_OWN_EN}.",
    )


_METRICS: tuple[Metric, ...] = (
    Metric(
        key="coverage",
        label_vi="Tỷ lệ áp dụng ISO",
        label_en="ISO coverage",
        definition_vi="Phần trăm đơn vị đang áp dụng HTQLCL theo TCVN ISO 9001 "
        "trong số các đơn vị thuộc phạm vi bắt buộc (vào ngày 31/12) đã báo cáo năm đó; "
        "đơn vị chưa báo cáo là thiếu số liệu, không bị tính là không áp dụng.",
        definition_en="Share of the units in mandatory scope on 31 December that reported for "
        "the year and run a quality management system to TCVN ISO 9001; a unit that has not "
        "reported is missing, never counted as not applying.",
        formula="units_applying ÷ units_reporting",
        formula_vi="số đơn vị áp dụng ISO ÷ số đơn vị đã báo cáo",
        formula_en="units applying ISO ÷ units that reported",
        unit="percent",
        better="higher",
        numerator="units_applying",
        denominator="units_reporting",
        denominator_label_vi="đơn vị đã báo cáo",
        denominator_label_en="units that reported",
        target=1.0,
        target_kind="goal",
        source_vi=f"{_QD19}: bắt buộc đối với mọi cơ quan hành chính nhà nước.",
        source_en=f"{_QD19}: mandatory for all state administrative agencies.",
    ),
    Metric(
        key="inspection_coverage",
        label_vi="Tỷ lệ kiểm tra",
        label_en="Inspection coverage",
        definition_vi="Phần trăm đơn vị áp dụng ISO được Ban Chỉ đạo kiểm tra tại chỗ trong năm.",
        definition_en="Share of the units applying ISO that the steering committee "
        "inspected on site during the year.",
        formula="units_inspected ÷ units_applying",
        formula_vi="số đơn vị được kiểm tra ÷ số đơn vị áp dụng ISO",
        formula_en="units inspected ÷ units applying ISO",
        unit="percent",
        better="higher",
        numerator="units_inspected",
        denominator="units_applying",
        denominator_label_vi="đơn vị áp dụng ISO",
        denominator_label_en="units applying ISO",
        target=1 / 3,
        target_kind="floor",
        source_vi=f"TT 26/2014/TT-BKHCN, {_QD19}: mỗi năm kiểm tra tại chỗ "
        "ít nhất 1/3 số đơn vị.",
        source_en=f"TT 26/2014/TT-BKHCN, {_QD19}: at least one third of units "
        "inspected on site each year.",
    ),
    Metric(
        key="improvement_rate",
        label_vi="Tỷ lệ cải tiến",
        label_en="Improvement rate",
        definition_vi="Phần trăm đơn vị được kiểm tra có hoạt động cải tiến "
        "(bãi bỏ, xây dựng mới, sửa đổi quy trình hoặc giảm bước).",
        definition_en="Share of the inspected units that showed improvement activity "
        "(processes removed, written, amended or shortened).",
        formula="units_improved ÷ units_inspected",
        formula_vi="số đơn vị có cải tiến ÷ số đơn vị được kiểm tra",
        formula_en="units that improved ÷ units inspected",
        unit="percent",
        better="higher",
        numerator="units_improved",
        denominator="units_inspected",
        denominator_label_vi="đơn vị được kiểm tra",
        denominator_label_en="units inspected",
        interval=True,
        source_vi="TT 26/2014/TT-BKHCN (Điều 36, mục A.g): cải tiến là một nội dung kiểm tra; "
        "cách đếm đơn vị có cải tiến là của bảng theo dõi.",
        source_en="TT 26/2014/TT-BKHCN (Art. 36, item A.g): improvement is an inspection item; "
        "how improving units are counted is the dashboard's own.",
    ),
    _churn(
        "removed",
        "Quy trình bãi bỏ/đơn vị",
        "Processes removed per unit",
        "không còn phù hợp được bãi bỏ",
        "removed as no longer suitable",
    ),
    _churn(
        "new",
        "Quy trình xây dựng mới/đơn vị",
        "New processes per unit",
        "được xây dựng mới",
        "newly written",
    ),
    _churn(
        "amended",
        "Quy trình sửa đổi/đơn vị",
        "Processes amended per unit",
        "được sửa đổi, bổ sung",
        "amended",
    ),
    Metric(
        key="net_processes_per_unit",
        label_vi="Biến động thuần",
        label_en="Net process change",
        definition_vi="Số quy trình xây dựng mới trừ số bãi bỏ, bình quân mỗi đơn vị. "
        "Chỉ số trung tính: tăng có thể là mở rộng phạm vi, giảm có thể là tinh gọn, "
        "nên không xếp hạng theo chỉ số này.",
        definition_en="New processes minus removed ones, per unit. Neutral: a rise can mean "
        "a wider scope and a fall a leaner system, so units are not ranked on it.",
        formula="(processes_new − processes_removed) ÷ units_with_figures",
        formula_vi="(số quy trình xây dựng mới − số quy trình bãi bỏ) ÷ số đơn vị có số liệu quy trình",
        formula_en="(new processes − removed processes) ÷ units with process figures",
        unit="per_unit",
        better="neutral",
        numerator="processes_net",
        denominator="units_with_figures",
        denominator_label_vi=_PER_UNIT_DEN_VI,
        denominator_label_en=_PER_UNIT_DEN_EN,
        source_vi=f"{_OWN_VI}.",
        source_en=f"{_OWN_EN}.",
    ),
    Metric(
        key="step_reduction_rate",
        label_vi="Tỷ lệ giảm bước",
        label_en="Step reduction",
        definition_vi="Phần trăm số bước được cắt giảm trên các quy trình được đơn giản hoá "
        "(ví dụ từ 7–10 bước còn 3–5 bước).",
        definition_en="Share of steps cut from the processes that were simplified "
        "(for example from 7–10 steps down to 3–5).",
        formula="(steps_before − steps_after) ÷ steps_before",
        formula_vi="số bước giảm ÷ số bước trước khi đơn giản hoá",
        formula_en="steps cut ÷ steps before simplification",
        unit="percent",
        better="higher",
        numerator="steps_saved",
        denominator="steps_before",
        denominator_label_vi="bước trước khi đơn giản hoá",
        denominator_label_en="steps before simplification",
        source_vi=f"{_OWN_VI}.",
        source_en=f"{_OWN_EN}.",
    ),
    Metric(
        key="procedures_iso_share",
        label_vi="Tỷ lệ TTHC áp dụng ISO",
        label_en="Share of procedures under ISO",
        definition_vi="Phần trăm thủ tục hành chính của các đơn vị được giải quyết "
        "theo HTQLCL.",
        definition_en="Share of the units' administrative procedures handled under the "
        "quality management system.",
        formula="procedures_under_iso ÷ procedures_total",
        formula_vi="số TTHC giải quyết theo HTQLCL ÷ tổng số TTHC",
        formula_en="procedures handled under the system ÷ all procedures",
        unit="percent",
        better="higher",
        numerator="procedures_under_iso",
        denominator="procedures_total",
        denominator_label_vi="thủ tục hành chính",
        denominator_label_en="administrative procedures",
        target=1.0,
        target_kind="goal",
        source_vi="TT 26/2014/TT-BKHCN (Điều 36, mục A.a): phạm vi HTQLCL bao trùm "
        "mọi thủ tục hành chính của đơn vị.",
        source_en="TT 26/2014/TT-BKHCN (Art. 36, item A.a): the system's scope covers "
        "all of a unit's administrative procedures.",
    ),
    Metric(
        key="iso2015_rate",
        label_vi="Tỷ lệ chuyển đổi ISO 9001:2015",
        label_en="ISO 9001:2015 conversion",
        definition_vi="Phần trăm đơn vị áp dụng ISO đã chuyển sang TCVN ISO 9001:2015.",
        definition_en="Share of the units applying ISO that have moved to TCVN ISO 9001:2015.",
        formula="units_iso2015 ÷ units_applying",
        formula_vi="số đơn vị áp dụng ISO 9001:2015 ÷ số đơn vị áp dụng ISO",
        formula_en="units on ISO 9001:2015 ÷ units applying ISO",
        unit="percent",
        better="higher",
        numerator="units_iso2015",
        denominator="units_applying",
        denominator_label_vi="đơn vị áp dụng ISO",
        denominator_label_en="units applying ISO",
        target=1.0,
        target_kind="goal",
        source_vi="CV 419/BKHCN-TĐC (2018): hoàn thành chuyển đổi trước 30/06/2021 (nguồn thứ cấp).",
        source_en="CV 419/BKHCN-TĐC (2018): convert by 30/06/2021 (secondary source).",
    ),
    Metric(
        key="continuity_rate",
        label_vi="Tỷ lệ số liệu liên tục",
        label_en="Continuity check pass rate",
        definition_vi="Phần trăm đơn vị có số liệu khớp: số quy trình năm trước − bãi bỏ "
        "+ xây dựng mới = số quy trình năm nay.",
        definition_en="Share of units whose figures add up: last year's processes − removed "
        "+ new = this year's processes.",
        formula="(continuity_checked − continuity_breaks) ÷ continuity_checked",
        formula_vi="số đơn vị có số liệu khớp với năm trước ÷ số đơn vị có số liệu năm trước",
        formula_en="units whose figures agree with last year's ÷ units with last year's figures",
        unit="percent",
        better="higher",
        numerator="continuity_ok",
        denominator="continuity_checked",
        denominator_label_vi="đơn vị có số liệu năm trước",
        denominator_label_en="units with last year's figures",
        target=1.0,
        target_kind="goal",
        source_vi=f"{_OWN_VI}: số liệu báo cáo phải khớp giữa các năm.",
        source_en=f"{_OWN_EN}: reported figures should agree from one year to the next.",
    ),
)

REGISTRY: dict[str, Metric] = {m.key: m for m in _METRICS}
if len(REGISTRY) != len(_METRICS):  # a repeated key would silently shadow a metric
    raise ValueError("metric keys repeat in metrics.registry")


def get(key: str) -> Metric:
    """The metric with this key; KeyError listing the known keys when there is none."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(
            f"unknown metric {key!r}; known: {', '.join(REGISTRY)}"
        ) from None
