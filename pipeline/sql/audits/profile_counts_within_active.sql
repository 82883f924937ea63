-- Every count of marts.register_profile lies within its row's active organizations: linked_orgs
-- is all of them on a linked row and none on the others; flags, ratings, registration modes and
-- staff reports never exceed active_orgs (together, where they exclude each other);
-- rated_4a_plus = rated_4a + rated_5a; no row without organizations. NULL counts ("not
-- provided") pass. Returns the offending rows.
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
