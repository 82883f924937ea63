-- The register's profile (DOMAIN.md "Register profile"): active organizations counted by the
-- attributes the seeds' other figures break them down by.
-- Grain: one row per (as_of, district_code, org_type, registration_level, service_domain,
-- is_linked) that has at least one active organization on the year-end as_of. district_code is
-- today's county (a retired code counts in its successor); is_linked = linked by any recognized
-- hub on as_of (marts.org_year.is_linked). registration_level and service_domain are NULL for
-- organizations without one (and for all when the file lacks the column).
-- Every count adds up over the grain columns, so every figure of the profile is a plain sum
-- over a filter of the grain: active_orgs, linked_orgs (= active_orgs where is_linked, else 0),
-- with_party_org, with_union, direct_registered / dual_registered (registration_mode),
-- rated_1a .. rated_5a and rated_4a_plus (= rated_4a + rated_5a), full_time_staff (the sum of
-- the staff numbers given) and staff_reported (organizations that gave one).
-- A count whose input column the organizations file did not deliver (no row in
-- quality.file_columns) is NULL, "not provided", never 0.
-- filed: false for registered organizations; true for filed community organizations (备案,
-- marts.filed_org_year), counted apart: their rows have no org_type or registration_level and
-- only active_orgs and linked_orgs (every other count NULL: not provided for them). A figure of
-- registered organizations is a sum where not filed; together, a sum over both.
-- district_code of an organization known only above county level is the region's it is known at
-- (350300, 510000, 100000 for national).
-- A delivery without hub data (marts.delivery): is_linked and linked_orgs are NULL (not provided).
-- direct_registered / dual_registered count ref.registration_mode (登记方式, else derived from
-- 业务主管单位), NULL when the file has neither column.
-- Union and party coverage counted all ways (DOMAIN.md, the Chongqing report's 有形覆盖 / 有效覆盖;
-- schemas/definitions.py profile.union_formal, profile.union_effective): with_union counts the flag
-- 是否建立工会 as delivered; with_union_formal counts an organization with a union in any form (the
-- flag, or any 工会建立方式, the supervising unit's included), NULL when the file has neither column;
-- with_union_effective counts its own or a joint union (union_form own or joint, not through the
-- supervising unit), and union_own / union_joint / union_via_supervisor each form, NULL when the
-- file has no union_form column. The same for party organizations: with_party_org_formal,
-- with_party_org_effective, party_org_own, party_org_joint, party_org_via_supervisor
-- (是否建立党组织, 党组织建立方式).
with

org_year as (
    select * from marts.org_year
),

-- only the attributes org_year does not carry, straight from clean.organizations (the same rows
-- as staging.organizations, one per uscc): a narrow 1M-row build side for the join below, which the
-- staging view's successor join would make the planner overestimate and put on the probe side
organizations as (
    select
        uscc,
        service_domain,
        rating,
        ref.registration_mode(registration_mode, supervising_unit) as registration_mode,
        full_time_staff,
        union_form,
        party_org_form
    from clean.organizations
),

delivery as (
    select * from marts.delivery
),

file_columns as (
    select * from quality.file_columns
),

-- one row: whether the organizations file delivered each optional column the profile counts
-- (NULL, i.e. not delivered, when the run recorded no columns at all)
delivered as (
    select
        bool_or("column" = 'rating') as rating,
        -- 登记方式, or 业务主管单位 it is derived from (ref.registration_mode)
        bool_or("column" in ('registration_mode', 'supervising_unit')) as registration_mode,
        bool_or("column" = 'full_time_staff') as full_time_staff,
        bool_or("column" = 'has_party_org') as has_party_org,
        bool_or("column" = 'has_union') as has_union,
        bool_or("column" = 'union_form') as union_form,
        bool_or("column" = 'party_org_form') as party_org_form
    from file_columns
    where table_name = 'organizations'
),

active_rows as (
    select
        org_year.as_of,
        org_year.district_code,
        org_year.org_type,
        org_year.registration_level,
        organizations.service_domain,
        if(delivery.has_hub_data, org_year.is_linked, null) as is_linked,
        org_year.has_party_org,
        org_year.has_union,
        organizations.rating,
        organizations.registration_mode,
        organizations.full_time_staff,
        organizations.union_form,
        organizations.party_org_form
    from org_year
    inner join organizations on organizations.uscc = org_year.uscc
    cross join delivery
),

counts as (
    select
        as_of,
        district_code,
        org_type,
        registration_level,
        service_domain,
        is_linked,
        count(*) as active_orgs,
        count(*) filter (where is_linked) as linked_orgs,
        count(*) filter (where has_party_org) as with_party_org,
        count(*) filter (where has_union) as with_union,
        count(*) filter (where registration_mode = 'direct') as direct_registered,
        count(*) filter (where registration_mode = 'dual') as dual_registered,
        count(*) filter (where rating = '1A') as rated_1a,
        count(*) filter (where rating = '2A') as rated_2a,
        count(*) filter (where rating = '3A') as rated_3a,
        count(*) filter (where rating = '4A') as rated_4a,
        count(*) filter (where rating = '5A') as rated_5a,
        count(*) filter (where rating in ('4A', '5A')) as rated_4a_plus,
        coalesce(sum(full_time_staff), 0) as full_time_staff,
        count(full_time_staff) as staff_reported,
        count(*) filter (where has_union or union_form is not null) as with_union_formal,
        count(*) filter (where union_form in ('own', 'joint')) as with_union_effective,
        count(*) filter (where union_form = 'own') as union_own,
        count(*) filter (where union_form = 'joint') as union_joint,
        count(*) filter (where union_form = 'via_supervisor') as union_via_supervisor,
        count(*) filter (where has_party_org or party_org_form is not null)
            as with_party_org_formal,
        count(*) filter (where party_org_form in ('own', 'joint')) as with_party_org_effective,
        count(*) filter (where party_org_form = 'own') as party_org_own,
        count(*) filter (where party_org_form = 'joint') as party_org_joint,
        count(*) filter (where party_org_form = 'via_supervisor') as party_org_via_supervisor
    from active_rows
    group by as_of, district_code, org_type, registration_level, service_domain, is_linked
),

filed_rows as (
    select
        as_of,
        district_code,
        null::varchar as org_type,
        null::varchar as registration_level,
        service_domain,
        if(delivery.has_hub_data, is_linked, null) as is_linked,
        true as filed,
        count(*)::bigint as active_orgs,
        if(delivery.has_hub_data, count(*) filter (where is_linked), null)::bigint
            as linked_orgs
    from marts.filed_org_year
    cross join delivery
    group by as_of, district_code, service_domain, is_linked, delivery.has_hub_data
),

registered_rows as (
    select
        counts.as_of,
        counts.district_code,
        counts.org_type,
        counts.registration_level,
        counts.service_domain,
        counts.is_linked,
        false as filed,
        counts.active_orgs::bigint as active_orgs,
        if(delivery.has_hub_data, counts.linked_orgs, null)::bigint as linked_orgs,
        if(delivered.has_party_org, counts.with_party_org, null)::bigint as with_party_org,
        if(delivered.has_union, counts.with_union, null)::bigint as with_union,
        if(delivered.rating, counts.rated_4a_plus, null)::bigint as rated_4a_plus,
        if(delivered.registration_mode, counts.direct_registered, null)::bigint
            as direct_registered,
        if(delivered.registration_mode, counts.dual_registered, null)::bigint as dual_registered,
        if(delivered.rating, counts.rated_1a, null)::bigint as rated_1a,
        if(delivered.rating, counts.rated_2a, null)::bigint as rated_2a,
        if(delivered.rating, counts.rated_3a, null)::bigint as rated_3a,
        if(delivered.rating, counts.rated_4a, null)::bigint as rated_4a,
        if(delivered.rating, counts.rated_5a, null)::bigint as rated_5a,
        if(delivered.full_time_staff, counts.full_time_staff, null)::bigint as full_time_staff,
        if(delivered.full_time_staff, counts.staff_reported, null)::bigint as staff_reported,
        if(delivered.has_union or delivered.union_form, counts.with_union_formal, null)::bigint
            as with_union_formal,
        if(delivered.union_form, counts.with_union_effective, null)::bigint
            as with_union_effective,
        if(delivered.union_form, counts.union_own, null)::bigint as union_own,
        if(delivered.union_form, counts.union_joint, null)::bigint as union_joint,
        if(delivered.union_form, counts.union_via_supervisor, null)::bigint
            as union_via_supervisor,
        if(
            delivered.has_party_org or delivered.party_org_form, counts.with_party_org_formal, null
        )::bigint as with_party_org_formal,
        if(delivered.party_org_form, counts.with_party_org_effective, null)::bigint
            as with_party_org_effective,
        if(delivered.party_org_form, counts.party_org_own, null)::bigint as party_org_own,
        if(delivered.party_org_form, counts.party_org_joint, null)::bigint as party_org_joint,
        if(delivered.party_org_form, counts.party_org_via_supervisor, null)::bigint
            as party_org_via_supervisor
    from counts
    cross join delivered
    cross join delivery
),

final as (
    select * from registered_rows
    union all by name
    select * from filed_rows
)

select * from final
