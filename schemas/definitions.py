"""Definitions of every figure, in Chinese and English: shown on the dashboard's pages, written on the
briefing pack's cover and on the cover sheet of `python -m pipeline export` (so they live below both)."""

from __future__ import annotations

DEFINITIONS: dict[str, tuple[str, str]] = {
    "fig.hubs_total": (
        "截至统计时点已认定且未撤销认定的枢纽型社会组织数，按认定级别分市级、区级、街道级；选定区县时只计位于这些区县的枢纽（市级枢纽位于全市，选区县后不计）。",
        "Hubs recognized on or before the date and not revoked, by level; with districts selected only hubs located in them count (city-level hubs are located in the city).",
    ),
    "fig.active_orgs": (
        "成立登记日期不晚于统计时点、且未在统计时点前注销的社会组织数。",
        "Organizations registered on or before the date and not deregistered by then.",
    ),
    "fig.linked_orgs": (
        "至少被一个已认定枢纽（符合所选级别和类型）在统计时点有效联系或管理的存续组织数；被多个枢纽联系的只计一次。",
        "Active organizations with at least one active link to a recognized hub of the selected levels and types; counted once however many hubs link them.",
    ),
    "fig.coverage_rate": (
        "覆盖率 = 联系社会组织数 ÷ 存续社会组织数；分母为 0 时为空。",
        "Coverage = linked organizations / active organizations; empty when there are none.",
    ),
    "fig.filed_orgs": (
        "在区县民政部门或街道（乡镇）备案、没有统一社会信用代码的社区社会组织：备案日期不晚于统计时点、未撤销备案、也尚未登记的个数；备案后登记的组织从登记起只作为登记组织计一次。与登记的社会组织分开统计，也合计。",
        "Community organizations filed (备案) with a county bureau or a street office, without a credit code: filed on or before the date, the filing not ended and the organization not yet registered; one that later registers counts once, as registered, from then. Counted apart from registered organizations, and together with them.",
    ),
    "fig.total_orgs": (
        "登记和备案合计 = 存续社会组织数 + 备案社区社会组织数（一个组织只在一处计：备案后登记的从登记起只作为登记组织计）。",
        "Registered and filed = active registered organizations + filed community organizations (each counted once: one that registers after filing counts as registered from then).",
    ),
    "fig.total_coverage_rate": (
        "覆盖率（含备案）=（被联系的存续社会组织 + 被联系的备案社区社会组织）÷（存续社会组织 + 备案社区社会组织）。备案组织按任一已认定枢纽的联系统计。",
        "Coverage with filed organizations = (linked registered + linked filed organizations) / (registered + filed organizations). A filed organization counts as linked by any recognized hub.",
    ),
    "fig.mass_org_share": (
        "群团联系占比 = 被群团组织类枢纽（工会、共青团、妇联等）联系的存续组织数 ÷ 存续社会组织数。",
        "Organizations linked to a hub that is a mass organization (union, youth league, women's federation...) / active organizations.",
    ),
    "fig.funding_amount_yuan": (
        "拨付日期在该年内的资金记录金额合计，按记录所填区县（未填的按受资助组织所在区县）和资金来源统计。",
        "Sum of funding records paid in that calendar year, by the record's district (else the recipient's) and source.",
    ),
    "fig.mass_org_linked_orgs": (
        "被群团组织类枢纽（工会、共青团、妇联等）在统计时点有效联系或管理的存续组织数；被多个枢纽联系的只计一次。",
        "Active organizations linked or managed on the date by a hub that is a mass organization (union, youth league, women's federation...); counted once.",
    ),
    "fig.contract_amount_yuan": (
        "开始日期在该年内的政府购买服务项目的合同金额合计（元；表格中以万元显示）。",
        "Total contract value of the purchased-service projects whose start date falls in that year (yuan; tables show 10k yuan).",
    ),
    "fig.projects_started": (
        "开始日期在该年内的政府购买服务项目数及其合同金额。",
        "Purchased-service projects whose start date falls in that year, and their contract value.",
    ),
    "fig.providers_4a_plus": (
        "承接组织 = 在该年开始的政府购买服务项目的承接组织（不同组织计一次）；按其评估等级分为4A-5A、1A-3A、未评估（登记材料未填评估等级），评估等级为登记材料所填的当前等级；4A及以上金额占比 = 4A或5A承接组织的合同金额 ÷ 全部合同金额。登记材料没有“评估等级”列时为“未提供”，不计为未评估。",
        "Providers = the organizations delivering the purchased-service projects started in the year (each counted once), by rating: 4A-5A, 1A-3A, not rated (no rating in the register), the rating the register gives now; the 4A+ share = contract value of providers rated 4A or 5A / all contract value. Not provided, not 'not rated', when the register has no rating column.",
    ),
    "fig.projects_evaluated": (
        "已完成项目 = 状态为已完成、结束日期（未填则开始日期）在该年的项目；已评估 = 填有评估结果、评估机构或评估方式之一；评估方按“评估方式”（第三方、自评、购买方），未填时评估机构为承接组织本身的计为自评、为购买主体的计为购买方评估，其余为“评估方未说明”。第三方、自评占比的分母为已评估项目。相关列未提供时为“未提供”。",
        "Completed projects = status completed, ending (else starting) in the year; evaluated = with a grade, an evaluator or a kind of evaluation; by whom = the kind given (third party, self, purchaser), else self when the evaluator is the provider itself, the purchaser when it is the purchaser, otherwise unstated. Third-party and self shares are of the evaluated projects. Not provided when the columns were not delivered.",
    ),
    "col.multiple": (
        "倍数 = 当前值 ÷ 基准值；增量 = 当前值 − 基准值；占增量比例 = 该类型增量 ÷ 全部增量。",
        "Multiple = current / baseline; increase = current - baseline; share of the increase = a type's increase / the total increase.",
    ),
    "col.hub_type": (
        "组织只要被该类型的已认定枢纽联系即计入该类型，可同时计入多个类型。",
        "An organization counts for a type when a recognized hub of that type links it, so it may count for several types.",
    ),
    "profile.direct": (
        "登记方式为直接登记（不经业务主管单位）的存续社会组织数；登记方式为双重管理的计为双重管理，未填的单列。",
        "Active organizations whose registration mode is direct (no supervising unit); dual management counted apart, blanks listed apart.",
    ),
    "profile.rated_4a_plus": (
        "评估等级为4A或5A的存续社会组织数；未填评估等级的计为未评估。",
        "Active organizations rated 4A or 5A; those without a rating count as not rated.",
    ),
    "profile.party_share": (
        "党组织覆盖率 = “是否建立党组织”为是的存续组织数 ÷ 存续社会组织数（全部，或其中被枢纽联系的、未被联系的）；工会组织覆盖率同理。",
        "Party-organization coverage = active organizations that established a party organization / active organizations (all, or those linked by a hub, or the rest); union coverage likewise.",
    ),
    "profile.union_formal": (
        "工会有形覆盖 = 以任何方式建有工会的存续组织数 ÷ 存续社会组织数：“是否建立工会”为是，或填有任一“工会建立方式”（独立建会、联合建会、依托主管单位）。依托业务主管单位工会的也计入（重庆报告所说的有形覆盖）。两列都未提供时为“未提供”；只提供“是否建立工会”时即按该列计算。",
        "Formal union coverage = active organizations with a union in any form / active organizations: the union flag (has_union) yes, or any union form (union_form) given: own, joint, or through the supervising unit's union. Organizations relying on their supervising unit's union count (the Chongqing report's formal coverage). Not provided when neither column was delivered; the flag alone when only it was.",
    ),
    "profile.union_effective": (
        "工会有效覆盖 = “工会建立方式”为独立建会或联合建会的存续组织数 ÷ 存续社会组织数；依托主管单位工会的不计（重庆报告所说的有效覆盖）。“是否建立工会”为是但未填建立方式的，计入有形覆盖、不计入有效覆盖。未提供“工会建立方式”时为“未提供”，不按 0 计。",
        "Effective union coverage = active organizations whose union form (union_form) is their own or a joint union / active organizations; relying on the supervising unit's union does not count (the Chongqing report's effective coverage). A union flagged without its form counts as formal, not effective. Not provided, never 0, when the union form was not delivered.",
    ),
    "profile.party_formal": (
        "党组织有形覆盖 = 以任何方式建有党组织的存续组织数 ÷ 存续社会组织数：“是否建立党组织”为是，或填有任一“党组织建立方式”（单独建立、联合建立、依托主管单位）。两列都未提供时为“未提供”。",
        "Formal party coverage = active organizations with a party organization in any form / active organizations: the party flag (has_party_org) yes, or any party organization form (party_org_form) given: own, joint, or through the supervising unit. Not provided when neither column was delivered.",
    ),
    "profile.party_effective": (
        "党组织有效覆盖 = “党组织建立方式”为单独建立或联合建立的存续组织数 ÷ 存续社会组织数；依托主管单位的不计。未提供“党组织建立方式”时为“未提供”。",
        "Effective party coverage = active organizations whose party organization form (party_org_form) is their own or a joint one / active organizations; through the supervising unit does not count. Not provided when that form was not delivered.",
    ),
    "profile.staff_avg": (
        "平均专职人员 = 专职人员数之和 ÷ 填报了专职人员数的存续组织数。",
        "Full-time staff per organization = the staff numbers given / the active organizations that gave one.",
    ),
    "profile.not_provided": (
        "登记材料没有某一列（如“评估等级”）时，依赖该列的数字显示为“未提供”并说明缺哪一列，不按 0 计。",
        "When the register has no column (such as the rating), the figures that need it show “not provided” and name the column; they never count as 0.",
    ),
}
