"""The one label catalogue of the dashboard: Chinese by default, English on a switch."""

from __future__ import annotations

from typing import Literal

from schemas import vocab
from schemas.definitions import DEFINITIONS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # app frame
    "app.title": ("枢纽型社会组织工作数据", "Hub-type social organization work"),
    "app.no_warehouse": (
        "还没有数据仓库文件：{path}。请在项目目录运行 `make run`（或 `python -m pipeline refresh`）生成后刷新本页。",
        "No warehouse file yet: {path}. Run `make run` (or `python -m pipeline refresh`) in the project folder, then reload this page.",
    ),
    "app.bad_warehouse": (
        "数据仓库文件无法读取（{error}）。请重新运行 `python -m pipeline refresh` 后刷新本页。",
        "The warehouse file cannot be read ({error}). Run `python -m pipeline refresh` again, then reload this page.",
    ),
    "app.no_years": ("数据仓库里还没有任何年度数据。", "The warehouse holds no year of data yet."),
    "app.provenance": (
        "统计时点 {as_of} · 数据最新记录日期 {latest} · 刷新批次 {run_id}（{finished}）",
        "As of {as_of} · latest record dated {latest} · refresh run {run_id} ({finished})",
    ),
    "app.no_run": ("无刷新记录", "no refresh recorded"),
    "app.url_ignored": (
        "链接中的以下参数值无效，已忽略：{values}",
        "These values in the link are not valid and were ignored: {values}",
    ),
    "app.url_more": ("，另有 {n} 个", ", and {n} more"),
    "app.empty": (
        "当前筛选条件下没有数据。请放宽左侧筛选条件。",
        "Nothing matches the current filters. Widen the filters on the left.",
    ),
    "app.download_csv": ("下载表格（CSV）", "Download table (CSV)"),
    "app.download_chart_csv": ("下载图表数据（CSV）", "Download chart data (CSV)"),
    "app.definitions": ("口径说明", "Definitions"),
    "app.not_applicable": (
        "本页不受左侧地区、枢纽和资金筛选影响。",
        "The district, hub and funding filters do not apply to this page.",
    ),
    # pages
    "page.overview": ("总览", "Overview"),
    "page.coverage": ("覆盖", "Coverage"),
    "page.funding": ("资金", "Funding"),
    "page.organizations": ("社会组织", "Organizations"),
    "page.quality": ("数据质量", "Data quality"),
    "page.changes": ("变化", "What changed"),
    # filters
    "filter.header": ("筛选", "Filters"),
    "filter.year": ("统计时点（年末）", "As of (year-end)"),
    "filter.base": ("对比基准（年末）", "Baseline (year-end)"),
    "filter.regions": ("地区", "Regions"),
    "filter.province": ("省份", "Provinces"),
    "filter.prefecture": ("地市", "Prefectures"),
    "filter.county": ("区县", "Districts"),
    "filter.scope": ("可查看范围", "Your regions"),
    "filter.outside_scope": (
        "链接中的以下地区不在您可查看的范围内，已忽略：{values}",
        "These regions in the link are outside the regions you may see and were ignored: {values}",
    ),
    "filter.levels": ("枢纽级别", "Hub level"),
    "filter.hub_types": ("枢纽类型", "Hub type"),
    "filter.org_types": ("社会组织类型", "Organization type"),
    "filter.sources": ("资金来源", "Funding source"),
    "filter.all": ("全部", "all"),
    "filter.english": ("English", "English"),
    "filter.reset": ("清除筛选", "Clear filters"),
    "filter.year_end": ("{year}年底", "end of {year}"),
    "caption.as_of": ("截至{year}年底", "as of end {year}"),
    "caption.base": ("对比{year}年底", "compared with end {year}"),
    "caption.sep": ("；", "; "),
    "caption.list_sep": ("、", ", "),
    "caption.kv": ("{k}：{v}", "{k}: {v}"),
    # figures
    "fig.hubs_city": ("市级枢纽", "City-level hubs"),
    "fig.hubs_district": ("区级枢纽", "District-level hubs"),
    "fig.hubs_street": ("街道级枢纽", "Street-level hubs"),
    "fig.hubs_total": ("认定枢纽合计", "Recognized hubs"),
    "fig.active_orgs": ("存续社会组织", "Active organizations"),
    "fig.linked_orgs": ("联系社会组织", "Linked organizations"),
    "fig.not_linked_orgs": ("未联系社会组织", "Organizations not linked"),
    "fig.coverage_rate": ("覆盖率", "Coverage rate"),
    "fig.mass_org_linked_orgs": ("群团联系社会组织", "Linked by mass organizations"),
    "fig.mass_org_share": ("群团联系占比", "Mass-organization share"),
    "fig.funding_amount_yuan": ("当年资金", "Funding in the year"),
    "fig.projects_started": ("当年新开购买服务项目", "Service projects started"),
    "fig.contract_amount_yuan": ("当年项目合同金额", "Contract value of projects started"),
    # overview
    "overview.vs_base": ("较{year}年底", "vs end {year}"),
    "overview.vs_base_year": ("较{year}年", "vs {year}"),
    "overview.card_help_year": (
        "{year}年全年的值；括号内为相对基准年的倍数。",
        "Value for the year {year}; in brackets the multiple of the baseline year.",
    ),
    "overview.card_help": (
        "{year}年底的值；括号内为相对基准的倍数。",
        "Value at end {year}; in brackets the multiple of the baseline.",
    ),
    "overview.sentence": (
        "{base}年底至{year}年底，联系社会组织从 **{b}** 家增至 **{c}** 家（{m}，{inc} 家）；覆盖率从 **{rb}** 升至 **{rc}**。",
        "From end {base} to end {year}, linked organizations went from **{b}** to **{c}** ({m}, {inc}); coverage from **{rb}** to **{rc}**.",
    ),
    "overview.same_year": (
        "对比基准与统计时点都是{year}年底，没有增量可比；在左侧选择更早的对比基准即可看到变化。{year}年底联系社会组织 **{c}** 家，覆盖率 **{rc}**。",
        "The baseline and the as-of date are both end {year}, so there is no change to show; choose an earlier baseline on the left. At end {year}: **{c}** linked organizations, coverage **{rc}**.",
    ),
    "overview.change": ("{base}年底 → {year}年底", "End {base} → end {year}"),
    "overview.change_file": ("总览指标", "headline"),
    "overview.types": ("各类型枢纽对增量的贡献", "Each hub type's share of the increase"),
    "overview.types_note": (
        "联系社会组织数；一个组织可被多类枢纽联系，故各类型占比之和可超过 100%。",
        "Linked organizations; an organization may be linked by several types, so shares can add up to more than 100%.",
    ),
    "overview.types_file": ("枢纽类型增量", "hub-type increase"),
    "overview.trend": ("历年变化（至{year}年底）", "Over the years (to end {year})"),
    "overview.trend_counts": ("社会组织数（年末）", "Organizations (year-end)"),
    "overview.trend_rates": (
        "覆盖率与群团联系占比（年末）",
        "Coverage and mass-organization share (year-end)",
    ),
    "overview.trend_file": ("历年趋势", "trend"),
    "overview.trend_counts_file": ("历年组织数", "organizations by year"),
    "overview.trend_rates_file": ("历年覆盖率", "coverage by year"),
    "overview.briefing": ("简报数据包", "Briefing pack"),
    "overview.briefing_note": (
        "一个 zip：封面（筛选条件、统计时点、刷新批次、口径说明）、总览/分区/枢纽类型表格（CSV）和图表图片（PNG）。",
        "One zip: a cover sheet (filters, as-of date, refresh run, definitions), the headline, district and hub-type tables (CSV) and chart images (PNG).",
    ),
    "overview.briefing_button": ("下载简报数据包（zip）", "Download briefing pack (zip)"),
    # regions
    "region.nation": ("全国", "Nationwide"),
    "region.province": ("省", "province"),
    "region.prefecture": ("地市", "prefecture"),
    "region.county": ("区县", "district"),
    "region.mixed": ("地区", "region"),
    "region.chosen": ("已选{n}个地区：{names}", "{n} regions chosen: {names}"),
    "region.pick": (
        "进入某个{level}",
        "Go into a {level}",
    ),
    "region.pick_none": ("选择地区", "Choose a region"),
    # coverage
    "coverage.by_region": ("各{level}覆盖率（由低到高）", "Coverage by {level} (lowest first)"),
    "coverage.as_registered": ("按登记区划", "As registered"),
    "coverage.as_registered_help": (
        "按组织登记时填写的区划代码统计：已撤销的区划（如崇文区）单列并标注“已撤销”。默认按现行区划统计，撤销区划的组织计入其现行区划。",
        "Count organizations by the code they were filed under: a retired district (such as 崇文区) stands apart, marked 已撤销. By default they count in today's district.",
    ),
    "coverage.registered_note": (
        "按登记区划统计：已撤销的区划单列（标注“已撤销”），未并入现行区划。",
        "As registered: retired districts stand apart (marked 已撤销), not counted in today's districts.",
    ),
    "coverage.map_missing": (
        "{names}没有边界文件（区划新于离线地图数据），未画入地图，见条形图。",
        "No boundary file for {names} (newer than the offline map data): not drawn, see the bars.",
    ),
    "coverage.by_type": (
        "各类型枢纽联系的社会组织（红色为群团组织）",
        "Organizations linked by hub type (red: mass organizations)",
    ),
    "coverage.by_level": ("各级枢纽联系的社会组织", "Organizations linked by hub level"),
    "coverage.click_hint": (
        "红色为覆盖率最低的{level}。点击任一条形（或地图上的圆点）进入该{level}。",
        "Red marks the lowest coverage. Click a bar (or a dot on the map) to go into that {level}.",
    ),
    "coverage.click_hint_county": (
        "红色为覆盖率最低的区县。点击任一条形（或地图上的圆点）查看该区县的组织名单。",
        "Red marks the lowest coverage. Click a bar (or a dot on the map) to see that district's organizations.",
    ),
    "coverage.level_note": (
        "选定地区后，组织按联系它们的枢纽的级别统计（枢纽可在所选地区之外）；括号内的枢纽个数只计位于所选地区的枢纽：地市的市级枢纽计入该地市和省，不计入其下的区县。",
        "With regions chosen, organizations are counted by the level of the hubs linking them (a hub may lie outside the regions); the hubs in brackets are those located in the chosen regions: a prefecture's city-level hubs count in the prefecture and its province, not in its districts.",
    ),
    "coverage.map": ("各{level}覆盖率地图", "Coverage map by {level}"),
    "coverage.ends": (
        "共{total}个{level}：条形图只画覆盖率最低的{n}个和最高的{n}个，完整排名见下表（可下载）。",
        "{total} regions ({level} level): the bars show the {n} lowest and the {n} highest coverage; the full ranking is in the table below (downloadable).",
    ),
    "coverage.ranking": (
        "各{level}覆盖率完整排名（由低到高）",
        "Coverage of every {level} (lowest first)",
    ),
    "coverage.map_too_many": (
        "这里有{total}个地区，超过{limit}个时不画地图：在侧栏或条形图中进入一个省或地市即可看到地图。",
        "{total} regions here; the map is drawn for at most {limit}: go into a province or prefecture (sidebar or bars) to see it.",
    ),
    "coverage.no_map": (
        "没有这些地区的边界文件，无法绘制地图。",
        "No boundary file for these regions, so no map.",
    ),
    "coverage.district_file": ("分区覆盖", "district coverage"),
    "coverage.map_file": ("分区覆盖地图", "district coverage map"),
    "coverage.ranking_file": ("分区覆盖完整排名", "district coverage ranking"),
    "coverage.type_file": ("枢纽类型覆盖", "hub-type coverage"),
    "coverage.level_file": ("枢纽级别覆盖", "hub-level coverage"),
    "coverage.orgs_file": ("{district}社会组织名单", "{district} organizations"),
    "coverage.show": ("显示", "Show"),
    "coverage.show_all": ("全部", "All"),
    "coverage.show_linked": ("已被联系", "Linked"),
    "coverage.show_not_linked": ("未被联系", "Not linked"),
    "coverage.drill_count": (
        "{district}：{n} 家存续社会组织",
        "{district}: {n} active organizations",
    ),
    # funding
    "funding.total": ("{year}年资金", "Funding in {year}"),
    "funding.by_region": ("{year}年各{level}资金", "Funding by {level}, {year}"),
    "funding.own_level": (
        "另有 {amount} 的拨付记在{region}本级的区划代码下，不属于其下任何地区，故各地区之和小于合计。",
        "Another {amount} was paid under {region}'s own code, in none of the regions below it, so they add up to less than the total.",
    ),
    "funding.by_source": ("{year}年各来源资金", "Funding by source, {year}"),
    "funding.by_year": ("历年资金（按来源）", "Funding by year and source"),
    "funding.per_head": (
        "{year}年各{level}资金：每家联系组织、人均",
        "Funding by {level} in {year}: per linked organization and per resident",
    ),
    "funding.per_head_note": (
        "每家联系组织 = 该地区资金 ÷ 该地区年末联系社会组织数；人均 = 该地区资金 ÷ 该地区当年常住人口（有人口数据的地区才计算）。受资助组织数按地区去重：一家组织在两个区县受资助，在所属地市只计一次。",
        "Per linked organization = the region's funding / its linked organizations at year-end; per resident = funding / population (where population is known). Recipients are distinct per region: an organization paid in two districts counts once in their prefecture.",
    ),
    "funding.top": ("{year}年受资助最多的社会组织", "Top recipients in {year}"),
    "funding.projects": (
        "{year}年开始的政府购买服务项目",
        "Purchased-service projects started in {year}",
    ),
    "funding.projects_by": ("项目数（按{by}）", "Projects by {by}"),
    "funding.district_file": ("分区资金", "funding by district"),
    "funding.source_file": ("分来源资金", "funding by source"),
    "funding.year_file": ("历年资金", "funding by year"),
    "funding.top_file": ("受资助组织排名", "top recipients"),
    "funding.projects_file": ("购买服务项目_按{by}", "projects by {by}"),
    # organizations
    "orgs.search": ("按名称或统一社会信用代码查找", "Find by name or USCC"),
    "orgs.search_hint": (
        "例如：养老、5111010…",
        "part of a name as registered (in Chinese), or a credit code 5111010…",
    ),
    "orgs.found": (
        "找到 {n} 家。点击表格中的一行查看该组织。",
        "{n} found. Click a row to open the organization.",
    ),
    "orgs.found_many": (
        "超过 50 家，只显示前 50 家；请输入更具体的名称。点击表格中的一行查看该组织。",
        "More than 50 found; the first 50 are shown, type more of the name. Click a row to open the organization.",
    ),
    "orgs.start": (
        "输入名称中的几个字或完整的统一社会信用代码开始查找。",
        "Type part of a name or a full USCC to start.",
    ),
    "orgs.pick": ("查看组织", "Show organization"),
    "orgs.not_found": (
        "没有找到这家组织（或它不在您可查看的地区内）。",
        "No such organization (or it lies outside the regions you may see).",
    ),
    "orgs.pick_none": ("从上面的结果中选择一家", "Choose one of the results above"),
    "orgs.register": ("登记信息", "Register entry"),
    "orgs.hubs": ("联系它的枢纽（历年）", "Hubs linking it over time"),
    "orgs.timeline": ("与枢纽的联系期间（灰色为已解除）", "Link periods (grey: ended)"),
    "orgs.no_links": ("没有任何枢纽联系记录。", "No hub has ever linked it."),
    "orgs.projects": ("承接的购买服务项目", "Purchased-service projects delivered"),
    "orgs.funding": ("收到的资金", "Funding received"),
    "orgs.search_file": ("社会组织查找结果", "search results"),
    "orgs.register_file": ("登记信息_{uscc}", "register {uscc}"),
    "orgs.links_file": ("枢纽联系_{uscc}", "hub links {uscc}"),
    "orgs.timeline_file": ("枢纽联系期间图_{uscc}", "link periods chart {uscc}"),
    "orgs.projects_file": ("承接项目_{uscc}", "projects {uscc}"),
    "orgs.funding_file": ("资金记录_{uscc}", "funding {uscc}"),
    "col.rating": ("评估等级", "Rating"),
    "col.registration_mode": ("登记方式", "Registration mode"),
    "col.full_time_staff": ("专职人员数", "Full-time staff"),
    "col.has_party_org": ("是否建立党组织", "Party organization"),
    "col.has_union": ("是否建立工会", "Union"),
    # profile (社会组织概况)
    "page.profile": ("社会组织概况", "Register profile"),
    "profile.summary": ("概况（可直接复制到报告中）", "Summary (ready to paste into a report)"),
    "profile.pick": (
        "查看某项数字背后的社会组织（也可点击图中条形）",
        "See the organizations behind a figure (or click a bar)",
    ),
    "profile.pick_none": ("选择一项数字", "Choose a figure"),
    "profile.all": ("全部存续社会组织", "All active organizations"),
    "profile.drill_count": ("{what}（{n} 家存续社会组织）", "{what} ({n} active organizations)"),
    "profile.drill_cut": (
        "共 {total} 家，只显示并下载按名称排序的前 {n} 家。",
        "{total} in all; the first {n} by name are shown and downloaded.",
    ),
    "profile.click_hint": (
        "点击条形可查看背后的社会组织名单。",
        "Click a bar to see the organizations behind it.",
    ),
    "profile.type_level": ("类型与登记级别", "Type and registration level"),
    "profile.type_level_chart": (
        "各类型社会组织（按登记级别）",
        "Organizations by type and registration level",
    ),
    "profile.modes": ("登记方式", "Registration mode"),
    "profile.ratings": ("评估等级", "Rating"),
    "profile.ratings_chart": ("评估等级分布", "Ratings"),
    "profile.party_union": ("党组织和工会覆盖", "Party organizations and unions"),
    "profile.party_union_chart": (
        "党组织和工会覆盖率：全部、被枢纽联系的、未被联系的",
        "Party and union coverage: all, linked, not linked",
    ),
    "profile.domains": ("服务领域", "Service domains"),
    "profile.domains_chart": (
        "各服务领域社会组织（按类型）",
        "Organizations by service domain and type",
    ),
    "profile.trend": ("历年变化（至{year}年底）", "Over the years (to end {year})"),
    "profile.trend_counts": ("社会组织数（年末）", "Organizations (year-end)"),
    "profile.trend_rates": (
        "覆盖率、党组织和工会覆盖率（年末）",
        "Coverage rates (year-end)",
    ),
    "profile.projects": (
        "政府购买服务：各服务类别历年项目（至{year}年）",
        "Purchased services by category and year (to {year})",
    ),
    "profile.projects_chart": (
        "各服务类别历年开始的项目数",
        "Projects started per category and year",
    ),
    "profile.projects_first": ("该类别首次出现", "First year of the category"),
    "profile.projects_note": (
        "按项目实施区域（未填的按承接组织所在区县）统计；年份为项目开始年份；承接组织数为不同承接组织的个数。",
        "Counted by the project's district (else its provider's); year = start year; providers = distinct providing organizations.",
    ),
    "profile.type_level_file": ("社会组织类型与登记级别", "type and level"),
    "profile.modes_file": ("登记方式", "registration mode"),
    "profile.ratings_chart_file": ("评估等级", "ratings"),
    "profile.party_union_file": ("党组织和工会覆盖", "party and union coverage"),
    "profile.domains_file": ("服务领域", "service domains"),
    "profile.type_level_chart_file": ("社会组织类型与登记级别图", "type and level chart"),
    "profile.party_union_chart_file": ("党组织和工会覆盖率图", "party and union coverage chart"),
    "profile.domains_chart_file": ("服务领域图", "service domains chart"),
    "profile.trend_counts_file": ("社会组织概况历年组织数", "profile by year, counts"),
    "profile.trend_rates_file": ("社会组织概况历年覆盖率", "profile by year, rates"),
    "profile.projects_chart_file": ("购买服务_按类别和年份图", "purchased services chart"),
    "profile.projects_file": ("购买服务_按类别和年份", "purchased services by category and year"),
    "profile.orgs_file": ("社会组织名单_{what}", "organizations {what}"),
    "profile.direct": ("直接登记", "Directly registered"),
    "profile.rated_4a_plus": ("4A及以上", "Rated 4A or above"),
    "profile.party_share": ("党组织覆盖率", "Party coverage"),
    "profile.union_share": ("工会组织覆盖率", "Union coverage"),
    "profile.staff_avg": ("平均专职人员数", "Staff per org."),
    "profile.not_provided": ("未提供", "not provided"),
    "profile.missing_note": (
        "登记材料未提供“{header}”列，{what}无法统计。",
        "The register has no “{header}” ({column}) column, so {what} cannot be counted.",
    ),
    "profile.lacks_registration_level": (
        "按登记级别（市级、区县级）的数量",
        "the counts by registration level (city, district/county)",
    ),
    "profile.lacks_registration_mode": ("直接登记的数量", "direct registrations"),
    "profile.lacks_rating": (
        "评估等级分布和4A及以上数量",
        "the rating distribution and the 4A-or-above count",
    ),
    "profile.lacks_service_domain": ("按服务领域的数量", "the counts by service domain"),
    "profile.lacks_full_time_staff": ("专职人员数", "full-time staff"),
    "profile.lacks_has_party_org": ("党组织覆盖情况", "party-organization coverage"),
    "profile.lacks_has_union": ("工会覆盖情况", "union coverage"),
    "profile.group_all": ("全部存续组织", "All active"),
    "profile.group_linked": ("被枢纽联系的", "Linked by a hub"),
    "profile.group_not_linked": ("未被联系的", "Not linked"),
    "summary.head": (
        "截至{year}年底，{region}登记社会组织{n}家，其中{types}",
        "At the end of {year}, {region} had {n} registered social organizations: {types}",
    ),
    "summary.type": ("{type}{n}家", "{n} {type}"),
    "summary.type_social_group": ("社会团体", "social groups"),
    "summary.type_private_non_enterprise": ("民办非企业单位", "private non-enterprise units"),
    "summary.type_foundation": ("基金会", "foundations"),
    "summary.type_social_group_one": ("社会团体", "social group"),
    "summary.type_private_non_enterprise_one": ("民办非企业单位", "private non-enterprise unit"),
    "summary.type_foundation_one": ("基金会", "foundation"),
    "summary.levels": (
        "市级登记{city}家，区县级登记{district}家",
        "{city} registered at city level and {district} at district/county level",
    ),
    "summary.level_unknown": ("，登记级别未填{n}家", ", {n} without a registration level"),
    "summary.direct": ("直接登记{n}家", "{n} registered directly"),
    "summary.direct_city": (
        "直接登记{n}家（其中市级{city}家）",
        "{n} registered directly ({city} of them at city level)",
    ),
    "summary.linked": (
        "被枢纽型社会组织联系{n}家，覆盖率{rate}",
        "{n} linked by hub-type organizations (coverage {rate})",
    ),
    "summary.rated": ("评估等级4A及以上{n}家", "{n} rated 4A or above"),
    "summary.workers": (
        "职工服务类社会组织{n}家，其中社会团体占{share}",
        "{n} worker-service organizations, {share} of them social groups",
    ),
    "summary.staff": (
        "平均每家专职人员{avg}人",
        "{avg} full-time staff per organization on average",
    ),
    "summary.party": (
        "建立党组织的{n}家，党组织覆盖率约{rate}",
        "{n} with a party organization (party-organization coverage about {rate})",
    ),
    "summary.union": (
        "建立工会的{n}家，工会组织覆盖率约{rate}",
        "{n} with a trade union (union coverage about {rate})",
    ),
    "summary.none": (
        "截至{year}年底，{region}没有登记的社会组织。",
        "At the end of {year}, {region} had no registered social organization.",
    ),
    "summary.end": ("{text}。", "{text}."),
    "summary.region_n": ("所选{n}个地区", "the {n} chosen regions"),
    "summary.region_city": ("全市", "the city"),
    "summary.region_province": ("全省", "the province"),
    "summary.region_all": ("全部地区", "all regions"),
    "col.city_level": ("市级登记", "City level"),
    "col.district_level": ("区县级登记", "District/county level"),
    "col.level_unknown": ("登记级别未填", "Level not given"),
    "col.total_orgs": ("合计", "Total"),
    "col.share": ("占比", "Share"),
    "col.direct": ("直接登记", "Direct"),
    "col.dual": ("双重管理", "Dual management"),
    "col.mode_unknown": ("登记方式未填", "Mode not given"),
    "col.direct_share": ("直接登记占比", "Direct share"),
    "col.orgs": ("社会组织数", "Organizations"),
    "col.group": ("范围", "Organizations"),
    "col.with_party_org": ("建立党组织", "With a party organization"),
    "col.party_share": ("党组织覆盖率", "Party-organization coverage"),
    "col.with_union": ("建立工会", "With a union"),
    "col.union_share": ("工会组织覆盖率", "Union coverage"),
    "col.social_group": ("社会团体", "Social groups"),
    "col.private_non_enterprise": ("民办非企业单位", "Private non-enterprise units"),
    "col.foundation": ("基金会", "Foundations"),
    "col.social_group_share": ("社会团体占比", "Social-group share"),
    "col.first_year": ("该类别首次出现年份", "Category first seen"),
    "col.providers": ("承接组织数", "Providers"),
    "col.staff_reported": ("填报专职人员的组织数", "Organizations reporting staff"),
    "val.total": ("合计", "Total"),
    "val.unknown": ("未填", "not given"),
    "val.unrated": ("未评估", "Not rated"),
    # quality
    "quality.history": ("刷新记录", "Refresh history"),
    "quality.scoped": (
        "数据质量页列出整个登记库的拒收与警告，这些行无法归入地区，只对不限地区的用户显示。",
        "The data-quality page lists the whole register's rejections and warnings, which cannot be placed in a region: only viewers without a region restriction see them.",
    ),
    "quality.run": ("查看哪一次刷新", "Refresh run to inspect"),
    "quality.files": ("各文件读取、接收、拒收行数", "Rows read, accepted and rejected per file"),
    "quality.issues": ("拒收与警告（按规则汇总）", "Rejections and warnings by rule"),
    "quality.groups_note": (
        "每行是一个文件中一列违反的一条规则；示例行号为原文件中的行号（表头为第 1 行）。",
        "Each row is one rule broken in one column of one file; sample lines are line numbers in the source file (header = line 1).",
    ),
    "quality.rows": (
        "逐行明细（可下载后对照原文件修改）",
        "Row by row (download it and fix the source file)",
    ),
    "quality.rows_note": ("共 {n} 行。", "{n} rows."),
    "quality.rows_note_cut": (
        "共 {total} 行，只显示并下载前 {n} 行；请按文件或规则筛选。",
        "{total} rows; the first {n} are shown and downloaded. Filter by file or rule.",
    ),
    "quality.runs_file": ("刷新记录", "refresh history"),
    "quality.files_file": ("文件行数_{run}", "file rows {run}"),
    "quality.groups_file": ("问题汇总_{run}", "issues by rule {run}"),
    "quality.rows_file": ("问题明细_{run}", "issue rows {run}"),
    "app.none_recorded": ("没有记录。", "Nothing recorded."),
    # releases: which one is on screen
    "release.viewing": (
        "正在查看历史版本 {run}（完成于 {finished}），不是最新数据。",
        "You are viewing the earlier release {run} (finished {finished}), not the latest data.",
    ),
    "release.back": ("回到最新版本", "Back to the latest release"),
    "release.bad": (
        "链接中的版本号无法识别（{run}），现显示最新版本。",
        "The release in the link is not a run id ({run}); the latest release is shown.",
    ),
    "release.unknown": (
        "没有版本 {run}，现显示最新版本。",
        "There is no release {run}; the latest release is shown.",
    ),
    "release.pruned": (
        "版本 {run} 已被清理、不再保留，现显示最新版本。",
        "Release {run} was pruned and is no longer kept; the latest release is shown.",
    ),
    "release.failed": (
        "刷新批次 {run} 没有成功，没有对应的版本，现显示最新版本。",
        "Run {run} did not succeed, so it has no release; the latest release is shown.",
    ),
    "release.missing": (
        "版本 {run} 的文件已不在磁盘上，现显示最新版本。",
        "The file of release {run} is no longer on disk; the latest release is shown.",
    ),
    "release.option": ("{run}（完成于 {finished}）", "{run} (finished {finished})"),
    "release.option_live": (
        "{run}（完成于 {finished}，最新）",
        "{run} (finished {finished}, latest)",
    ),
    # changes: two releases compared
    "chg.from": ("较早的版本", "Earlier release"),
    "chg.to": ("较新的版本", "Later release"),
    "chg.too_few": (
        "磁盘上只有 {n} 个版本，至少要有两个才能比较；再刷新一次数据即可。",
        "There are {n} release(s) on disk; comparing needs two. Refresh the data once more.",
    ),
    "chg.scoped": (
        "版本比较针对全部登记数据，您的账号只能查看部分地区，因此本页不提供。",
        "Comparing releases covers the whole register; your account sees some regions only, so this page is not available to it.",
    ),
    "chg.same": (
        "两边选的是同一个版本，没有变化。",
        "Both sides are the same release: nothing changed.",
    ),
    "chg.between": (
        "从版本 {old}（完成于 {old_at}）到版本 {new}（完成于 {new_at}），{year}年底的数据。",
        "From release {old} (finished {old_at}) to release {new} (finished {new_at}), at end {year}.",
    ),
    "chg.note": ("修订说明（{year}年底）", "Revision note (end {year})"),
    "chg.line": (
        "**{figure}** {old} → {new}（{delta}）：{parts}。",
        "**{figure}** {old} → {new} ({delta}): {parts}.",
    ),
    "chg.line_bare": (
        "**{figure}** {old} → {new}（{delta}）。",
        "**{figure}** {old} → {new} ({delta}).",
    ),
    "chg.part": ("{reason} {units}（{value}）", "{reason} {units} ({value})"),
    "chg.nothing": (
        "{year}年底的各项指标在两个版本中完全相同。",
        "Every figure at end {year} is the same in both releases.",
    ),
    "chg.no_year": (
        "{year}年底只在其中一个版本里有数据（另一个版本的数据不到这一年），无法逐条解释；请选择两个版本都有的年份。",
        "Only one of the releases has data for end {year} (the other stops earlier), so it cannot be explained record by record; choose a year both have.",
    ),
    "chg.rounding": (
        "括号内是每个原因对该指标变化的贡献，合计正好等于变化（显示时四舍五入，个别情况下相加差一位小数）。点选下面的原因查看具体记录。",
        "In brackets each reason's part of the change; the parts add up to the change exactly (shown rounded, so the last digit may differ). Pick a reason below to see its records.",
    ),
    "chg.open": ("查看记录", "Show the records"),
    "chg.records": ("{reason}：{units}", "{reason}: {units}"),
    "chg.records_cut": (
        "共 {total}，只显示并下载前 {n} 条。",
        "{total} in all; the first {n} are shown and downloaded.",
    ),
    "chg.parts": ("各项变化的构成", "What each change is made of"),
    "chg.parts_orgs": ("社会组织", "Organizations"),
    "chg.parts_hubs": ("认定枢纽", "Recognized hubs"),
    "chg.parts_funding": ("当年资金", "Funding in the year"),
    "chg.parts_projects": ("当年新开购买服务项目", "Service projects started in the year"),
    "chg.districts": ("各区县的变化（{year}年底）", "By district (end {year})"),
    "chg.districts_chart": (
        "各区覆盖率的变化（个百分点）",
        "Change in coverage by district (points)",
    ),
    "chg.districts_none": (
        "没有区县的组织数或联系数发生变化。",
        "No district's organizations or links changed.",
    ),
    "chg.districts_ends": (
        "共{total}个区县有变化：图中只画下降最多的{n}个和上升最多的{n}个，完整列表见下表（可下载）。",
        "{total} districts changed: the chart shows the {n} largest falls and the {n} largest rises; all are in the table below (downloadable).",
    ),
    "chg.tables": ("按文件的记录变化", "Records changed per input file"),
    "chg.tables_note": (
        "与 `python -m pipeline diff` 相同：按各文件的唯一键匹配记录；“变更”指同一键的其他列有不同的值。",
        "As `python -m pipeline diff` counts them: rows matched on each file's key; changed = same key, another value.",
    ),
    "chg.figures_file": ("版本变化_指标", "release changes figures"),
    "chg.orgs_file": ("版本变化_社会组织", "release changes organizations"),
    "chg.hubs_file": ("版本变化_枢纽", "release changes hubs"),
    "chg.funding_file": ("版本变化_资金", "release changes funding"),
    "chg.projects_file": ("版本变化_项目", "release changes projects"),
    "chg.districts_file": ("版本变化_分区", "release changes districts"),
    "chg.tables_file": ("版本变化_按文件", "release changes files"),
    "chg.records_file": ("版本变化_记录_{reason}", "release changes records {reason}"),
    "chg.sentence": (
        "与上一版本（批次 {run}，完成于 {finished}）相比，{year}年底：新增组织 {added} 家、删除 {removed} 家、注销 {deregistered} 家，联系社会组织{linked}，覆盖率{rate}。",
        "Since the previous release (run {run}, finished {finished}), at end {year}: {added} organizations added, {removed} removed, {deregistered} deregistered; linked organizations{linked}, coverage{rate}.",
    ),
    "chg.sentence_no_year": (
        "上一版本（批次 {run}，完成于 {finished}）没有{year}年底的数据。",
        "The previous release (run {run}, finished {finished}) has no data for end {year}.",
    ),
    "chg.flat": ("不变", " unchanged"),  # the sentence's figures follow their name directly
    "chg.orgs_delta": (" {x} 家", " {x}"),
    "chg.rate_delta": (" {x}", " {x}"),
    "chg.see": ("查看两个版本之间的变化 →", "See what changed between the releases →"),
    "chg.unit.orgs": ("{n} 家", "{n} org."),
    "chg.unit.hubs": ("{n} 个", "{n} hub(s)"),
    "chg.unit.funding": ("{n} 笔", "{n} payment(s)"),
    "chg.unit.projects": ("{n} 个", "{n} project(s)"),
    "chg.reason.org_added": ("新增组织", "Organizations added"),
    "chg.reason.org_removed": ("删除组织", "Organizations removed"),
    "chg.reason.deregistered": ("注销", "Deregistered"),
    "chg.reason.org_dates": ("成立或注销日期更正", "Registration dates corrected"),
    "chg.reason.hub_revoked": ("所联系枢纽撤销认定", "Their hub's recognition revoked"),
    "chg.reason.link_ended": ("解除联系", "Links ended"),
    "chg.reason.link_removed": ("联系记录删除", "Links removed"),
    "chg.reason.hub_recognized": ("所联系枢纽新获认定", "Their hub newly recognized"),
    "chg.reason.link_reopened": ("解除日期撤回或推后", "Link end withdrawn or later"),
    "chg.reason.link_added": ("新增联系", "Links added"),
    "chg.reason.hub_changed": ("所联系枢纽类型变更", "Their hub's type changed"),
    "chg.reason.district_changed": (
        "所在区县变更（只影响分区数字）",
        "District changed (district figures only)",
    ),
    "chg.reason.other": ("其他", "Other"),
    "chg.reason.hubs_added": ("新增枢纽", "Hubs added"),
    "chg.reason.hubs_removed": ("删除枢纽", "Hubs removed"),
    "chg.reason.hubs_revoked": ("撤销认定", "Recognition revoked"),
    "chg.reason.hubs_dates": ("认定日期更正", "Recognition dates corrected"),
    "chg.reason.hubs_level": ("认定级别变更", "Level changed"),
    "chg.reason.funding_added": ("新增拨付", "Payments added"),
    "chg.reason.funding_removed": ("删除拨付", "Payments removed"),
    "chg.reason.funding_moved": ("拨付日期改到别的年份", "Payment date moved to another year"),
    "chg.reason.funding_amount": ("拨付金额更正", "Payment amounts corrected"),
    "chg.reason.project_added": ("新增项目", "Projects added"),
    "chg.reason.project_removed": ("删除项目", "Projects removed"),
    "chg.reason.project_moved": ("开始日期改到别的年份", "Start moved to another year"),
    "chg.reason.project_amount": ("合同金额更正", "Contract amounts corrected"),
    "chg.reason.total": ("合计", "Total"),
    "chg.table.organizations": ("社会组织", "organizations"),
    "chg.table.hubs": ("枢纽组织", "hubs"),
    "chg.table.hub_links": ("联系关系", "hub_links"),
    "chg.table.projects": ("购买服务项目", "projects"),
    "chg.table.funding": ("资金拨付", "funding"),
    "col.reason": ("原因", "Reason"),
    "col.units": ("数量", "Count"),
    "col.old": ("旧版本", "Older"),
    "col.new": ("新版本", "Newer"),
    "col.d_active": ("存续组织增减", "Change in active"),
    "col.d_linked": ("联系组织增减", "Change in linked"),
    "col.d_coverage": ("覆盖率变化", "Change in coverage"),
    "col.d_mass": ("群团联系增减", "Change in mass-linked"),
    "col.d_mass_share": ("群团联系占比变化", "Change in mass share"),
    "col.d_city": ("市级增减", "City level"),
    "col.d_district": ("区级增减", "District level"),
    "col.d_street": ("街道级增减", "Street level"),
    "col.d_total": ("合计增减", "Total"),
    "col.d_count": ("项目数增减", "Change in projects"),
    "col.d_amount": ("金额增减", "Change in amount"),
    "col.active_old": ("旧版存续", "Active (older)"),
    "col.active_new": ("新版存续", "Active (newer)"),
    "col.linked_old": ("旧版被联系", "Linked (older)"),
    "col.linked_new": ("新版被联系", "Linked (newer)"),
    "col.mass_old": ("旧版被群团联系", "Mass-linked (older)"),
    "col.mass_new": ("新版被群团联系", "Mass-linked (newer)"),
    "col.rate_old": ("旧版覆盖率", "Coverage (older)"),
    "col.rate_new": ("新版覆盖率", "Coverage (newer)"),
    "col.registered_old": ("旧版成立登记日期", "Registered on (older)"),
    "col.registered_new": ("新版成立登记日期", "Registered on (newer)"),
    "col.deregistered_old": ("旧版注销日期", "Deregistered on (older)"),
    "col.deregistered_new": ("新版注销日期", "Deregistered on (newer)"),
    "col.link_changes": ("变化的联系（−失去，+获得）", "Links that changed (− lost, + gained)"),
    "col.hub_id": ("枢纽组织编号", "Hub id"),
    "col.level_old": ("旧版认定级别", "Level (older)"),
    "col.level_new": ("新版认定级别", "Level (newer)"),
    "col.recognized_old": ("旧版认定日期", "Recognized on (older)"),
    "col.recognized_new": ("新版认定日期", "Recognized on (newer)"),
    "col.revoked_old": ("旧版撤销认定日期", "Revoked on (older)"),
    "col.revoked_new": ("新版撤销认定日期", "Revoked on (newer)"),
    "col.paid_old": ("旧版拨付日期", "Paid on (older)"),
    "col.paid_new": ("新版拨付日期", "Paid on (newer)"),
    "col.amount_old": ("旧版金额", "Amount (older)"),
    "col.amount_new": ("新版金额", "Amount (newer)"),
    "col.start_old": ("旧版开始日期", "Start (older)"),
    "col.start_new": ("新版开始日期", "Start (newer)"),
    "col.contract_old": ("旧版合同金额", "Contract (older)"),
    "col.contract_new": ("新版合同金额", "Contract (newer)"),
    "col.table": ("文件", "File"),
    "col.added": ("新增", "Added"),
    "col.removed": ("删除", "Removed"),
    "col.changed": ("变更", "Changed"),
    "unit.of_pp": ("个百分点", "points"),
    "chg.def.release": ("版本", "Release"),
    "chg.def.match": ("记录如何对应", "How records match"),
    "chg.def.orgs": ("社会组织变化的原因", "Why an organization's figures changed"),
    "chg.def.rate": ("比率变化的分解", "How a rate's change splits"),
    "chg.def.hubs": ("枢纽变化的原因", "Why hub counts changed"),
    "chg.def.money": ("资金和项目变化的原因", "Why funding and projects changed"),
    "unit.pp_short": ("点", "pt"),
    # column headers
    "col.figure": ("指标", "Figure"),
    "col.base": ("基准值", "Baseline"),
    "col.current": ("当前值", "Current"),
    "col.multiple": ("倍数", "Multiple"),
    "col.unit": ("单位", "Unit"),
    "col.increase": ("增量", "Increase"),
    "col.share_of_increase": ("占增量比例", "Share of the increase"),
    "col.year": ("年份", "Year"),
    "col.as_of": ("统计时点", "As of"),
    "col.district_code": ("区划代码", "District code"),
    "col.district_name": ("区县", "District"),
    "col.region_code": ("区划代码", "Region code"),
    "col.region_name": ("地区", "Region"),
    "col.registered_district": ("登记区划", "District as registered"),
    "col.current_district": ("现属区县", "District today"),
    "col.hub_type": ("枢纽类型", "Hub type"),
    "col.is_mass_org": ("是否群团", "Mass organization"),
    "col.level": ("枢纽级别", "Hub level"),
    "col.hubs": ("认定枢纽数", "Recognized hubs"),
    "col.managed_orgs": ("管理的组织", "Managed organizations"),
    "col.liaison_orgs": ("联系的组织", "Liaison organizations"),
    "col.share_of_active": ("占存续组织比例", "Share of active"),
    "col.uscc": ("统一社会信用代码", "USCC"),
    "col.name": ("名称", "Name"),
    "col.org_type": ("组织类型", "Organization type"),
    "col.registration_level": ("登记级别", "Registration level"),
    "col.service_domain": ("服务领域", "Service domain"),
    "col.is_linked": ("是否被联系", "Linked"),
    "col.linked_types": ("联系它的枢纽类型", "Linked by hub types"),
    "col.source": ("资金来源", "Source"),
    "col.amount": ("金额", "Amount"),
    "col.records": ("拨付笔数", "Payments"),
    "col.recipients": ("受资助组织数", "Recipients"),
    "col.population": ("常住人口", "Population"),
    "col.per_linked": ("每家联系组织", "Per linked organization"),
    "col.per_resident": ("人均", "Per resident"),
    "col.recipient_name": ("受资助组织", "Recipient"),
    "col.category": ("服务类别", "Category"),
    "col.purchaser_name": ("购买主体", "Purchaser"),
    "col.status": ("状态", "Status"),
    "col.evaluation_grade": ("评估结果", "Evaluation"),
    "col.projects": ("项目数", "Projects"),
    "col.contract": ("合同金额", "Contract value"),
    "col.field": ("字段", "Field"),
    "col.value": ("内容", "Value"),
    "col.hub_name": ("枢纽组织", "Hub"),
    "col.relation": ("关系", "Relation"),
    "col.linked_on": ("纳入日期", "Linked on"),
    "col.ended_on": ("解除日期", "Ended on"),
    "col.recognized_on": ("认定日期", "Recognized on"),
    "col.revoked_on": ("撤销认定日期", "Recognition revoked on"),
    "col.project_id": ("项目编号", "Project id"),
    "col.project_name": ("项目名称", "Project"),
    "col.start_on": ("开始日期", "Start"),
    "col.end_on": ("结束日期", "End"),
    "col.funding_id": ("拨付编号", "Payment id"),
    "col.paid_on": ("拨付日期", "Paid on"),
    "col.payer_name": ("拨付单位", "Payer"),
    "col.registered_on": ("成立登记日期", "Registered on"),
    "col.deregistered_on": ("注销日期", "Deregistered on"),
    "col.org_status": ("登记状态", "Status"),
    "col.run_id": ("刷新批次", "Run"),
    "col.started_at": ("开始时间", "Started"),
    "col.finished_at": ("完成时间", "Finished"),
    "col.run_status": ("结果", "Result"),
    "col.raw_folder": ("原始数据目录", "Raw folder"),
    "col.rows_read": ("读取行数", "Rows read"),
    "col.rows_accepted": ("接收行数", "Rows accepted"),
    "col.rows_rejected": ("拒收行数", "Rows rejected"),
    "col.rows_warned": ("警告行数", "Rows with warnings"),
    "col.file": ("文件", "File"),
    "col.line": ("行号", "Line"),
    "col.column": ("列", "Column"),
    "col.rule": ("规则", "Rule"),
    "col.bad_value": ("原值", "Value"),
    "col.message": ("说明", "Message"),
    "col.count": ("行数", "Rows"),
    "col.sample_lines": ("示例行号", "Sample lines"),
    "col.sample_values": ("示例原值", "Sample values"),
    "col.kind": ("类别", "Kind"),
    # values
    "val.yes": ("是", "yes"),
    "val.no": ("否", "no"),
    "val.none": ("—", "—"),
    "val.run_succeeded": ("成功", "succeeded"),
    "val.run_failed": ("失败", "failed"),
    "val.run_running": ("进行中", "running"),
    "val.run_interrupted": ("中断", "interrupted"),
    "val.rejected": ("拒收", "rejected"),
    "val.warning": ("警告", "warning"),
    "unit.times": ("{x} 倍", "{x}×"),
    "unit.of_count": ("个", "count"),
    "unit.of_rate": ("%（增量为百分点）", "% (increase in points)"),
    "unit.of_money": ("万元", "10k yuan"),
    "unit.pp": ("{x} 个百分点", "{x} points"),
}

# Sign-in, roles, publishing, releases and the audit log (docs/access.md)
_LABELS.update(
    {
        "page.publish": ("数据发布", "Publish data"),
        "page.releases": ("版本管理", "Releases"),
        "role.viewer": ("查看者（限定地区）", "viewer (listed regions)"),
        "role.leader": ("领导", "leader"),
        "role.staff": ("数据工作人员", "data staff"),
        "role.admin": ("管理员", "administrator"),
        "auth.sign_in": ("登录", "Sign in"),
        "auth.sign_out": ("退出登录", "Sign out"),
        "auth.signed_in_as": ("已登录：{user}（{role}）", "Signed in: {user} ({role})"),
        "auth.please_sign_in": (
            "请先登录。登录后按管理员分配的角色显示数据。",
            "Please sign in. What you see depends on the role your administrator gave you.",
        ),
        "auth.no_role": (
            "您已登录为 {user}，但管理员没有为您分配角色，因此不显示任何数据。请联系本系统管理员。",
            "You are signed in as {user}, but your administrator has given you no role, so nothing is shown. Please ask the administrator of this system.",
        ),
        "auth.configure_login_proxy": (
            "本服务器经反向代理供其他电脑访问（请求带有其他地址的转发头，或设置了 SHUNIU_PUBLIC=1），但尚未配置登录，因此不显示任何数据。请按 docs/access.md 在 .streamlit/secrets.toml 的 [auth] 中配置登录并编写角色文件 config/roles.toml；或只在本机使用：make run（监听 127.0.0.1）。",
            "This server is reached through a reverse proxy by other computers (the request carries a forwarding header naming another address, or SHUNIU_PUBLIC=1 is set), and no login is configured, so no data is shown. Configure login in the [auth] section of .streamlit/secrets.toml and write the roles file config/roles.toml, as docs/access.md says; or use it on this computer only: make run (listens on 127.0.0.1).",
        ),
        "auth.configure_login": (
            "本服务器监听在 {address}，其他电脑可以访问，但尚未配置登录，因此不显示任何数据。请按 docs/access.md 在 .streamlit/secrets.toml 的 [auth] 中配置登录（任何 OpenID Connect 身份提供方，如 Keycloak）并编写角色文件 config/roles.toml；或只在本机使用：make run（监听 127.0.0.1）。",
            "This server listens on {address}, where other computers can reach it, and no login is configured, so no data is shown. Configure login in the [auth] section of .streamlit/secrets.toml (any OpenID Connect provider, such as Keycloak) and write the roles file config/roles.toml, as docs/access.md says; or use it on this computer only: make run (listens on 127.0.0.1).",
        ),
        "auth.wrong_host": (
            "此服务器不响应该主机名，因此不显示任何数据。请用管理员给出的地址打开本页（本机：http://127.0.0.1 或 http://localhost）。",
            "This server does not answer to that host name, so no data is shown. Open this page at the address your administrator gave you (on this computer: http://127.0.0.1 or http://localhost).",
        ),
        "auth.login_incomplete": (
            "登录配置不完整（.streamlit/secrets.toml 的 [auth] 缺少：{keys}），因此不显示任何数据。见 docs/access.md。",
            "The login configuration is incomplete (the [auth] section of .streamlit/secrets.toml lacks: {keys}), so no data is shown. See docs/access.md.",
        ),
        "auth.secrets_unreadable": (
            "Streamlit 的密钥文件（.streamlit/secrets.toml）无法读取（不是有效的 TOML？），因此不显示任何数据。服务器日志中有详细原因。",
            "Streamlit's secrets file (.streamlit/secrets.toml) cannot be read (not valid TOML?), so no data is shown. The server log says why.",
        ),
        "auth.roles_error": (
            "角色文件 {path} 第 {line} 行有误：{why} 修改后刷新本页。在此之前不显示任何数据。",
            "The roles file {path} is wrong at line {line}: {why} Fix it, then reload this page. Until then no data is shown.",
        ),
        "roles.error_at": (
            "角色文件 {path} 第 {line} 行有误：{why}",
            "The roles file {path} is wrong at line {line}: {why}",
        ),
        "roles.bad_toml": ("不是有效的 TOML 格式（{error}）。", "It is not valid TOML ({error})."),
        "roles.not_utf8": ("不是 UTF-8 编码的文本（{error}）。", "It is not UTF-8 text ({error})."),
        "roles.unknown_top": (
            "未知的设置“{key}”；只能有 [users]、[groups] 和 groups_claim。",
            "Unknown setting “{key}”; only [users], [groups] and groups_claim are allowed.",
        ),
        "roles.bad_claim": (
            'groups_claim 应为一个非空文字，例如 "groups"。',
            'groups_claim must be a non-empty text, such as "groups".',
        ),
        "roles.not_table": (
            "“{key}”应为一个表，例如 [{key}]。",
            "“{key}” must be a table, such as [{key}].",
        ),
        "roles.not_email": (
            "[users] 下的“{entry}”不是电子邮箱地址。",
            "“{entry}” under [users] is not an e-mail address.",
        ),
        "roles.not_entry": (
            '“{entry}”应写成 {{ role = "viewer", regions = ["110105"] }} 的形式。',
            '“{entry}” must be written as {{ role = "viewer", regions = ["110105"] }}.',
        ),
        "roles.unknown_entry_key": (
            "“{entry}”有未知的项“{key}”；只能有 role 和 regions。",
            "“{entry}” has an unknown item “{key}”; only role and regions are allowed.",
        ),
        "roles.no_role": ("“{entry}”没有写 role。", "“{entry}” has no role."),
        "roles.unknown_role": (
            "“{entry}”的角色“{role}”不存在；可用的角色：{roles}。",
            "“{entry}” has the unknown role “{role}”; the roles are: {roles}.",
        ),
        "roles.bad_regions": (
            '“{entry}”的 regions 应为区划代码列表，例如 ["110105"]。',
            'The regions of “{entry}” must be a list of region codes, such as ["110105"].',
        ),
        "roles.unknown_region": (
            "“{entry}”的区划代码 {code} 不是有效的行政区划代码。",
            "The region code {code} of “{entry}” is not a valid region code.",
        ),
        "roles.retired_region": (
            "“{entry}”的区划代码 {code} 已撤销，请改用现行代码 {successor}。",
            "The region code {code} of “{entry}” is retired; use today's code {successor}.",
        ),
        "roles.viewer_without_regions": (
            "“{entry}”是查看者（viewer），必须列出可查看的地区（regions）；查看全部地区请用 leader。",
            "“{entry}” is a viewer and must list its regions; for every region use leader.",
        ),
        "roles.leader_with_regions": (
            "“{entry}”是领导（leader），可查看全部地区，不能列出地区；限定地区请用 viewer。",
            "“{entry}” is a leader, who sees every region, and cannot list regions; to limit them use viewer.",
        ),
        "roles.duplicate": (
            "“{entry}”重复出现（与 {other} 相同，不区分大小写）。",
            "“{entry}” appears twice (the same as {other}, ignoring case).",
        ),
        "publish.intro": (
            "上传全部登记表文件：organizations、hubs、hub_links（必需），projects、funding、population（可选），每个表一个文件，文件名为表名，如 organizations.csv 或 organizations.xlsx（CSV 可为 UTF-8、带 BOM 的 UTF-8 或 GB18030/GBK；xlsx 读第一个工作表）。**每个文件不超过 {limit} MB。** 先校验（与命令行 `python -m pipeline validate` 相同），确认后再发布（与 `python -m pipeline refresh` 相同：全部成功才替换，否则原数据不变）。",
            "Upload every register file: organizations, hubs, hub_links (required), projects, funding, population (optional), one file per table named after it, such as organizations.csv or organizations.xlsx (CSV in UTF-8, UTF-8 with BOM or GB18030/GBK; xlsx: the first sheet). **At most {limit} MB per file.** Validate first (as `python -m pipeline validate` does), then publish (as `python -m pipeline refresh` does: all or nothing, otherwise the data stay as they were).",
        ),
        "publish.files": ("登记表文件（CSV 或 xlsx）", "Register files (CSV or xlsx)"),
        "publish.taken": ("将使用：{files}", "Files taken: {files}"),
        "publish.bad_kind": (
            "{file} 不是登记表文件：只接受 .csv 或 .xlsx 文件。",
            "{file} is not a register file: only .csv and .xlsx files are taken.",
        ),
        "publish.bad_name": (
            "{file} 的文件名不对应任何登记表。请把文件改名为表名：{names}（或对应的 .xlsx）。",
            "{file} names no register table. Rename it after its table: {names} (or the same names in .xlsx).",
        ),
        "publish.too_big": (
            "{file} 有 {size} MB，超过每个文件 {limit} MB 的上限。",
            "{file} is {size} MB, over the limit of {limit} MB per file.",
        ),
        "publish.empty": ("{file} 是空文件。", "{file} is empty."),
        "publish.two_files": (
            "{a} 和 {b} 都是「{table}」表；请只上传其中一个。",
            "{a} and {b} both hold table '{table}'; upload only one of them.",
        ),
        "publish.nothing_changed": (
            "没有做任何更改：数据仓库和已发布的数据保持原样。",
            "Nothing was changed: the warehouse and the published data are as they were.",
        ),
        "publish.validate": ("校验", "Validate"),
        "publish.busy": (
            "服务器正在校验其他上传的文件（同时最多 {n} 份），请稍后再点“校验”。没有做任何更改。",
            "The server is validating other uploads (at most {n} at a time). Click Validate again in a moment. Nothing was changed.",
        ),
        "publish.validate_running": ("正在校验…", "Validating…"),
        "publish.validate_done": ("校验完成", "Validation finished"),
        "publish.publish_running": ("正在发布…", "Publishing…"),
        "publish.publish_done": ("发布结束", "Publishing finished"),
        "publish.crashed": (
            "意外错误：{error}。请把这句话告诉系统管理员。",
            "Unexpected error: {error}. Please tell your system administrator.",
        ),
        "publish.files_head": (
            "各文件读取、接收、拒收行数",
            "Rows read, accepted and rejected per file",
        ),
        "publish.rules_head": ("拒收的行（按规则汇总）", "Rejected rows by rule"),
        "publish.no_rejections": ("没有拒收的行。", "No row was rejected."),
        "publish.report": ("下载拒收明细（CSV）", "Download the rejection report (CSV)"),
        "publish.live_head": (
            "与当前发布的数据比较（接收行数）",
            "Compared with the live release (rows accepted)",
        ),
        "publish.col.table": ("表", "Table"),
        "publish.col.live_file": ("当前文件", "Live file"),
        "publish.col.live_rows": ("当前接收行数", "Live rows"),
        "publish.col.new_file": ("新文件", "New file"),
        "publish.col.new_rows": ("新接收行数", "New rows"),
        "publish.col.change": ("增减", "Change"),
        "publish.col.added": ("新增记录", "Added"),
        "publish.col.removed": ("删除记录", "Removed"),
        "publish.col.changed": ("修改记录", "Changed"),
        "publish.confirm": (
            "发布后，所有用户看到的数据都将换成这批文件的数据（被拒收的行不进入数据）。发布记录会写明发布人。",
            "After publishing, every user sees the data of these files (rejected rows are left out). The audit log names who published.",
        ),
        "publish.publish": ("发布", "Publish"),
        "publish.published": (
            "已发布为版本 {run}：读取 {read} 行，接收 {accepted} 行，拒收 {rejected} 行。与上一版本相比：",
            "Published as release {run}: {read} rows read, {accepted} accepted, {rejected} rejected. Compared with the release before:",
        ),
        "manage.none": ("还没有任何版本。", "There is no release yet."),
        "manage.state.live": ("在用", "live"),
        "manage.state.kept": ("保留", "kept"),
        "manage.state.missing": ("缺失", "missing"),
        "manage.col.state": ("状态", "State"),
        "manage.col.pinned": ("已固定", "Pinned"),
        "manage.col.size": ("大小(MiB)", "Size (MiB)"),
        "manage.pin_head": ("固定或取消固定", "Pin or unpin"),
        "manage.pin_button": ("固定（不被清理）", "Pin (never pruned)"),
        "manage.unpin_button": ("取消固定", "Unpin"),
        "manage.pin": ("已固定版本 {run}。", "Pinned release {run}."),
        "manage.pin_noop": ("版本 {run} 本来就已固定。", "Release {run} was pinned already."),
        "manage.unpin": ("已取消固定版本 {run}。", "Unpinned release {run}."),
        "manage.unpin_noop": ("版本 {run} 本来就没有固定。", "Release {run} was not pinned."),
        "manage.prune_head": ("清理旧版本", "Prune old releases"),
        "manage.keep": ("保留最新的版本数", "Newest releases to keep"),
        "manage.prune_note": (
            "在用的版本和已固定的版本永远不会被清理。",
            "The live release and pinned releases are never pruned.",
        ),
        "manage.prune_button": ("清理", "Prune"),
        "manage.pruned": ("清理了 {count} 个版本：{runs}。", "Pruned {count} releases: {runs}."),
        "audit.title": ("审计日志（仅管理员可见）", "Audit log (administrators only)"),
        "audit.col.at": ("时间", "Time"),
        "audit.col.actor": ("操作人", "Who"),
        "audit.col.role": ("角色", "Role"),
        "audit.col.via": ("途径", "Via"),
        "audit.col.action": ("操作", "Action"),
        "audit.col.detail": ("详情", "Details"),
    }
)

# Definitions of every figure (shown on the pages, written on the briefing cover): schemas/definitions.py


# Definitions of the 变化 page (what a release is, how records match, each reason, the rate parts);
# shown on that page only (the briefing cover carries DEFINITIONS above).
CHANGE_DEFINITIONS: dict[str, tuple[str, str]] = {
    "chg.def.release": (
        "每次成功的刷新都保留为一个版本（只读的数据仓库文件），以刷新批次号标识；本页比较两个版本在同一年底的数字。",
        "Every successful refresh is kept as a release (a read-only warehouse file) named by its run id; this page compares two releases' figures at one year-end.",
    ),
    "chg.def.match": (
        "两个版本的记录按唯一键对应：社会组织按统一社会信用代码，枢纽按枢纽组织编号，联系按（枢纽、组织、关系类型、纳入日期），拨付按拨付编号，项目按项目编号。只在新版本中的是新增，只在旧版本中的是删除。",
        "Records are matched on their key: organizations on the USCC, hubs on the hub id, links on (hub, organization, relation, linked on), payments on the payment id, projects on the project id. Only in the newer release: added; only in the older: removed.",
    ),
    "chg.def.orgs": (
        "某年底一个组织的状态（是否存续、是否被联系、是否被群团组织联系、所在区县）在两个版本中不同时，取以下第一个适用的原因：新增组织；删除组织；注销（新版本的注销日期不晚于该年底）；成立或注销日期的其他更正；再看它在该年底有效的联系——失去联系时依次为所联系枢纽撤销认定（或枢纽被删除）、解除联系（解除日期改到该年底或更早）、联系记录删除；获得联系时依次为所联系枢纽新获认定、解除日期撤回或推后、新增联系；联系不变而群团联系变化的是所联系枢纽类型变更；只有区县变化的是所在区县变更。每个组织只计入一个原因，所以各原因之和正好等于存续、联系和群团联系组织数的变化。",
        "An organization whose state at the year-end (active, linked, linked by a mass organization, district) differs between the releases takes the first reason that applies: added; removed; deregistered (the newer deregistration date is on or before the year-end); another correction of its dates; then its links counting at the year-end: when it lost them, its hub's recognition revoked (or the hub removed), the link ended (end date moved to the year-end or earlier), the link removed; when it gained them, its hub newly recognized, the link's end withdrawn or moved later, a link added; linked either way but mass-linked changed: its hub's type changed; only the district changed: district changed. Each organization counts under one reason, so the reasons add up exactly to the change in active, linked and mass-linked organizations.",
    ),
    "chg.def.rate": (
        "覆盖率 r = 联系组织数 L ÷ 存续组织数 A。r₁ − r₀ = Σ（ΔL − r₀ × ΔA）÷ A₁：每个原因的贡献 =（该原因的联系组织增减 − 旧覆盖率 × 该原因的存续组织增减）÷ 新版本的存续组织数，各贡献之和正好等于覆盖率的变化；群团联系占比同理。所以注销一个未被联系的组织会使覆盖率上升。",
        "Coverage r = linked L / active A. r1 - r0 = sum of (dL - r0 x dA) / A1: each reason's part = (its change in linked - the old rate x its change in active) / the newer active count, and the parts add up exactly to the change; the mass-organization share likewise. So deregistering an organization that was not linked raises coverage.",
    ),
    "chg.def.hubs": (
        "某年底一个枢纽是否在认定期内、认定级别在两个版本中不同时：新增枢纽；删除枢纽；撤销认定（新版本的撤销认定日期不晚于该年底）；认定日期的其他更正；认定级别变更（合计不变，只在级别之间移动）。",
        "A hub whose recognition at the year-end or level differs: added; removed; recognition revoked (the newer revocation date on or before the year-end); another correction of its dates; level changed (moves between levels, the total stays).",
    ),
    "chg.def.money": (
        "当年资金按拨付日期所在年份计入：新增或删除的拨付、拨付日期改入或改出该年、金额更正；项目按开始日期所在年份计入：新增、删除、开始日期改入或改出该年、合同金额更正。",
        "Funding counts by the year of its payment date: payments added or removed, moved into or out of the year, amounts corrected; projects by the year of their start: added, removed, start moved into or out of the year, contract amounts corrected.",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The label of a key in a language, with values filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def definition(key: str, lang: Lang) -> str:
    """The written definition of a figure (or of the 变化 page's terms)."""
    zh, en = DEFINITIONS[key] if key in DEFINITIONS else CHANGE_DEFINITIONS[key]
    return zh if lang == "zh" else en


def label(vocabulary: str, code: str | None, lang: Lang) -> str:
    """The label of an enum code (vocabularies of schemas/vocab.py); the code itself when unknown."""
    if code is None:
        return t("val.none", lang)
    for term in vocab.VOCABULARIES[vocabulary]:
        if term.code == code:
            return term.zh if lang == "zh" else term.en
    return code


def labels(vocabulary: str, lang: Lang) -> dict[str, str]:
    """Code -> label for every code of a vocabulary, in catalogue order."""
    return {
        term.code: (term.zh if lang == "zh" else term.en) for term in vocab.VOCABULARIES[vocabulary]
    }


def has(key: str) -> bool:
    """Whether the catalogue holds a key."""
    return key in _LABELS


def catalogue(lang: Lang) -> dict[str, str]:
    """Every catalogue key -> its text in a language (unformatted), e.g. for labelling a column of keys."""
    return {key: (zh if lang == "zh" else en) for key, (zh, en) in _LABELS.items()}


# exports (issue 11, items 1-3): download buttons, file names, the 说明 sheet
_LABELS.update(
    {
        "app.download_xlsx": ("下载表格（xlsx）", "Download table (xlsx)"),
        "app.download_chart_xlsx": ("下载图表数据（xlsx）", "Download chart data (xlsx)"),
        "export.csv_help": (
            'CSV 供程序读取；用电子表格软件查看请下载 .xlsx。CSV 中全为数字的代码写作 ="…"，以免被电子表格改成科学计数。',
            'CSV is for programs; to read it in Excel or WPS download the .xlsx. All-digit codes in the CSV are written as ="…" so a spreadsheet keeps every digit.',
        ),
        "export.n_regions": ("{n}个地区", "{n} regions"),
        "export.release": ("批次{run}", "run {run}"),
        "export.page": ("页面", "Page"),
        "export.table": ("表格", "Table"),
        "export.selection": ("筛选条件", "Selection"),
        "export.latest": ("数据最新记录日期", "Latest record"),
        "export.run": ("刷新批次", "Refresh run"),
        "export.finished": ("刷新完成时间", "Refresh finished"),
        "export.generated": ("生成时间", "Generated at"),
        "export.subtitle": ("{as_of}｜{selection}｜{release}", "{as_of} | {selection} | {release}"),
        "export.all_regions": ("全部地区", "all regions"),
        "col.is_current": ("是否现行区划", "Current code"),
        "col.map_drawn": ("地图上绘出", "Drawn on the map"),
    }
)


# Issue 11 (a clerk's Chinese, fit): labels added in one block.
_LABELS.update(
    {
        "overview.cards_note": (
            "卡片中的箭头为较{year}年底的变化（当年资金、项目为较{year}年全年），括号内为倍数。",
            "Arrows: change since end {year} (funding and projects: since the year {year}); in brackets the multiple.",
        ),
        "overview.card_tip": (
            "{year}年底的值；箭头为较{base}年底的变化，括号内为倍数。",
            "Value at end {year}; the arrow: change since end {base}, in brackets the multiple.",
        ),
        "overview.card_tip_year": (
            "{year}年全年的值；箭头为较{base}年全年的变化，括号内为倍数。",
            "Value for the year {year}; the arrow: change since the year {base}, in brackets the multiple.",
        ),
        "overview.delta_times": ("{delta}（{times}）", "{delta} ({times})"),
        "card.mass_org_linked_orgs": ("群团联系社会组织", "Mass-org linked"),
        "card.contract_amount_yuan": ("当年项目合同金额", "New contracts' value"),
        "col.rule_code": ("规则代码", "Rule code"),
        "col.column_code": ("列代码", "Column code"),
        "app.choose": ("请选择", "Choose"),
        "orgs.option": ("{name}（{uscc}）", "{name} ({uscc})"),
        "col.message_zh": ("说明", "Message to the clerk (Chinese)"),
        "quality.message_zh": (
            "",
            "The message to the clerk is written in Chinese only: it is in the rejection report and on the Chinese page.",
        ),
    }
)
