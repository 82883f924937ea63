-- Warehouse DDL for the loaded layers (ref, clean, quality); marts are built by the SQL models.
create schema if not exists ref;
create schema if not exists clean;
create schema if not exists quality;
create schema if not exists staging;
create schema if not exists marts;

create table ref.regions (
    region_code varchar primary key, region_name varchar not null, region_level varchar not null,
    province_code varchar, province_name varchar, prefecture_code varchar, prefecture_name varchar,
    is_current boolean not null, parent_code varchar, valid_from_year integer,
    valid_until_year integer, successor_code varchar, is_zone boolean not null
);
create table ref.region_successors (
    region_code varchar not null, region_name varchar not null, valid_from_year integer not null,
    valid_until_year integer, successor_code varchar, successor_name varchar,
    successor_codes varchar[], split_rule varchar not null, applies_from_year integer not null,
    applies_until_year integer not null, primary key (region_code, valid_from_year)
);
-- Today's code a GB/T 2260 code counts in when read in a given year (docs/regions.md): the
-- successor of the meaning it had that year when that meaning was retired, else the code itself
-- (a code never retired has no row in ref.region_successors). Every staging model resolves its
-- codes through it; the subquery is decorrelated by DuckDB into one join.
create macro ref.today_code(filed_code, filed_year) as coalesce(
    (
        select region_successors.successor_code
        from ref.region_successors as region_successors
        where region_successors.region_code = filed_code
            and filed_year >= region_successors.applies_from_year
            and filed_year < region_successors.applies_until_year
    ),
    filed_code
);
create table ref.region_levels (
    district_code varchar not null, region_level varchar not null, region_code varchar not null,
    parent_code varchar, primary key (district_code, region_level)
);
-- field_domain: the service domain of a mass organization's field (schemas/vocab.HUB_TYPE_FIELD),
-- NULL for a type without one.
create table ref.hub_types (
    hub_type varchar primary key, type_index integer not null, is_mass_org boolean not null,
    label_zh varchar not null, label_en varchar not null, field_domain varchar
);
create table ref.hub_levels (
    level varchar primary key, level_index integer not null, label_zh varchar not null,
    label_en varchar not null
);
create table ref.vocab (
    vocabulary varchar not null, code varchar not null, label_zh varchar not null,
    label_en varchar not null, sort_order integer not null
);

-- registration_level and district_code as given; authority_code / authority_level the bureau
-- the registration_authority names (pipeline/locate), location_code the region the organization
-- counts in (district_code, else the address's region, else the authority's) and
-- location_source how it was found ('code', 'address', 'authority').
create table clean.organizations (
    uscc varchar, name varchar, org_type varchar, registration_level varchar,
    registration_authority varchar, district_code varchar, address varchar,
    registered_on date, deregistered_on date, status varchar,
    rating varchar, registration_mode varchar, service_domain varchar,
    full_time_staff integer, has_party_org boolean, has_union boolean,
    union_form varchar, party_org_form varchar,
    supervising_unit varchar, filing_id varchar, legal_representative varchar,
    registered_capital varchar, business_scope varchar,
    authority_code varchar, authority_level varchar, location_code varchar,
    location_source varchar, source_line integer
);
-- Community organizations filed (备案) without a USCC: a table of their own.
create table clean.filed_orgs (
    filing_id varchar, name varchar, filing_authority varchar, district_code varchar,
    street_name varchar, filed_on date, ended_on date, service_domain varchar,
    source_line integer
);
create table clean.hubs (
    hub_id varchar, name varchar, level varchar, district_code varchar, street_name varchar,
    hub_type varchar, recognized_on date, revoked_on date, source_line integer
);
create table clean.hub_links (
    hub_id varchar, uscc varchar, relation varchar, linked_on date, ended_on date,
    source_line integer
);
create table clean.projects (
    project_id varchar, name varchar, purchaser_name varchar, purchaser_hub_id varchar,
    provider_uscc varchar, district_code varchar, category varchar, start_on date, end_on date,
    contract_amount_yuan decimal(38, 2), status varchar, evaluation_grade varchar,
    evaluator varchar, evaluation_kind varchar, source_line integer
);
create table clean.funding (
    funding_id varchar, recipient_uscc varchar, project_id varchar, source varchar,
    amount_yuan decimal(38, 2), paid_on date, district_code varchar, payer_name varchar,
    source_line integer
);
create table clean.population (
    district_code varchar, year integer, population bigint, source_line integer
);

-- one row: the format this file was built in (pipeline.warehouse.FORMAT)
create table quality.format (format integer not null);
create table quality.runs (
    run_id varchar, started_at timestamp, finished_at timestamp, status varchar,
    raw_folder varchar, rows_read bigint, rows_accepted bigint, rows_rejected bigint,
    rows_warned bigint
);
create table quality.file_stats (
    run_id varchar, file varchar, table_name varchar, rows_read bigint, rows_accepted bigint,
    rows_rejected bigint, rows_warned bigint
);
-- The columns each input file delivered: canonical column and the header the file used for it
-- (an optional column a file lacks has no row: its figures are "not provided", never 0).
create table quality.file_columns (
    run_id varchar, file varchar, table_name varchar, "column" varchar, header varchar
);
-- column_header: the column's header as the clerk's file has it; rule_name: the rule in words
create table quality.rejected_rows (
    run_id varchar, file varchar, line integer, "column" varchar, rule varchar, value varchar,
    message varchar, column_header varchar, rule_name varchar
);
create table quality.warnings (
    run_id varchar, file varchar, line integer, "column" varchar, rule varchar, value varchar,
    message varchar, column_header varchar, rule_name varchar
);
-- Releases (docs/releases.md): the run that built this file, and the input files it read.
create table quality.release (
    run_id varchar, started_at timestamp, finished_at timestamp, raw_folder varchar
);
create table quality.inputs (
    run_id varchar, table_name varchar, file varchar, size_bytes bigint, sha256 varchar
);
-- Each model's definition (pipeline.transform.definitions): a later refresh carries a mart over
-- from this file, instead of building it, when its definition and every input it reads are unchanged.
create table quality.models (model varchar, definition varchar);
-- The audit log (docs/access.md) as it was when this file was built, with this run's own event.
create table quality.audit (
    recorded_at timestamp, actor varchar, via varchar, role varchar, action varchar, run_id varchar,
    detail varchar
);
-- An organization's registration mode: registration_mode as delivered; when the organizations file
-- has no 登记方式 column but has 业务主管单位 (the civil-affairs export), derived from the
-- supervising unit: none = direct registration (直接登记), one = dual management (双重管理).
-- staging.organizations and marts.register_profile call it (docs/inputs.md).
create macro ref.registration_mode(mode, supervising_unit) as coalesce(
    mode,
    case
        when (
            select bool_or("column" = 'supervising_unit')
                and not bool_or("column" = 'registration_mode')
            from quality.file_columns
            where table_name = 'organizations'
        )
            then if(supervising_unit is null, 'direct', 'dual')
    end
);
