"""The unit list and lineage of the Lạng Sơn ISO 9001 demo (registry rows + illustrative ones)."""

from __future__ import annotations

REG, ILL = "registry", "minh họa"
MERGED, DISTRICT_END, NEW_COMMUNE = "2025-02-28", "2025-06-30", "2025-07-01"
NQ_04 = "Nghị quyết 04/NQ-HĐND ngày 18/02/2025 của HĐND tỉnh Lạng Sơn"
LAW_72 = "Luật Tổ chức chính quyền địa phương 2025 (Luật số 72/2025/QH15)"
Row = dict[str, str]  # one row of units.csv or lineage.csv, as written
NQ_XA = "Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025 (minh họa)"

# code, name, short name, valid_from, valid_to, source  (provincial agencies, parent LS-UBND)
CQCM = [
    ("LS-VPUBND", "Văn phòng UBND tỉnh", "VP UBND tỉnh", "", "", REG),
    ("LS-SNV", "Sở Nội vụ", "SNV", "", "", REG),
    ("LS-STP", "Sở Tư pháp", "STP", "", "", REG),
    ("LS-SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "", MERGED, REG),
    ("LS-STC", "Sở Tài chính", "STC", "", "", REG),
    ("LS-SCT", "Sở Công Thương", "SCT", "", "", REG),
    ("LS-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "", MERGED, REG),
    ("LS-STNMT", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "", MERGED, REG),
    ("LS-SGTVT", "Sở Giao thông vận tải", "Sở GTVT", "", MERGED, REG),
    ("LS-SXD", "Sở Xây dựng", "SXD", "", "", REG),
    ("LS-STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", "", MERGED, REG),
    ("LS-SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", "", "", REG),
    ("LS-SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "", MERGED, REG),
    ("LS-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "", "", REG),
    ("LS-SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "", "", REG),
    ("LS-SYT", "Sở Y tế", "SYT", "", "", REG),
    ("LS-SNGV", "Sở Ngoại vụ", "Sở NgV", "2004-12-16", "", REG),
    ("LS-TTRA", "Thanh tra tỉnh", "TTr tỉnh", "", "", REG),
    ("LS-BDT", "Ban Dân tộc", "BDT", "", MERGED, REG),
    ("LS-BQLKKT", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "BQL KKTCK", "", "", REG),
    ("LS-VPDDBQH", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "VP Đoàn ĐBQH và HĐND", "", "", ILL),
    ("LS-SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "2025-03-01", "", REG),
    ("LS-SDTTG", "Sở Dân tộc và Tôn giáo", "Sở DT&TG", "2025-03-01", "", REG),
]

# code suffix, district name (with "huyện"/"thành phố"), short district name
DISTRICTS = [
    ("TPLS", "thành phố Lạng Sơn", "TP Lạng Sơn"),
    ("TD", "huyện Tràng Định", "H. Tràng Định"),
    ("VL", "huyện Văn Lãng", "H. Văn Lãng"),
    ("VQ", "huyện Văn Quan", "H. Văn Quan"),
    ("BG", "huyện Bình Gia", "H. Bình Gia"),
    ("BS", "huyện Bắc Sơn", "H. Bắc Sơn"),
    ("HL", "huyện Hữu Lũng", "H. Hữu Lũng"),
    ("CL", "huyện Chi Lăng", "H. Chi Lăng"),
    ("CLO", "huyện Cao Lộc", "H. Cao Lộc"),
    ("LB", "huyện Lộc Bình", "H. Lộc Bình"),
    ("DL", "huyện Đình Lập", "H. Đình Lập"),
]

# code, name, short name, parent  (public service units under departments)
DVSN_SO = [
    ("LS-CCTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục TĐC", "LS-SKHCN"),
    ("LS-CCKL", "Chi cục Kiểm lâm", "CC Kiểm lâm", "LS-SNNPTNT"),
    ("LS-CCCNTY", "Chi cục Chăn nuôi và Thú y", "CC CN&TY", "LS-SNNPTNT"),
    ("LS-CCTTBVTV", "Chi cục Trồng trọt và Bảo vệ thực vật", "CC TT&BVTV", "LS-SNNPTNT"),
    ("LS-CCTL", "Chi cục Thủy lợi", "CC Thủy lợi", "LS-SNNPTNT"),
    ("LS-CCPTNT", "Chi cục Phát triển nông thôn", "CC PTNT", "LS-SNNPTNT"),
    ("LS-CCQLDD", "Chi cục Quản lý đất đai", "CC QLĐĐ", "LS-STNMT"),
    ("LS-CCBVMT", "Chi cục Bảo vệ môi trường", "CC BVMT", "LS-STNMT"),
    ("LS-CCVTLT", "Chi cục Văn thư - Lưu trữ", "CC VT-LT", "LS-SNV"),
    ("LS-BTDKT", "Ban Thi đua - Khen thưởng", "Ban TĐKT", "LS-SNV"),
    ("LS-BTG", "Ban Tôn giáo", "Ban TG", "LS-SNV"),
    ("LS-CCATVSTP", "Chi cục An toàn vệ sinh thực phẩm", "CC ATVSTP", "LS-SYT"),
    ("LS-CCDSKHHGD", "Chi cục Dân số - Kế hoạch hóa gia đình", "CC DS-KHHGĐ", "LS-SYT"),
]

# code, name, short name, parent  (provincial units directly serving state management)
DVSN_QLNN = [
    ("LS-VPDKDD", "Văn phòng Đăng ký đất đai", "VPĐKĐĐ", "LS-STNMT"),
    ("LS-TTKTTDC", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "TT Kỹ thuật TĐC", "LS-SKHCN"),
    ("LS-TTQTMT", "Trung tâm Quan trắc tài nguyên và môi trường", "TT Quan trắc", "LS-STNMT"),
    ("LS-TTPTQD", "Trung tâm Phát triển quỹ đất", "TT PTQĐ", "LS-STNMT"),
    ("LS-TTTGPL", "Trung tâm Trợ giúp pháp lý nhà nước", "TT TGPL", "LS-STP"),
    ("LS-TTDGTS", "Trung tâm Dịch vụ đấu giá tài sản", "TT ĐGTS", "LS-STP"),
    ("LS-TTDVVL", "Trung tâm Dịch vụ việc làm", "TT DVVL", "LS-SLDTBXH"),
    ("LS-TTKN", "Trung tâm Khuyến nông", "TT Khuyến nông", "LS-SNNPTNT"),
    ("LS-TTKSBT", "Trung tâm Kiểm soát bệnh tật", "CDC", "LS-SYT"),
    ("LS-TTLTLS", "Trung tâm Lưu trữ lịch sử", "TT Lưu trữ", "LS-SNV"),
    ("LS-TTXTDT", "Trung tâm Xúc tiến đầu tư", "TT XTĐT", "LS-SKHDT"),
    ("LS-BQLDA", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "BQLDA ĐTXD", "LS-UBND"),
    ("LS-TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông", "TT CNTT&TT", "LS-STTTT"),
    ("LS-TTTTCB", "Trung tâm Thông tin - Công báo", "TT TT-CB", "LS-VPUBND"),
]

# old code suffix, "phường"/"thị trấn", place name, district suffix, new code suffix
COMMUNES = [
    ("PCL", "phường", "Chi Lăng", "TPLS", "LVT"),
    ("PHVT", "phường", "Hoàng Văn Thụ", "TPLS", "LVT"),
    ("PTT", "phường", "Tam Thanh", "TPLS", "TTH"),
    ("PVT", "phường", "Vĩnh Trại", "TPLS", "TTH"),
    ("PDK", "phường", "Đông Kinh", "TPLS", "DK"),
    ("TTDD", "thị trấn", "Đồng Đăng", "CLO", "DD"),
    ("TTCLO", "thị trấn", "Cao Lộc", "CLO", "CLO"),
    ("TTNS", "thị trấn", "Na Sầm", "VL", "NS"),
    ("TTVQ", "thị trấn", "Văn Quan", "VQ", "VQ"),
    ("TTBG", "thị trấn", "Bình Gia", "BG", "BG"),
    ("TTBS", "thị trấn", "Bắc Sơn", "BS", "BS"),
    ("TTHL", "thị trấn", "Hữu Lũng", "HL", "HL"),
    ("TTDM", "thị trấn", "Đồng Mỏ", "CL", "CL"),
    ("TTCL", "thị trấn", "Chi Lăng", "CL", "CL"),
    ("TTLB", "thị trấn", "Lộc Bình", "LB", "LB"),
    ("TTND", "thị trấn", "Na Dương", "LB", "ND"),
    ("TTDL", "thị trấn", "Đình Lập", "DL", "DL"),
    ("TTTK", "thị trấn", "Thất Khê", "TD", "TK"),
]

# new code suffix -> (kind of level, name) for the communes and wards formed on 2025-07-01
NEW_COMMUNES = {
    "LVT": ("phường", "Lương Văn Tri"),
    "TTH": ("phường", "Tam Thanh"),
    "DK": ("phường", "Đông Kinh"),
    "DD": ("xã", "Đồng Đăng"),
    "CLO": ("xã", "Cao Lộc"),
    "NS": ("xã", "Na Sầm"),
    "VQ": ("xã", "Văn Quan"),
    "BG": ("xã", "Bình Gia"),
    "BS": ("xã", "Bắc Sơn"),
    "HL": ("xã", "Hữu Lũng"),
    "CL": ("xã", "Chi Lăng"),
    "LB": ("xã", "Lộc Bình"),
    "ND": ("xã", "Na Dương"),
    "DL": ("xã", "Đình Lập"),
    "TK": ("xã", "Thất Khê"),
}

# district office: code suffix, name prefix, short prefix
OFFICES = [
    ("VP", "Văn phòng HĐND và UBND", "VP HĐND-UBND"),
    ("TNMT", "Phòng Tài nguyên và Môi trường", "Phòng TN&MT"),
    ("TP", "Phòng Tư pháp", "Phòng TP"),
]

MERGERS_2025 = [
    ("LS-SKHDT", "LS-STC", "merge"),
    ("LS-SGTVT", "LS-SXD", "merge"),
    ("LS-STNMT", "LS-SNNMT", "merge"),
    ("LS-SNNPTNT", "LS-SNNMT", "merge"),
    ("LS-STTTT", "LS-SKHCN", "merge"),
    ("LS-SLDTBXH", "LS-SNV", "merge"),
    ("LS-BDT", "LS-SDTTG", "rename"),
]

COLUMNS = [
    "unit_code",
    "unit_name",
    "short_name",
    "unit_type",
    "admin_level",
    "parent_code",
    "valid_from",
    "valid_to",
    "source",
]


def unit(code: str, name: str, short: str, utype: str, level: str, parent: str, vfrom: str = "", vto: str = "",
         source: str = ILL) -> Row:
    """One row of units.csv."""
    return dict(zip(COLUMNS, [code, name, short, utype, level, parent, vfrom, vto, source], strict=True))


def provincial_units() -> list[Row]:
    """Provincial agencies, department units and units serving state management."""
    rows = [unit(c, n, s, "cqcm_tinh", "tinh", "LS-UBND", f, t, src) for c, n, s, f, t, src in CQCM]
    rows += [unit(c, n, s, "dvsn_so", "tinh", p, source=REG if c == "LS-CCTDC" else ILL) for c, n, s, p in DVSN_SO]
    rows += [unit(c, n, s, "dvsn_qlnn", "tinh", p) for c, n, s, p in DVSN_QLNN]
    for code, name, short in DISTRICTS:
        rows.append(
            unit(
                f"LS-VPDKDD-{code}",
                f"Chi nhánh Văn phòng Đăng ký đất đai {name}",
                f"CN VPĐKĐĐ {short}",
                "dvsn_qlnn",
                "huyen",
                "LS-VPDKDD",
            )
        )
    return rows


def district_units() -> list[Row]:
    """The 11 district UBNDs and their 34 offices (all end on 2025-06-30)."""
    rows = []
    for code, name, short in DISTRICTS:
        hcode = f"LS-H-{code}"
        rows.append(
            unit(hcode, f"UBND {name}", f"UBND {short}", "ubnd_huyen", "huyen", "LS-UBND", vto=DISTRICT_END, source=REG)
        )
        offices = OFFICES + ([("QLDT", "Phòng Quản lý đô thị", "Phòng QLĐT")] if code == "TPLS" else [])
        for suffix, prefix, sprefix in offices:
            rows.append(
                unit(
                    f"{hcode}-{suffix}",
                    f"{prefix} {name}",
                    f"{sprefix} {short}",
                    "phong_huyen",
                    "huyen",
                    hcode,
                    vto=DISTRICT_END,
                )
            )
    return rows


def commune_units() -> list[Row]:
    """The 18 wards/towns applying ISO in 2017 and the communes that succeed them in 2025."""
    rows = []
    for old, kind, place, district, _new in COMMUNES:
        rows.append(
            unit(
                f"LS-X-{old}",
                f"UBND {kind} {place}",
                f"UBND {_abbr(kind)} {place}",
                "ubnd_xa",
                "xa",
                f"LS-H-{district}",
                vto=DISTRICT_END,
            )
        )
    for new, (kind, place) in NEW_COMMUNES.items():
        rows.append(
            unit(
                f"LS-XA-{new}",
                f"UBND {kind} {place}",
                f"UBND {_abbr(kind)} {place}",
                "ubnd_xa",
                "xa",
                "LS-UBND",
                vfrom=NEW_COMMUNE,
            )
        )
    return rows


def _abbr(kind: str) -> str:
    """Short form of phường / thị trấn / xã."""
    return {"phường": "P.", "thị trấn": "TT", "xã": "xã"}[kind]


def in_scope(unit: Row, year: int) -> bool:
    """True when the unit is valid on 31 December of the year."""
    end = f"{year}-12-31"
    return unit["valid_from"] <= end and (not unit["valid_to"] or unit["valid_to"] >= end)


def build_units() -> list[Row]:
    """All rows of units.csv, in a stable order."""
    return provincial_units() + district_units() + commune_units()


def build_lineage() -> list[Row]:
    """All rows of lineage.csv: 2025 department mergers, district abolition, commune mergers."""
    rows = [_link(p, s, "2025-03-01", k, NQ_04) for p, s, k in MERGERS_2025]
    rows += [_link(u["unit_code"], "", NEW_COMMUNE, "abolish", LAW_72) for u in district_units()]
    counts: dict[str, int] = {}
    for *_, new in COMMUNES:
        counts[new] = counts.get(new, 0) + 1
    rows += [
        _link(f"LS-X-{old}", f"LS-XA-{new}", NEW_COMMUNE, "merge" if counts[new] > 1 else "rename", NQ_XA)
        for old, *_, new in COMMUNES
    ]
    return rows


def _link(pred: str, succ: str, date: str, kind: str, basis: str) -> Row:
    """One row of lineage.csv."""
    return {"predecessor_code": pred, "successor_code": succ, "event_date": date, "kind": kind, "legal_basis": basis}
