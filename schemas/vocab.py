"""Enum vocabularies of the input contract: codes, Chinese labels and accepted aliases."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One allowed value: its code, Chinese label, English label and extra accepted spellings."""

    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


def _terms(*rows: tuple[str, str, str] | tuple[str, str, str, tuple[str, ...]]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


ORG_TYPE = _terms(
    ("social_group", "社会团体", "Social group"),
    ("private_non_enterprise", "民办非企业单位", "Private non-enterprise unit", ("社会服务机构",)),
    ("foundation", "基金会", "Foundation"),
)
# USCC character 2 for each organization type (GB 32100-2015, civil-affairs registrations).
ORG_TYPE_USCC_CHAR = {"social_group": "1", "private_non_enterprise": "2", "foundation": "3"}

# The level of the registering bureau (DOMAIN.md "Registration level"): 民政部, a province's 民政厅,
# a city's 民政局 (a municipality's too), a district's or county's 民政局.
REGISTRATION_LEVEL = _terms(
    ("national", "部级", "National", ("国家级", "民政部")),
    ("province", "省级", "Province", ("省本级",)),
    ("city", "市级", "City", ("地市级", "市本级")),
    ("district", "区级", "District/county", ("区县级", "县级")),
)
# 吊销 (the certificate revoked as a penalty) ends a registration as 撤销 does.
ORG_STATUS = _terms(
    ("active", "正常", "Active", ("存续",)),
    ("deregistered", "注销", "Deregistered"),
    ("revoked", "撤销", "Revoked", ("吊销",)),
)
RATING = _terms(
    ("1A", "1A", "1A"),
    ("2A", "2A", "2A"),
    ("3A", "3A", "3A"),
    ("4A", "4A", "4A"),
    ("5A", "5A", "5A"),
)
REGISTRATION_MODE = _terms(
    ("direct", "直接登记", "Direct registration"),
    ("dual", "双重管理", "Dual management"),
)
SERVICE_DOMAIN = _terms(
    ("workers", "职工", "Workers"),
    ("youth", "青年", "Youth"),
    ("women_children", "妇女儿童", "Women and children"),
    ("elderly", "养老", "Elderly care"),
    ("disabled", "助残", "Disability"),
    ("education", "教育", "Education"),
    ("culture_sports", "文体", "Culture and sports"),
    ("charity", "公益慈善", "Charity"),
    ("community", "社区服务", "Community services"),
    ("industry", "行业协会", "Industry associations"),
    ("science", "科技", "Science and technology"),
    ("legal", "法律", "Legal"),
    ("health", "卫生", "Health"),
    ("environment", "环保", "Environment"),
    ("other", "其他", "Other"),
)
HUB_LEVEL = _terms(
    ("city", "市级", "City"),
    ("district", "区级", "District/county", ("区县级",)),
    ("street", "街道级", "Street/township", ("乡镇级", "街乡级")),
)
HUB_TYPE = _terms(
    ("union", "工会", "Trade union"),
    ("youth_league", "共青团", "Youth league"),
    ("women", "妇联", "Women's federation"),
    ("science", "科协", "Science association"),
    ("disabled", "残联", "Disabled persons' federation"),
    ("overseas_chinese", "侨联", "Returned overseas Chinese federation"),
    ("taiwan", "台联", "Taiwan compatriots federation"),
    ("family_planning", "计生协", "Family planning association"),
    ("red_cross", "红十字会", "Red Cross"),
    ("federation", "社会组织联合会", "Social organization federation"),
    ("other", "其他", "Other"),
)
MASS_ORG_HUB_TYPES = frozenset(
    {
        "union",
        "youth_league",
        "women",
        "science",
        "disabled",
        "overseas_chinese",
        "taiwan",
        "family_planning",
        "red_cross",
    }
)
# A mass organization's field (DOMAIN.md "A mass organization's field", for reach, 领域覆盖): the
# service domain of the organizations it speaks for. The one place to change the mapping: the
# refresh loads it into ref.hub_types.field_domain, which marts.field_reach and the dashboard read.
HUB_TYPE_FIELD: dict[str, str] = {
    "union": "workers",
    "youth_league": "youth",
    "women": "women_children",
    "disabled": "disabled",
    "science": "science",
}
RELATION = _terms(
    ("managed", "管理", "Managed", ("主管", "分支机构")),
    ("liaison", "联系", "Liaison"),
)
PROJECT_CATEGORY = _terms(
    ("elderly", "养老", "Elderly care"),
    ("disabled", "助残", "Disability"),
    ("children", "儿童", "Children"),
    ("women", "妇女", "Women"),
    ("workers", "职工", "Workers"),
    ("youth", "青少年", "Youth"),
    ("community", "社区", "Community"),
    ("legal_aid", "法律援助", "Legal aid"),
    ("charity", "公益慈善", "Charity"),
    ("capacity", "能力建设", "Capacity building"),
    ("other", "其他", "Other"),
)
PROJECT_STATUS = _terms(
    ("planned", "未开始", "Planned"),
    ("ongoing", "实施中", "Ongoing"),
    ("completed", "已完成", "Completed"),
    ("terminated", "已终止", "Terminated"),
)
EVALUATION_GRADE = _terms(
    ("excellent", "优秀", "Excellent"),
    ("good", "良好", "Good"),
    ("pass", "合格", "Pass"),
    ("fail", "不合格", "Fail"),
)
FUNDING_SOURCE = _terms(
    ("fiscal", "财政资金", "Fiscal budget"),
    ("lottery", "彩票公益金", "Lottery welfare fund"),
    ("disabled_fund", "残疾人就业保障金", "Disabled employment security fund"),
    ("donation", "社会捐赠", "Donations"),
    ("membership", "会费", "Membership fees"),
    ("service_fee", "服务收费", "Service fees"),
    ("other", "其他", "Other"),
)

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "org_type": ORG_TYPE,
    "registration_level": REGISTRATION_LEVEL,
    "org_status": ORG_STATUS,
    "rating": RATING,
    "registration_mode": REGISTRATION_MODE,
    "service_domain": SERVICE_DOMAIN,
    "hub_level": HUB_LEVEL,
    "hub_type": HUB_TYPE,
    "relation": RELATION,
    "project_category": PROJECT_CATEGORY,
    "project_status": PROJECT_STATUS,
    "evaluation_grade": EVALUATION_GRADE,
    "funding_source": FUNDING_SOURCE,
}


def codes(vocabulary: tuple[Term, ...]) -> list[str]:
    """The codes of a vocabulary, in catalogue order."""
    return [term.code for term in vocabulary]


def spellings(vocabulary: tuple[Term, ...]) -> dict[str, str]:
    """Every accepted spelling (code, Chinese label, alias; lower-cased) mapped to its code."""
    mapping: dict[str, str] = {}
    for term in vocabulary:
        for spelling in (term.code, term.zh, *term.aliases):
            mapping[spelling.lower()] = term.code
    return mapping
