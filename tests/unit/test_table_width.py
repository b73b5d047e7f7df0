"""A table says that it scrolls sideways only when its columns cannot all be seen at 1440 px (issue 24)."""

from __future__ import annotations

import pandas as pd

from ui.downloads import too_wide


def test_a_narrow_table_fits_and_a_wide_one_says_it_scrolls() -> None:
    narrow = pd.DataFrame({"Năm": ["2017"], "Hạng": ["1/16"], "Tỷ lệ giảm bước": ["63,6%"]})
    wide = pd.DataFrame({f"Tỷ lệ chỉ số thứ {i} (n)": ["66,7% ⚠ n=3"] for i in range(12)})
    wide.insert(0, "Loại đơn vị", ["Đơn vị sự nghiệp trực tiếp phục vụ quản lý nhà nước"])
    assert not too_wide(narrow)
    assert too_wide(wide)
