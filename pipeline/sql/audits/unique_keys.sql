-- Every mart's key is unique: returns one row per repeated key (mart, key, copies).
-- marts.org_segments, the largest, is checked by org_segments_one_per_active_year_end instead.
select 'marts.calendar' as mart, as_of::varchar as key, count(*) as copies
from marts.calendar group by as_of having count(*) > 1
union all
select 'marts.headline', as_of::varchar, count(*)
from marts.headline group by as_of having count(*) > 1
union all
select 'marts.district_coverage', concat_ws('|', as_of, district_code), count(*)
from marts.district_coverage group by as_of, district_code having count(*) > 1
union all
select 'marts.hub_type_coverage', concat_ws('|', as_of, hub_type), count(*)
from marts.hub_type_coverage group by as_of, hub_type having count(*) > 1
union all
select 'marts.district_funding', concat_ws('|', year, district_code, source), count(*)
from marts.district_funding group by year, district_code, source having count(*) > 1
union all
select
    'marts.coverage_cube',
    concat_ws(
        '|', as_of, district_code, registered_district_code, org_type, registration_level,
        managed_mask, liaison_mask
    ),
    count(*)
from marts.coverage_cube
group by
    as_of, district_code, registered_district_code, org_type, registration_level, managed_mask,
    liaison_mask
having count(*) > 1
union all
select 'marts.region_coverage', concat_ws('|', as_of, region_level, region_code), count(*)
from marts.region_coverage group by as_of, region_level, region_code having count(*) > 1
union all
select 'marts.region_funding', concat_ws('|', year, region_level, region_code), count(*)
from marts.region_funding group by year, region_level, region_code having count(*) > 1
union all
select 'marts.hub_year', concat_ws('|', as_of, hub_id), count(*)
from marts.hub_year group by as_of, hub_id having count(*) > 1
union all
select 'marts.funding_facts', concat_ws('|', year, district_code, source, recipient_uscc), count(*)
from marts.funding_facts group by year, district_code, source, recipient_uscc having count(*) > 1
union all
select 'marts.projects', project_id, count(*)
from marts.projects group by project_id having count(*) > 1
union all
select
    'marts.register_profile',
    concat_ws(
        '|', as_of, district_code, org_type, registration_level, service_domain, is_linked, filed
    ),
    count(*)
from marts.register_profile
group by as_of, district_code, org_type, registration_level, service_domain, is_linked, filed
having count(*) > 1
union all
select 'marts.filed_org_year', concat_ws('|', as_of, filing_id), count(*)
from marts.filed_org_year group by as_of, filing_id having count(*) > 1
union all
select 'marts.hub_links_by_year', concat_ws('|', hub_id, as_of, relation), count(*)
from marts.hub_links_by_year group by hub_id, as_of, relation having count(*) > 1
union all
select 'marts.hub_links_by_district', concat_ws('|', as_of, hub_id, district_code, relation), count(*)
from marts.hub_links_by_district
group by as_of, hub_id, district_code, relation having count(*) > 1
union all
select 'marts.field_reach', concat_ws('|', hub_type, district_code, as_of), count(*)
from marts.field_reach group by hub_type, district_code, as_of having count(*) > 1
