-- Linked counts never exceed what contains them: linked <= active, mass-org <= linked,
-- managed and liaison <= linked <= managed + liaison. Returns the offending rows.
select 'marts.headline' as mart, as_of, null as key
from marts.headline
where linked_orgs > active_orgs or mass_org_linked_orgs > linked_orgs
    or filed_linked_orgs > filed_orgs
union all
select 'marts.district_coverage', as_of, district_code
from marts.district_coverage
where linked_orgs > active_orgs
union all
select 'marts.region_coverage', as_of, region_level || ' ' || region_code
from marts.region_coverage
where linked_orgs > active_orgs
    or filed_linked_orgs > filed_orgs
    or hubs_total <> hubs_city + hubs_district + hubs_street
union all
select 'marts.hub_type_coverage', hub_type_coverage.as_of, hub_type_coverage.hub_type
from marts.hub_type_coverage
left join marts.headline on headline.as_of = hub_type_coverage.as_of
where hub_type_coverage.linked_orgs > coalesce(headline.active_orgs, 0)
    or hub_type_coverage.managed_orgs > hub_type_coverage.linked_orgs
    or hub_type_coverage.liaison_orgs > hub_type_coverage.linked_orgs
    or hub_type_coverage.linked_orgs
        > hub_type_coverage.managed_orgs + hub_type_coverage.liaison_orgs
union all
select 'marts.hub_year', as_of, hub_id
from marts.hub_year
where managed_orgs > linked_orgs
    or liaison_orgs > linked_orgs
    or linked_orgs > managed_orgs + liaison_orgs
