"""The city's courts and each court's usual departments (reference-data.md)."""

from __future__ import annotations

from benchguard.organization.choices import CourtLevel, DepartmentType

HIGHER_COURT = {
    "name": "山东省高级人民法院", "short_name": "山东高院", "abbreviation": "鲁高法",
    "level": CourtLevel.HIGH, "case_code": "鲁", "division_code": "370000", "sort_order": 0,
}  # fmt: skip

INTERMEDIATE_COURT = {
    "name": "山东省青岛市中级人民法院", "short_name": "青岛中院", "abbreviation": "青中法",
    "level": CourtLevel.INTERMEDIATE, "case_code": "鲁02", "division_code": "370200", "sort_order": 1,
}  # fmt: skip

# (name, short name, abbreviation, case-number code, division code)
BASE_COURTS = [
    ("青岛市市南区人民法院", "市南法院", "市南法", "鲁0202", "370202"),
    ("青岛市市北区人民法院", "市北法院", "市北法", "鲁0203", "370203"),
    ("青岛市黄岛区人民法院", "黄岛法院", "黄岛法", "鲁0211", "370211"),
    ("青岛市崂山区人民法院", "崂山法院", "崂山法", "鲁0212", "370212"),
    ("青岛市李沧区人民法院", "李沧法院", "李沧法", "鲁0213", "370213"),
    ("青岛市城阳区人民法院", "城阳法院", "城阳法", "鲁0214", "370214"),
    ("青岛市即墨区人民法院", "即墨法院", "即墨法", "鲁0215", "370215"),
    ("胶州市人民法院", "胶州法院", "胶州法", "鲁0281", "370281"),
    ("平度市人民法院", "平度法院", "平度法", "鲁0283", "370283"),
    ("莱西市人民法院", "莱西法院", "莱西法", "鲁0285", "370285"),
]

# The departments a court of the city usually has.
STANDARD_DEPARTMENTS = [
    ("立案庭", DepartmentType.CASE_FILING),
    ("民事审判第一庭", DepartmentType.TRIAL),
    ("民事审判第二庭", DepartmentType.TRIAL),
    ("刑事审判第一庭", DepartmentType.TRIAL),
    ("行政审判庭", DepartmentType.TRIAL),
    ("执行局", DepartmentType.ENFORCEMENT),
    ("信访办公室", DepartmentType.PETITION_RECEPTION),
    ("诉讼服务中心", DepartmentType.LITIGATION_SERVICES),
    ("司法警察支队", DepartmentType.JUDICIAL_POLICE),
    ("传达室", DepartmentType.GATEHOUSE),
    ("政治部", DepartmentType.PERSONNEL_OFFICE),
    ("工会", DepartmentType.TRADE_UNION),
    ("法官权益保障委员会办公室", DepartmentType.COMMITTEE_OFFICE),
    ("办公室", DepartmentType.GENERAL_OFFICE),
    ("审判管理办公室", DepartmentType.TRIAL_MANAGEMENT),
    ("纪检监察室", DepartmentType.DISCIPLINE_INSPECTION),
]


def base_court_fields(index: int) -> dict[str, object]:
    name, short, abbreviation, case_code, division_code = BASE_COURTS[index]
    return {
        "name": name, "short_name": short, "abbreviation": abbreviation, "level": CourtLevel.BASE,
        "case_code": case_code, "division_code": division_code, "sort_order": 10 + index,
    }  # fmt: skip
