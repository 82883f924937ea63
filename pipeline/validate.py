"""Validate typed input frames: pandera row rules, unique keys, references between tables, warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

import pandera.errors
import polars as pl

from pipeline import locate, region_warnings
from pipeline.normalize import clean_column
from pipeline.read import LINE, RawTable
from schemas import dates, messages, models
from schemas.models import MODELS, RULE_COLUMN
from schemas.tables import TABLES_BY_NAME, Table

ISSUE_SCHEMA = {"line": pl.Int64, "column": pl.String, "rule": pl.String, "value": pl.String}
EMPTY_ISSUES = pl.DataFrame(schema=ISSUE_SCHEMA)


@dataclass(frozen=True)
class Checked:
    """One table after validation: accepted rows (typed), rejections and warnings (with messages)."""

    raw: RawTable
    accepted: pl.DataFrame
    # line, column, rule, value, message, column_header, rule_name; several rows for one line possible
    rejected: pl.DataFrame
    warnings: pl.DataFrame

    def slimmed(self) -> Checked:
        """The same result keeping, of the input text, only the line numbers and the key."""
        keep = [LINE, *([self.raw.table.key] if self.raw.table.key else [])]
        return replace(
            self,
            raw=replace(self.raw, frame=self.raw.frame.select(keep)),
            accepted=self.accepted.select(keep),
        )

    @property
    def rows_read(self) -> int:
        return self.raw.frame.height

    @property
    def rows_rejected(self) -> int:
        return self.rejected["line"].n_unique()


def pandera_issues(table: Table, typed: pl.DataFrame) -> pl.DataFrame:
    """Every row-rule failure found by the table's pandera model (lazy: all of them at once)."""
    try:
        MODELS[table.name].validate(typed.drop(LINE), lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return EMPTY_ISSUES
    if cases["index"].null_count():
        schema_level = cases.filter(pl.col("index").is_null()).row(0, named=True)
        raise RuntimeError(f"{table.name}: schema-level failure {schema_level}")  # a bug, not data
    rule = pl.col("check").str.extract(r"^([a-z_]+)", 1)
    issues = cases.select(
        pl.col("index").cast(pl.Int64),
        # a dataframe-level rule reports the model's name as its column: use the rule's column
        rule.replace_strict(RULE_COLUMN, default=pl.col("column")).alias("column"),
        rule.replace(messages.PANDERA_RULES).alias("rule"),
    )
    lines = (
        typed.select(pl.col(LINE).alias("line"))
        .with_row_index("index")
        .with_columns(pl.col("index").cast(pl.Int64))
    )
    return issues.join(lines, on="index").select(
        "line", "column", "rule", pl.lit(None, pl.String).alias("value")
    )


def duplicate_issues(table: Table, typed: pl.DataFrame) -> pl.DataFrame:
    """Later rows repeating a unique key: the first row of each key is kept."""
    if table.key is None:
        return EMPTY_ISSUES
    key = pl.col(table.key)
    later = typed.filter(key.is_not_null() & ~key.is_first_distinct())
    return later.select(
        pl.col(LINE).alias("line"),
        pl.lit(table.key).alias("column"),
        pl.lit("duplicate_key").alias("rule"),
        pl.lit(None, pl.String).alias("value"),
    )


def reference_issues(
    table: Table, typed: pl.DataFrame, done: dict[str, Checked], unread: Collection[str] = ()
) -> pl.DataFrame:
    """Rows naming a row of another table that is unknown, or that was itself rejected (its message
    names that row's file and line). A column listed with several tables may name a row of any of
    them (a link's organization: a USCC of organizations or a filing id of filed_orgs). A column
    naming a table in `unread` (a file refused as a whole) is not judged: its rows are unknown."""
    targets: dict[str, list[tuple[str, str]]] = {}
    for column, other, other_key in table.references:
        targets.setdefault(column, []).append((other, other_key))
    found = []
    for column, others in targets.items():
        if any(other in unread for other, _ in others):
            continue
        named = pl.col(column)
        present = [t for t in others if t[0] in done]  # a file not given: nothing found in it
        accepted = [done[other].accepted[other_key] for other, other_key in present]
        ok = pl.concat(accepted) if accepted else pl.Series(column, [], pl.String)
        broken = typed.filter(named.is_not_null() & ~named.is_in(ok.implode()))
        if broken.is_empty():
            continue
        where = broken.select(pl.col(LINE).alias("line"), named.alias("key"))
        where = where.join(_rejected_lines(done, present, where["key"]), on="key", how="left")
        label = messages.column_label(table.name, column)
        found.append(
            where.select(
                "line",
                pl.lit(column).alias("column"),
                pl.when(pl.col("ref_file").is_not_null())
                .then(pl.lit("rejected_reference"))
                .otherwise(pl.lit("unknown_reference"))
                .alias("rule"),
                pl.lit(None, pl.String).alias("value"),
                _knock_on(label).alias("message"),
            )
        )
    return pl.concat(found) if found else EMPTY_ISSUES.with_columns(message=pl.lit(None, pl.String))


SHOWN_LINES = 3  # a knock-on names at most this many lines of the row it depends on


def _rejected_lines(
    done: dict[str, Checked], targets: list[tuple[str, str]], keys: pl.Series
) -> pl.DataFrame:
    """For each of `keys` (named by rows not accepted) that is in the target tables' files: the
    file, its table's label and the lines holding it (the first few, as text: 5、9), and how many
    there are. Only the rows holding one of `keys` are grouped (not a whole million-row file)."""
    parts = []
    for other, other_key in targets:
        raw = done[other].raw
        spec = TABLES_BY_NAME[other].column(other_key)
        parts.append(
            raw.frame.select(
                clean_column(spec, raw.frame[other_key]).alias("key"),
                pl.col(LINE).alias("ref_line"),
                pl.lit(raw.path.name).alias("ref_file"),
                pl.lit(TABLES_BY_NAME[other].label_zh).alias("ref_table"),
            )
        )
    if not parts:
        schema = {"key": pl.String, "ref_file": pl.String, "ref_table": pl.String,
                  "ref_lines": pl.String, "ref_count": pl.UInt32}  # fmt: skip
        return pl.DataFrame(schema=schema)
    lines = pl.col("ref_line").sort()
    return (
        pl.concat(parts)
        .filter(pl.col("key").is_in(keys.unique().implode()))
        .group_by("key", maintain_order=True)
        .agg(
            pl.col("ref_file").first(),
            pl.col("ref_table").first(),
            lines.head(SHOWN_LINES).cast(pl.String).str.join("、").alias("ref_lines"),
            pl.len().alias("ref_count"),
        )
    )


def _knock_on(label: str) -> pl.Expr:
    """The message of a rejected reference, naming the file and lines it depends on (more than
    SHOWN_LINES: the first few and how many); empty for an unknown one (explained later)."""
    more = pl.when(pl.col("ref_count") > SHOWN_LINES).then(
        pl.format(" 等共 {}", pl.col("ref_count"))
    )
    parts = messages.REJECTED_REFERENCE_AT.split("{")
    pieces: list[pl.Expr] = []
    for part in parts:
        name, _, rest = part.partition("}") if "}" in part else ("", "", part)
        field = {
            "label": pl.lit(label),
            "table": pl.col("ref_table"),
            "file": pl.col("ref_file"),
            "lines": pl.col("ref_lines") + more.otherwise(pl.lit("")),
        }.get(name)
        pieces += [*([field] if field is not None else []), pl.lit(rest)]
    return pl.when(pl.col("ref_file").is_not_null()).then(pl.concat_str(pieces))


def suspicious_warnings(table: Table, accepted: pl.DataFrame) -> pl.DataFrame:
    """Accepted rows with a legal but suspicious value: an active status beside a deregistration date."""
    if table.name != "organizations":
        return EMPTY_ISSUES
    odd = accepted.filter((pl.col("status") == "active") & pl.col("deregistered_on").is_not_null())
    return odd.select(
        pl.col(LINE).alias("line"),
        pl.lit("status").alias("column"),
        pl.lit("active_but_deregistered").alias("rule"),
        pl.lit(None, pl.String).alias("value"),
    )


def unknown_column_warnings(raw: RawTable) -> pl.DataFrame:
    """Headers that name no column of the table: ignored, and said so (line 1, the header)."""
    known = "、".join(c.aliases[0] if c.aliases else c.name for c in raw.table.columns)
    return pl.DataFrame(
        [
            (
                1,
                header,
                "unknown_column",
                header,
                messages.MESSAGES["unknown_column"].format(known=known),
            )
            for header in raw.ignored_headers
        ],
        schema={**ISSUE_SCHEMA, "message": pl.String},
        orient="row",
    )


def retired_code_warnings(table: Table, accepted: pl.DataFrame) -> pl.DataFrame:
    """Accepted rows whose GB/T 2260 code counts in another code today: kept, with a warning
    naming today's district (line, column, rule, value, message; see pipeline/region_warnings)."""
    return region_warnings.successor_warnings(table.name, accepted)


def empty_file_warnings(raw: RawTable) -> pl.DataFrame:
    """An optional file without rows (0 bytes, or a header only): read as no rows, and said so."""
    rows = (
        [] if raw.frame.height else [(1, None, "empty_file", None, messages.MESSAGES["empty_file"])]
    )
    return pl.DataFrame(rows, schema={**ISSUE_SCHEMA, "message": pl.String}, orient="row")


def _message(table: Table, rule: str, column: str, refresh_date: dt.date) -> str:
    ref_table: dict[str, str] = {}
    for col, other, _ in table.references:
        label = TABLES_BY_NAME[other].label_zh
        ref_table[col] = f"{ref_table[col]}或{label}" if col in ref_table else label
    window = ""
    if (table.name, column) in dates.WINDOWS:
        window = dates.window(table.name, column).describe(refresh_date)
    return messages.message(
        rule, table.name, column, table=ref_table.get(column, ""), window=window
    )


def explain(
    table: Table, raw: pl.DataFrame, issues: pl.DataFrame, refresh_date: dt.date | None = None
) -> pl.DataFrame:
    """Add the cell's text as given and the clerk's message to each issue (unless it has one)."""
    if "message" not in issues.columns:
        issues = issues.with_columns(pl.lit(None, pl.String).alias("message"))
    if issues.is_empty():
        return issues.select("line", "column", "rule", "value", "message")
    day = refresh_date or models.today()
    texts = pl.DataFrame(
        [
            (rule, col, _message(table, rule, col, day))
            for rule, col in issues.filter(pl.col("message").is_null())
            .select("rule", "column")
            .unique()
            .iter_rows()
        ],
        schema={"rule": pl.String, "column": pl.String, "text": pl.String},
        orient="row",
    )
    cells = (
        raw.filter(pl.col(LINE).is_in(issues["line"].implode()))
        .unpivot(index=LINE, variable_name="column", value_name="cell")
        .rename({LINE: "line"})
    )
    return (
        issues.join(cells, on=["line", "column"], how="left")
        .join(texts, on=["rule", "column"], how="left")
        .select(
            "line",
            "column",
            "rule",
            pl.coalesce("value", "cell").alias("value"),
            pl.coalesce("message", "text").alias("message"),
        )
        .sort("line", "column", maintain_order=True)
    )


def labelled(raw: RawTable, issues: pl.DataFrame) -> pl.DataFrame:
    """Issues with the header the clerk's file used for the column and the rule's name in words."""
    columns = issues["column"].drop_nulls().unique().to_list()
    rules = issues["rule"].unique().to_list()
    return issues.with_columns(
        pl.col("column")
        .replace_strict({c: raw.header(c) for c in columns}, default=None, return_dtype=pl.String)
        .alias("column_header"),
        pl.col("rule")
        .replace_strict({r: messages.rule_name(r) for r in rules}, return_dtype=pl.String)
        .alias("rule_name"),
    )


def check_table(
    raw: RawTable,
    typed: pl.DataFrame,
    parse_issues: pl.DataFrame,
    done: dict[str, Checked],
    refresh_date: dt.date | None = None,
    unread: Collection[str] = (),
) -> Checked:
    """All rules of one table, as on `refresh_date` (default: today); parse failures take
    precedence over rules on the same cell. References into the `unread` tables (files refused as
    a whole) are not judged."""
    table = raw.table
    with models.as_of(refresh_date) as day:
        row_rules = pandera_issues(table, typed)
    later = pl.concat(
        [row_rules, duplicate_issues(table, typed), reference_issues(table, typed, done, unread)],
        how="diagonal",
    )
    later = later.join(parse_issues.select("line", "column"), on=["line", "column"], how="anti")
    issues = pl.concat([parse_issues, later], how="diagonal").unique(maintain_order=True)
    # a cell holding a control character is rejected for that alone (its message says which)
    controls = raw.cell_issues
    issues = pl.concat(
        [
            issues.join(controls.select("line", "column"), on=["line", "column"], how="anti"),
            controls,
        ],
        how="diagonal",
    )
    accepted = typed.filter(~pl.col(LINE).is_in(issues["line"].implode()))
    located = EMPTY_ISSUES.with_columns(pl.lit(None, pl.String).alias("message"))
    if table.name == "organizations":  # where it counts, at which level (pipeline/locate)
        accepted, unlocated, located = locate.locate(accepted)
        issues = pl.concat([issues, unlocated], how="diagonal")  # keeps a control issue's message
        accepted = accepted.filter(~pl.col(LINE).is_in(unlocated["line"].implode()))
    warnings = pl.concat(
        [retired_code_warnings(table, accepted), suspicious_warnings(table, accepted), located],
        how="diagonal",
    )
    explained = pl.concat(
        [
            empty_file_warnings(raw),
            unknown_column_warnings(raw),
            explain(table, raw.frame, warnings, day),
        ]
    )
    rejected = explain(table, raw.frame, issues, day)
    return Checked(raw, accepted, labelled(raw, rejected), labelled(raw, explained))
