"""The roles file: parsing, matching by e-mail and group claim, and errors that name the file's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.access.roles import Grant, Regions, Roles, RolesError, claim_groups, parse, resolve

PATH = Path("config/roles.toml")
# today's codes: a district, a prefecture, a province; 110103 崇文区 was merged into 110101
REGIONS = Regions({"110101", "110105", "110108", "511700", "510000"}, {"110103": "110101"})

GOOD = """\
# who may see what
groups_claim = "roles"

[users]
"Leader@Example.org" = { role = "leader" }
"chaoyang@example.org" = { role = "viewer", regions = ["110105"] }
"clerk@example.org" = { role = "staff", regions = ["110105", "110108"] }

[users."it@example.org"]
role = "admin"

[groups]
"dazhou" = { role = "viewer", regions = ["511700"] }
"sichuan" = { role = "viewer", regions = ["510000", "511700"] }
"data-staff" = { role = "staff" }
"""


def _parse(text: str) -> Roles:
    return parse(text, PATH, REGIONS)


def _error(text: str) -> RolesError:
    with pytest.raises(RolesError) as caught:
        _parse(text)
    return caught.value


def test_a_good_file_gives_each_entry_its_role_and_regions() -> None:
    roles = _parse(GOOD)
    assert roles.groups_claim == "roles"
    assert roles.users["leader@example.org"] == Grant("leader", (), "users:Leader@Example.org")
    assert roles.users["chaoyang@example.org"].regions == ("110105",)
    assert roles.users["clerk@example.org"] == Grant(
        "staff", ("110105", "110108"), "users:clerk@example.org"
    )
    assert roles.users["it@example.org"].role == "admin"  # the expanded table form works too
    assert set(roles.groups) == {"dazhou", "sichuan", "data-staff"}


def test_an_empty_file_gives_nobody_a_role() -> None:
    roles = _parse("")
    assert roles == Roles({}, {}, "groups")
    assert resolve(roles, "anyone@example.org", ["x"]) is None


def test_an_email_matches_ignoring_case_and_spaces() -> None:
    roles = _parse(GOOD)
    assert resolve(roles, " LEADER@example.ORG ", []).role == "leader"
    assert resolve(roles, "chaoyang@example.org", []).regions == ("110105",)
    assert resolve(roles, "stranger@example.org", []) is None


def test_an_unverified_email_does_not_match_but_its_groups_do() -> None:
    roles = _parse(GOOD)
    assert resolve(roles, "leader@example.org", [], email_verified=False) is None
    grant = resolve(roles, "leader@example.org", ["dazhou"], email_verified=False)
    assert grant == Grant("viewer", ("511700",), "groups:dazhou")
    assert resolve(roles, "leader@example.org", [], email_verified=True).role == "leader"


def test_an_email_entry_decides_alone_over_the_groups() -> None:
    roles = _parse(GOOD)
    grant = resolve(roles, "chaoyang@example.org", ["data-staff"])
    assert grant == Grant("viewer", ("110105",), "users:chaoyang@example.org")


def test_several_groups_give_the_strongest_role_and_all_their_regions() -> None:
    roles = _parse(GOOD)
    two_viewers = resolve(roles, None, ["dazhou", "sichuan", "unknown-group"])
    assert two_viewers is not None
    assert (two_viewers.role, two_viewers.regions) == ("viewer", ("511700", "510000"))
    staff = resolve(roles, None, ["dazhou", "data-staff"])  # a group without regions: every region
    assert staff is not None and (staff.role, staff.regions) == ("staff", ())


def test_a_group_claim_is_a_list_or_one_name() -> None:
    assert claim_groups(["a", "b", 3]) == ("a", "b")
    assert claim_groups("a") == ("a",)
    assert claim_groups(None) == ()
    assert claim_groups({"a": 1}) == ()


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        (
            '[users]\n"a@x.org" = { role = "leader" }\n"b@x.org" = { role = "boss" }\n',
            "roles.unknown_role",
            3,
        ),
        (
            '[users]\n"a@x.org" = { role = "viewer", regions = ["999999"] }\n',
            "roles.unknown_region",
            2,
        ),
        (
            '[users]\n"a@x.org" = { role = "viewer", regions = ["110103"] }\n',
            "roles.retired_region",
            2,
        ),
        ('[groups]\n\n"g" = { role = "viewer" }\n', "roles.viewer_without_regions", 3),
        ('[groups]\n"g" = { role = "viewer", regions = [] }\n', "roles.viewer_without_regions", 2),
        (
            '[users]\n"a@x.org" = { role = "leader", regions = ["110105"] }\n',
            "roles.leader_with_regions",
            2,
        ),
        (
            '[users]\n"a@x.org" = { role = "staff", region = ["110105"] }\n',
            "roles.unknown_entry_key",
            2,
        ),
        ('[users]\n"a@x.org" = { regions = ["110105"] }\n', "roles.no_role", 2),
        ('[users]\n"a@x.org" = "leader"\n', "roles.not_entry", 2),
        ('[users]\n"not-an-address" = { role = "leader" }\n', "roles.not_email", 2),
        ('[users]\n"a@x.org" = { role = "viewer", regions = "110105" }\n', "roles.bad_regions", 2),
        (
            '[users]\n"A@x.org" = { role = "leader" }\n"a@x.org" = { role = "viewer", regions = ["110105"] }\n',
            "roles.duplicate",
            3,
        ),
        ('# comment\n[admins]\n"a@x.org" = { role = "admin" }\n', "roles.unknown_top", 2),
        ("groups_claim = 3\n", "roles.bad_claim", 1),
        ('users = "everyone"\n', "roles.not_table", 1),
        ('[users]\n"a@x.org" = { role = "leader"\n', "roles.bad_toml", 2),
    ],
)
def test_a_wrong_entry_fails_with_its_line(text: str, key: str, line: int) -> None:
    error = _error(text)
    assert (error.key, error.line, error.path) == (key, line, PATH)


def test_a_wrong_region_in_a_long_list_is_found_on_its_own_line() -> None:
    text = (
        "[users]\n"
        '"a@x.org" = { role = "leader" }\n'
        "\n"
        '[users."b@x.org"]\n'
        'role = "staff"\n'
        "regions = [\n"
        '  "110105",\n'
        '  "123456",\n'
        "]\n"
    )
    error = _error(text)
    assert (error.key, error.line, error.params["code"]) == ("roles.unknown_region", 8, "123456")


def test_an_unknown_role_in_an_expanded_table_is_found_on_its_line() -> None:
    error = _error(
        '[groups]\n"ok" = { role = "leader" }\n[groups."x"]\nregions = []\nrole = "editor"\n'
    )
    assert (error.key, error.line, error.params["role"]) == ("roles.unknown_role", 5, "editor")


def test_every_error_key_has_both_languages_in_the_catalogue() -> None:
    from dashboard.core.words import has

    source = Path("dashboard/access/roles.py").read_text("utf-8")
    import re

    keys = set(re.findall(r'"(roles\.[a-z_]+)"', source))
    assert {"roles.unknown_role", "roles.unknown_region", "roles.bad_toml"} <= keys
    assert all(has(k) for k in keys), sorted(k for k in keys if not has(k))


def test_the_check_command_names_the_wrong_line_or_lists_the_grants(tmp_path: Path) -> None:
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    wrong = tmp_path / "roles.toml"
    wrong.write_text(
        '[users]\n"a@x.org" = { role = "leader" }\n"b@x.org" = { role = "boss" }\n', "utf-8"
    )
    command = [sys.executable, "-m", "dashboard.check_roles"]
    done = subprocess.run(
        [*command, str(wrong)], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert f"角色文件 {wrong} 第 3 行有误" in done.stderr and "“boss”" in done.stderr
    assert f"The roles file {wrong} is wrong at line 3" in done.stderr
    example = repo / "config" / "roles.example.toml"
    done = subprocess.run(
        [*command, str(example)], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "chaoyang-office@example.gov.cn" in done.stdout and "110105" in done.stdout
