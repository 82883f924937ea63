-- In marts.org_year, is_linked holds exactly when a mask bit is set and a hub is counted,
-- and is_mass_linked exactly when a mass-org-type bit is set. Returns the offending rows.
with

mass_org_mask as (
    select bit_or(7::bigint << (type_index * 3)) filter (where is_mass_org) as mass_mask
    from ref.hub_types
),

final as (
    select org_year.as_of, org_year.uscc, org_year.managed_mask, org_year.liaison_mask,
        org_year.hubs, org_year.is_linked, org_year.is_mass_linked
    from marts.org_year
    cross join mass_org_mask
    where org_year.is_linked <> ((org_year.managed_mask | org_year.liaison_mask) <> 0)
        or org_year.is_linked <> (org_year.hubs > 0)
        or org_year.is_mass_linked
            <> (((org_year.managed_mask | org_year.liaison_mask) & mass_org_mask.mass_mask) <> 0)
)

select * from final
