"""Messages a data clerk reads in the rejection report, one per rule (Chinese, with the column's label)."""

from __future__ import annotations

from schemas.tables import TABLES_BY_NAME

# `{label}` is the column's Chinese header; `{choices}` the accepted labels of an enum.
MESSAGES: dict[str, str] = {
    "required": "必填项「{label}」为空，请补填。",
    "date_format": "「{label}」不是可识别的日期（可写 2015-07-01、2015/7/1 或 2015年7月1日），请更正。",
    "date_not_real": "「{label}」写法正确，但这一天不存在（如 2月30日），请核对。",
    "boolean_format": "「{label}」应填 是/否（也可写 Y/N、1/0）。",
    "amount_format": "「{label}」不是有效金额（可写 1234.50、1,234.50 或 12.5万元，最多精确到分）。",
    "integer_format": "「{label}」应为整数。",
    "control_character": "「{label}」含有不可见的控制字符（原值中写作 \\x00 之类），多因文件损坏或导出不当；本行未导入，请删去这些字符后重新导出。",
    "enum": "「{label}」的取值不在允许范围内，允许：{choices}。",
    "uscc_check_char": "统一社会信用代码无效：应为18位数字或大写字母，且末位校验码正确；请核对登记证书。",
    "uscc_civil_affairs": "统一社会信用代码第1位应为 5（民政部门登记的社会组织）。",
    "uscc_type_agrees": "「{label}」与统一社会信用代码第2位不符（1=社会团体，2=民办非企业单位，3=基金会）。",
    "district_code": "「{label}」不在 GB/T 2260 行政区划代码表中，请核对。",
    "not_in_future": "「{label}」晚于今天，请核对。",
    "date_out_of_range": "「{label}」不在可能的日期范围内（{window}），请核对年份是否录错。",
    "deregistered_before_registered": "注销日期早于成立登记日期。",
    "inactive_without_date": "登记状态为注销或撤销，但没有填写注销日期。",
    "street_name_required": "街道级枢纽须填写「街道乡镇」。",
    "revoked_before_recognized": "撤销认定日期早于认定日期。",
    "ended_before_linked": "解除日期早于纳入日期。",
    "end_before_start": "结束日期早于开始日期。",
    "greater_than_or_equal_to": "「{label}」不能为负数。",
    "greater_than": "「{label}」必须大于 0。",
    "less_than_or_equal_to": "「{label}」超出允许范围。",
    "less_than": "「{label}」超出可以记录的范围，请核对。",
    "duplicate_key": "「{label}」与本文件前面的一行重复（同一编号只取最先出现的一行），本行未导入。",
    "unknown_reference": "「{label}」在{table}表中不存在。",
    "rejected_reference": "「{label}」指向的{table}表中的行已被拒收，本行随之拒收。",
    "active_but_deregistered": "「{label}」为正常，但填有注销日期，已导入；请核对两者哪个正确。",
    "unknown_column": "这一列不是本表的列，已忽略；如是拼写错误请更正表头。本表的列：{known}。",
    "city_hub_code": "市级枢纽的「{label}」应为市（地）级代码（如 110000），区县级、街道级枢纽应为区县代码。",
    "retired_code_unresolved": "「{label}」是1980年版的旧区划代码，1982年版重排代码后无法确定对应的现行区划，请改填现行代码。",
    # Warnings on a retired district code, one message per row (filled by pipeline/region_warnings):
    # {code} the code as filed, {name} what it meant, {year} the year it was retired, {today}
    # today's code the row counts in, {all} every code its area lies in today, {row_year} the
    # year of the row's date, {current_name} what the code means today (since {current_from}).
    "retired_district_code": "区划代码{code}（{name}）已于{year}年撤销，本行按现行区划计入{today}（{today_name}）；请在源表中更新为现行代码。",
    "retired_district_split": "区划代码{code}（{name}）已于{year}年撤销，其区域现分属{all}；本行计入{today}（{today_name}）（多个现行区划时取名称延续者，其次取沿用原代码者、调整时新设者，再次取代码最小者）。",
    "reused_district_code": "区划代码{code}现指{current_name}（{current_from}年起），在{row_year}年指当时的{name}（{year}年撤销）；本行按{row_year}年的含义计入{today}（{today_name}）。",
    "empty_file": "文件里没有数据行，按“没有记录”处理；如果本应有记录，请重新导出。",
    # Registers as the bureaus keep them (pipeline/locate fills the slots of the row's own values).
    "location_missing": "区划代码、住所、登记管理机关都未填写，无法确定组织所在地，请至少填写一项。",
    "address_unlocated": "住所未能确定区县：「{address}」中没有可识别的区县、市或省名称，且未填区划代码和登记管理机关。",
    "address_ambiguous": "住所未能确定区县：「{address}」中的「{name}」可指{candidates}，请填写区划代码或在住所中写明所属市。",
    "authority_unknown": "登记管理机关「{authority}」无法对应到行政区划（应为 民政部、某省民政厅、某市或某区县民政局、行政审批局或社会组织管理局），请核对。",
    "authority_ambiguous": "登记管理机关「{authority}」可指{candidates}，本行的区划代码和住所不足以区分，请填写区划代码。",
    "filing_id_is_uscc": "「{label}」是统一社会信用代码，已登记的组织应列入社会组织表，不能作为备案编号。",
    "filing_ended_before_filed": "撤销备案日期早于备案日期。",
    # warnings (pipeline/locate)
    "located_by_address": "未填区划代码，按住所「{address}」计入{code}（{name}）；请核对，并在源表中补填区划代码。",
    "located_by_authority": "未填区划代码，住所未写明区县，按登记管理机关「{authority}」计入{code}（{name}），不计入任何区县。",
    "level_disagrees": "登记级别「{level}」与登记管理机关「{authority}」（{authority_level}）不一致，本行按登记管理机关计为{authority_level}。",
    "authority_code_disagrees": "区划代码{code}（{name}）不在登记管理机关「{authority}」（{authority_code}）的辖区内，本行按区划代码计入。",
}

# Each rule's name in words, for the report's 规则 column and the dashboard: (Chinese, English).
RULE_NAMES: dict[str, tuple[str, str]] = {
    "required": ("必填项为空", "required value missing"),
    "date_format": ("日期无法识别", "unreadable date"),
    "date_not_real": ("日期不存在", "date that does not exist"),
    "boolean_format": ("是/否无法识别", "unreadable yes/no"),
    "amount_format": ("金额无法识别", "unreadable amount"),
    "integer_format": ("不是整数", "not an integer"),
    "control_character": ("含有控制字符", "control character"),
    "enum": ("取值不在允许范围", "value not allowed"),
    "uscc_check_char": ("信用代码校验位错误", "credit code check character wrong"),
    "uscc_civil_affairs": ("信用代码不是民政登记", "credit code not civil-affairs"),
    "uscc_type_agrees": ("组织类型与信用代码不符", "type disagrees with credit code"),
    "district_code": ("区划代码不存在", "unknown district code"),
    "not_in_future": ("日期晚于今天", "date in the future"),
    "date_out_of_range": ("日期超出可能范围", "date out of range"),
    "deregistered_before_registered": ("注销早于成立", "deregistered before registered"),
    "inactive_without_date": ("注销或撤销却无注销日期", "inactive without a date"),
    "street_name_required": ("街道级枢纽缺街道乡镇", "street-level hub without street"),
    "revoked_before_recognized": ("撤销认定早于认定", "revoked before recognized"),
    "ended_before_linked": ("解除早于纳入", "link ended before it began"),
    "end_before_start": ("结束早于开始", "ends before it starts"),
    "greater_than_or_equal_to": ("不能为负数", "negative value"),
    "greater_than": ("必须大于 0", "not above zero"),
    "less_than_or_equal_to": ("超出允许范围", "value too large"),
    "less_than": ("超出可记录范围", "value too large to record"),
    "duplicate_key": ("编号重复", "duplicate key"),
    "unknown_reference": ("引用的记录不存在", "unknown reference"),
    "rejected_reference": ("引用的记录已被拒收", "reference to a rejected row"),
    "active_but_deregistered": ("状态正常却有注销日期", "active but deregistered"),
    "unknown_column": ("未知的列", "unknown column"),
    "city_hub_code": ("枢纽级别与区划代码不符", "hub level disagrees with code"),
    "retired_district_code": ("已撤销的区划代码", "retired district code"),
    "retired_district_split": ("已撤销且已拆分的区划代码", "retired district code, split"),
    "reused_district_code": ("区划代码曾指其他区县", "district code reused"),
    "retired_code_unresolved": ("旧区划代码无法对应现行区划", "retired code without a successor"),
    "empty_file": ("文件没有数据行", "file without rows"),
    "location_missing": ("无法确定所在地", "no location given"),
    "address_unlocated": ("住所未能确定区县", "address names no region"),
    "address_ambiguous": ("住所中的区县名不唯一", "address names an ambiguous county"),
    "authority_unknown": ("登记管理机关无法识别", "unknown registration authority"),
    "authority_ambiguous": ("登记管理机关不唯一", "ambiguous registration authority"),
    "filing_id_is_uscc": ("备案编号是信用代码", "filing id is a credit code"),
    "filing_ended_before_filed": ("撤销备案早于备案", "filing ended before it was filed"),
    "located_by_address": ("按住所确定区县", "county taken from the address"),
    "located_by_authority": ("按登记管理机关确定所在地", "location taken from the authority"),
    "level_disagrees": ("登记级别与登记管理机关不符", "level disagrees with the authority"),
    "authority_code_disagrees": (
        "区划代码与登记管理机关不符",
        "code outside the authority's region",
    ),
}

# pandera's own check names, mapped to our rule names.
PANDERA_RULES = {
    "not_nullable": "required",
    "isin": "enum",
}


def column_label(table: str, column: str) -> str:
    """The Chinese header of a column (its first alias), or the canonical name."""
    col = TABLES_BY_NAME[table].column(column)
    return col.aliases[0] if col.aliases else col.name


def rule_name(rule: str, lang: str = "zh") -> str:
    """A rule's name in words (the code itself for a rule without one)."""
    zh, en = RULE_NAMES.get(rule, (rule, rule))
    return en if lang == "en" else zh


def message(rule: str, table_name: str, column: str, **extra: str) -> str:
    """The clerk's message for a broken rule in a column of a table."""
    col = TABLES_BY_NAME[table_name].column(column)
    choices = "、".join(
        f"{t.zh}({t.code})" if t.zh != t.code else t.code for t in col.vocabulary or ()
    )
    template = MESSAGES[rule]
    return template.format(label=column_label(table_name, column), choices=choices, **extra)
