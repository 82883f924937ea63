-- In marts.org_segments, is_linked holds exactly when a mask bit is set and a hub is counted,
-- and is_mass_linked exactly when a mass-org-type bit is set. Returns the offending segments.
with

mass_org_mask as (
    select bit_or(7::bigint << (type_index * 3)) filter (where is_mass_org) as mass_mask
    from ref.hub_types
),

final as (
    select org_segments.uscc, org_segments.first_as_of, org_segments.managed_mask,
        org_segments.liaison_mask, org_segments.hubs, org_segments.is_linked,
        org_segments.is_mass_linked
    from marts.org_segments
    cross join mass_org_mask
    where org_segments.is_linked <> ((org_segments.managed_mask | org_segments.liaison_mask) <> 0)
        or org_segments.is_linked <> (org_segments.hubs > 0)
        or org_segments.is_mass_linked
            <> (((org_segments.managed_mask | org_segments.liaison_mask) & mass_org_mask.mass_mask)
                <> 0)
)

select * from final
