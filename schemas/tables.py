"""The input tables of the contract: columns, Chinese aliases, value kinds and whether required."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from schemas import vocab

Kind = Literal["text", "code", "date", "bool", "amount", "int", "enum"]


@dataclass(frozen=True)
class Column:
    """One input column: canonical name, accepted header aliases, how to read it, a description."""

    name: str
    kind: Kind
    description: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    vocabulary: tuple[vocab.Term, ...] | None = None


@dataclass(frozen=True)
class Table:
    """One input file: its name (file stem), whether the file is required, its columns and key."""

    name: str
    label_zh: str
    required: bool
    columns: tuple[Column, ...]
    key: str | None = None
    references: tuple[tuple[str, str, str], ...] = field(default=())  # (column, table, key)

    def column(self, name: str) -> Column:
        """The column of that canonical name."""
        return next(c for c in self.columns if c.name == name)


def _c(
    name: str,
    kind: Kind,
    description: str,
    *aliases: str,
    required: bool = False,
    vocabulary: tuple[vocab.Term, ...] | None = None,
) -> Column:
    return Column(name, kind, description, aliases, required, vocabulary)


ORGANIZATIONS = Table(
    "organizations",
    "社会组织",
    True,
    key="uscc",
    columns=(
        _c(
            "uscc",
            "code",
            "Unified Social Credit Code (统一社会信用代码), 18 characters, GB 32100",
            "统一社会信用代码",
            required=True,
        ),
        _c(
            "name",
            "text",
            "Registered name of the organization",
            "社会组织名称",
            "名称",
            required=True,
        ),
        _c(
            "org_type",
            "enum",
            "Legal type; must agree with USCC character 2",
            "社会组织类型",
            "类型",
            required=True,
            vocabulary=vocab.ORG_TYPE,
        ),
        _c(
            "registration_level",
            "enum",
            "Level of the registering civil-affairs bureau",
            "登记级别",
            vocabulary=vocab.REGISTRATION_LEVEL,
        ),
        _c(
            "registration_authority",
            "text",
            "The registering bureau's name (民政部, 四川省民政厅, 达州市民政局, 达川区民政局, a"
            " 行政审批局 or 社会组织管理局): resolved to its region and level",
            "登记管理机关",
            "登记机关",
        ),
        _c(
            "district_code",
            "code",
            "GB/T 2260 code of the organization's county (any edition since 1980: a retired code"
            " counts in today's district, with a warning; a functional zone such as 133100 is a"
            " county); a prefecture's, province's or 100000 when no county is known; may be empty"
            " when the address or the authority locates the organization",
            "区划代码",
            "所在区划代码",
        ),
        _c(
            "address",
            "text",
            "Address (住所): when district_code is empty, the county it names is the location",
            "住所",
            "地址",
        ),
        _c(
            "registered_on",
            "date",
            "Date of registration (成立登记), not in the future",
            "成立登记日期",
            "成立日期",
            required=True,
        ),
        _c(
            "deregistered_on",
            "date",
            "Date of deregistration or revocation, not before registration",
            "注销日期",
        ),
        _c(
            "status",
            "enum",
            "Registration status; not active requires deregistered_on",
            "登记状态",
            vocabulary=vocab.ORG_STATUS,
        ),
        _c("rating", "enum", "Evaluation rating 1A..5A", "评估等级", vocabulary=vocab.RATING),
        _c(
            "registration_mode",
            "enum",
            "Direct registration or dual management",
            "登记方式",
            vocabulary=vocab.REGISTRATION_MODE,
        ),
        _c(
            "service_domain",
            "enum",
            "Main field of service",
            "服务领域",
            vocabulary=vocab.SERVICE_DOMAIN,
        ),
        _c("full_time_staff", "int", "Number of full-time staff, >= 0", "专职人员数"),
        _c(
            "has_party_org", "bool", "Whether a party organization is established", "是否建立党组织"
        ),
        _c("has_union", "bool", "Whether a trade union is established", "是否建立工会"),
        _c(
            "union_form",
            "enum",
            "How the union is set up (工会建立方式): own, joint with other organizations, or the"
            " supervising unit's union (依托主管单位: formal coverage, not effective)",
            "工会建立方式",
            "建会方式",
            vocabulary=vocab.UNION_FORM,
        ),
        _c(
            "party_org_form",
            "enum",
            "How the party organization is set up (党组织建立方式): own, joint, or the supervising"
            " unit's (依托主管单位: formal coverage, not effective)",
            "党组织建立方式",
            "党组织组建方式",
            vocabulary=vocab.PARTY_ORG_FORM,
        ),
        _c(
            "supervising_unit",
            "text",
            "Supervising unit (业务主管单位), kept; when the file has no registration_mode column it"
            " gives the mode: empty = direct registration, named = dual management",
            "业务主管单位",
        ),
        _c(
            "filing_id",
            "code",
            "The filing id (备案编号) the organization had as a filed community organization"
            " before it registered: it is then counted once, as registered",
            "备案编号",
        ),
        _c("legal_representative", "text", "Legal representative, kept as given", "法定代表人"),
        _c("registered_capital", "text", "Registered capital, kept as given", "注册资金"),
        _c("business_scope", "text", "Business scope, kept as given", "业务范围"),
    ),
)

FILED_ORGS = Table(
    "filed_orgs",
    "社区社会组织备案",
    False,
    key="filing_id",
    columns=(
        _c(
            "filing_id",
            "code",
            "Filing id (备案编号) of a community organization filed without a USCC; never a USCC",
            "备案编号",
            required=True,
        ),
        _c("name", "text", "Name of the filed organization", "名称", "社会组织名称", required=True),
        _c(
            "filing_authority",
            "text",
            "Street office or county bureau it is filed with",
            "备案机关",
        ),
        _c(
            "district_code",
            "code",
            "GB/T 2260 code of its county (a functional zone counts as a county)",
            "区划代码",
            required=True,
        ),
        _c("street_name", "text", "Street or township", "街道乡镇"),
        _c("filed_on", "date", "Date filed (备案)", "备案日期", required=True),
        _c("ended_on", "date", "Date the filing was revoked, not before filed_on", "撤销备案日期"),
        _c(
            "service_domain",
            "enum",
            "Main field of service",
            "服务领域",
            vocabulary=vocab.SERVICE_DOMAIN,
        ),
    ),
)

HUBS = Table(
    "hubs",
    "枢纽型社会组织",
    False,
    key="hub_id",
    columns=(
        _c("hub_id", "code", "Identifier of the recognized hub", "枢纽组织编号", required=True),
        _c("name", "text", "Name of the hub", "枢纽组织名称", required=True),
        _c(
            "level",
            "enum",
            "Level of recognition: city, district/county, street/township",
            "认定级别",
            required=True,
            vocabulary=vocab.HUB_LEVEL,
        ),
        _c(
            "district_code",
            "code",
            "GB/T 2260 code; a city-level hub uses its city's code (511700, 110000), a district or"
            " street hub its county's",
            "区划代码",
            required=True,
        ),
        _c("street_name", "text", "Street or township; required for street level", "街道乡镇"),
        _c(
            "hub_type",
            "enum",
            "Mass organization or federation the hub belongs to",
            "枢纽类型",
            "所属群团",
            required=True,
            vocabulary=vocab.HUB_TYPE,
        ),
        _c("recognized_on", "date", "Date of recognition (认定)", "认定日期", required=True),
        _c(
            "revoked_on",
            "date",
            "Date the recognition was revoked, not before recognition",
            "撤销认定日期",
        ),
    ),
)

HUB_LINKS = Table(
    "hub_links",
    "枢纽联系社会组织",
    False,
    references=(
        ("hub_id", "hubs", "hub_id"),
        ("uscc", "organizations", "uscc"),
        ("uscc", "filed_orgs", "filing_id"),
    ),
    columns=(
        _c("hub_id", "code", "The hub; must name a hub in hubs", "枢纽组织编号", required=True),
        _c(
            "uscc",
            "code",
            "The linked organization; must name an organization (its USCC) or a filed"
            " organization (its filing id)",
            "统一社会信用代码",
            required=True,
        ),
        _c(
            "relation",
            "enum",
            "Managed (管理) or liaison (联系)",
            "关系类型",
            required=True,
            vocabulary=vocab.RELATION,
        ),
        _c(
            "linked_on",
            "date",
            "Date the organization was linked (纳入)",
            "纳入日期",
            required=True,
        ),
        _c("ended_on", "date", "Date the link ended, not before linked_on", "解除日期"),
    ),
)

PROJECTS = Table(
    "projects",
    "政府购买服务项目",
    False,
    key="project_id",
    references=(("purchaser_hub_id", "hubs", "hub_id"), ("provider_uscc", "organizations", "uscc")),
    columns=(
        _c("project_id", "code", "Identifier of the project", "项目编号", required=True),
        _c("name", "text", "Name of the project", "项目名称", required=True),
        _c(
            "purchaser_name",
            "text",
            "Government body or hub buying the service",
            "购买主体",
            required=True,
        ),
        _c("purchaser_hub_id", "code", "The purchasing hub, if a hub buys", "购买主体枢纽编号"),
        _c(
            "provider_uscc",
            "code",
            "USCC of the organization delivering the service",
            "承接组织统一社会信用代码",
            required=True,
        ),
        _c(
            "district_code",
            "code",
            "GB/T 2260 code of where the service is delivered",
            "实施区域",
            "区划代码",
        ),
        _c("category", "enum", "Service category", "服务类别", vocabulary=vocab.PROJECT_CATEGORY),
        _c("start_on", "date", "Start date", "开始日期", required=True),
        _c("end_on", "date", "End date, not before start", "结束日期"),
        _c(
            "contract_amount_yuan",
            "amount",
            "Contract amount in yuan, >= 0",
            "合同金额",
            "合同金额(元)",
        ),
        _c("status", "enum", "Project status", "项目状态", vocabulary=vocab.PROJECT_STATUS),
        _c(
            "evaluation_grade",
            "enum",
            "Evaluation result",
            "评估结果",
            vocabulary=vocab.EVALUATION_GRADE,
        ),
        _c(
            "evaluator",
            "text",
            "Who evaluated the project (评估机构); when evaluation_kind is empty, the provider's own"
            " name reads as self-evaluation and the purchaser's as the purchaser's",
            "评估机构",
            "评估主体",
        ),
        _c(
            "evaluation_kind",
            "enum",
            "Kind of evaluation: third party, self-evaluation by the provider (自评), or the"
            " purchaser",
            "评估方式",
            "评估类型",
            vocabulary=vocab.EVALUATION_KIND,
        ),
    ),
)

FUNDING = Table(
    "funding",
    "资金拨付",
    False,
    key="funding_id",
    references=(
        ("recipient_uscc", "organizations", "uscc"),
        ("project_id", "projects", "project_id"),
    ),
    columns=(
        _c("funding_id", "code", "Identifier of the payment record", "拨付编号", required=True),
        _c(
            "recipient_uscc",
            "code",
            "USCC of the receiving organization",
            "收款组织统一社会信用代码",
            required=True,
        ),
        _c("project_id", "code", "The project paid for, if any", "项目编号"),
        _c(
            "source",
            "enum",
            "Source of the money",
            "资金来源",
            required=True,
            vocabulary=vocab.FUNDING_SOURCE,
        ),
        _c("amount_yuan", "amount", "Amount in yuan, > 0", "金额", "金额(元)", required=True),
        _c("paid_on", "date", "Date paid", "拨付日期", required=True),
        _c(
            "district_code",
            "code",
            "GB/T 2260 code; empty means the recipient's district",
            "区划代码",
        ),
        _c("payer_name", "text", "Paying body", "拨付单位"),
    ),
)

POPULATION = Table(
    "population",
    "常住人口",
    False,
    columns=(
        _c("district_code", "code", "GB/T 2260 county-level code", "区划代码", required=True),
        _c("year", "int", "Year of the population figure", "年份", required=True),
        _c(
            "population",
            "int",
            "Resident population (persons), > 0 and at most 2,000,000,000",
            "常住人口",
            required=True,
        ),
    ),
)

TABLES: tuple[Table, ...] = (
    ORGANIZATIONS,
    FILED_ORGS,
    HUBS,
    HUB_LINKS,
    PROJECTS,
    FUNDING,
    POPULATION,
)
# The order a refresh reads and checks the files in: each after the tables its references name, and
# the largest load (funding, 5M rows at national scale) as early as they allow, so that it runs in
# its worker thread beside the next files' checking instead of after the last (pipeline/background).
# Everything a refresh reports keeps the order of TABLES.
CHECK_ORDER: tuple[Table, ...] = (
    ORGANIZATIONS,
    FILED_ORGS,
    HUBS,
    PROJECTS,
    FUNDING,
    HUB_LINKS,
    POPULATION,
)
# hubs and hub_links come together or not at all (a delivery without hub data refreshes)
PAIRED = ("hubs", "hub_links")
TABLES_BY_NAME = {table.name: table for table in TABLES}
