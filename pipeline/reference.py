"""Fill the ref schema (hub types, hub levels, vocabularies, regions, successions) from schemas/."""

from __future__ import annotations

import duckdb
import polars as pl

from schemas import vocab
from schemas.regions import level_table, region_table, successor_table


def hub_type_frame() -> pl.DataFrame:
    """ref.hub_types: one row per hub type; type_index is its position in vocab.HUB_TYPE;
    field_domain the service domain of its field (vocab.HUB_TYPE_FIELD; NULL: a type without one)."""
    return pl.DataFrame(
        {
            "hub_type": [term.code for term in vocab.HUB_TYPE],
            "type_index": list(range(len(vocab.HUB_TYPE))),
            "is_mass_org": [term.code in vocab.MASS_ORG_HUB_TYPES for term in vocab.HUB_TYPE],
            "label_zh": [term.zh for term in vocab.HUB_TYPE],
            "label_en": [term.en for term in vocab.HUB_TYPE],
            "field_domain": [vocab.HUB_TYPE_FIELD.get(term.code) for term in vocab.HUB_TYPE],
        },
        schema_overrides={"type_index": pl.Int32, "field_domain": pl.String},
    )


def hub_level_frame() -> pl.DataFrame:
    """ref.hub_levels: one row per hub level; level_index is its position in vocab.HUB_LEVEL."""
    return pl.DataFrame(
        {
            "level": [term.code for term in vocab.HUB_LEVEL],
            "level_index": list(range(len(vocab.HUB_LEVEL))),
            "label_zh": [term.zh for term in vocab.HUB_LEVEL],
            "label_en": [term.en for term in vocab.HUB_LEVEL],
        },
        schema_overrides={"level_index": pl.Int32},
    )


def vocab_frame() -> pl.DataFrame:
    """ref.vocab: every term of every vocabulary; sort_order is its 0-based catalogue position."""
    rows = [
        {
            "vocabulary": name,
            "code": term.code,
            "label_zh": term.zh,
            "label_en": term.en,
            "sort_order": position,
        }
        for name, terms in vocab.VOCABULARIES.items()
        for position, term in enumerate(terms)
    ]
    return pl.DataFrame(rows, schema_overrides={"sort_order": pl.Int32})


def reference_frames() -> dict[str, pl.DataFrame]:
    """Each ref table's rows, keyed by the table's qualified name."""
    return {
        "ref.hub_types": hub_type_frame(),
        "ref.hub_levels": hub_level_frame(),
        "ref.vocab": vocab_frame(),
        "ref.regions": region_table(),
        "ref.region_successors": successor_table(),
        "ref.region_levels": level_table(),
    }


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the rows of every ref table of reference_frames()."""
    for table, frame in reference_frames().items():
        con.register("reference_frame", frame)
        try:
            con.execute(f"delete from {table}")  # noqa: S608 - fixed names
            con.execute(f"insert into {table} by name select * from reference_frame")  # noqa: S608
        finally:
            con.unregister("reference_frame")
