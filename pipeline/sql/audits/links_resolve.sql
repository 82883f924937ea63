-- Every link names a loaded hub and organization, its relation is managed or liaison, and
-- its hub's type and level are in the vocabulary (so it has a mask bit).
-- Returns the offending links.
select hub_id, uscc, relation, linked_on, hub_type, hub_level, mask_bit
from marts.links
where hub_id not in (select hub_id from clean.hubs where hub_id is not null)
    or uscc not in (select uscc from clean.organizations where uscc is not null)
    or mask_bit is null
    or relation is null
    or relation not in ('managed', 'liaison')
