-- Every count of marts.register_profile lies within its row's active organizations: linked_orgs
-- is all of them on a linked row and none on the others; flags, ratings, registration modes and
-- staff reports never exceed active_orgs (together, where they exclude each other);
-- rated_4a_plus = rated_4a + rated_5a; no row without organizations. Union and party coverage
-- counted all ways nest: the flag and every form within formal, formal within active, effective =
-- own + joint, the three forms within formal. NULL counts ("not provided") pass. Returns the
-- offending rows.
select as_of, district_code, org_type, registration_level, service_domain, is_linked, filed
from marts.register_profile
where active_orgs < 1
    or linked_orgs <> if(is_linked, active_orgs, 0)
    or with_party_org > active_orgs
    or with_union > active_orgs
    or direct_registered + dual_registered > active_orgs
    or rated_1a + rated_2a + rated_3a + rated_4a + rated_5a > active_orgs
    or rated_4a_plus <> rated_4a + rated_5a
    or staff_reported > active_orgs
    or full_time_staff < 0
    or with_union_formal > active_orgs
    or with_union > with_union_formal
    or with_union_effective <> union_own + union_joint
    or union_own + union_joint + union_via_supervisor > with_union_formal
    or with_party_org_formal > active_orgs
    or with_party_org > with_party_org_formal
    or with_party_org_effective <> party_org_own + party_org_joint
    or party_org_own + party_org_joint + party_org_via_supervisor > with_party_org_formal
