"""A real OpenLDAP server for the directory sign-in tests: Debian's `slapd`, started on a
free port of 127.0.0.1 with its configuration and database in a temporary folder, seeded
with the LDIF below through python-ldap, stopped when the tests are done.

`.ci/run` installs slapd (and ldap-utils). Where it is missing the tests fail and say
how to install it: a directory sign-in that was never tried against a directory is not
tested.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import ldap
import ldap.modlist
import pytest

SLAPD_PATHS = ("/usr/sbin/slapd", "/usr/local/libexec/slapd")
MODULE_DIRS = ("/usr/lib/ldap", "/usr/lib/x86_64-linux-gnu/ldap", "/usr/lib/aarch64-linux-gnu/ldap")
SCHEMA_DIR = Path("/etc/ldap/schema")
SUFFIX = "dc=court,dc=test"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
OFFICE_GROUP = f"cn=bg-committee-office,{GROUPS}"
EVERYONE_GROUP = f"cn=all-staff,{GROUPS}"

# uid: (display name, password). `judge` shares its name with a local demo account.
USERS = {
    "dir.zhou": ("周明", "zhou-directory-pass"),
    "dir.office": ("钱芳", "office-directory-pass"),
    "judge": ("目录同名", "judge-directory-pass"),
}


def user_dn(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


def _entries() -> list[tuple[str, dict[str, list[bytes]]]]:
    def e(**attrs: list[str]) -> dict[str, list[bytes]]:
        return {name: [value.encode() for value in values] for name, values in attrs.items()}

    entries = [
        (SUFFIX, e(objectClass=["dcObject", "organization"], dc=["court"], o=["Test court"])),
        (PEOPLE, e(objectClass=["organizationalUnit"], ou=["people"])),
        (GROUPS, e(objectClass=["organizationalUnit"], ou=["groups"])),
    ]
    for uid, (name, password) in USERS.items():
        entries.append(
            (
                user_dn(uid),
                e(
                    objectClass=["inetOrgPerson"],
                    uid=[uid],
                    cn=[name],
                    sn=[name[:1]],
                    displayName=[name],
                    mail=[f"{uid}@court.test"],
                    userPassword=[password],
                ),
            )
        )
    entries.append(
        (
            OFFICE_GROUP,
            e(objectClass=["groupOfNames"], cn=["bg-committee-office"], member=[user_dn("dir.office")]),
        )
    )
    entries.append(
        (
            EVERYONE_GROUP,
            e(objectClass=["groupOfNames"], cn=["all-staff"], member=[user_dn(u) for u in USERS]),
        )
    )
    return entries


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(folder: Path) -> str:
    module_dir = next((d for d in MODULE_DIRS if Path(d, "back_mdb.so").exists()), None)
    if module_dir is None:
        pytest.fail(f"slapd's mdb backend (back_mdb.so) is not in {MODULE_DIRS}: apt-get install slapd")
    schemas = "\n".join(
        f"include {SCHEMA_DIR / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")
    )
    return f"""{schemas}
pidfile {folder}/slapd.pid
modulepath {module_dir}
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{SUFFIX}"
rootdn "{ADMIN_DN}"
rootpw {ADMIN_PASSWORD}
directory {folder}/db
index objectClass eq
index uid eq
index member eq
access to attrs=userPassword by anonymous auth by self write by * none
access to * by * read
"""


@dataclass
class Directory:
    uri: str

    def admin(self) -> ldap.ldapobject.LDAPObject:
        conn = ldap.initialize(self.uri)
        conn.simple_bind_s(ADMIN_DN, ADMIN_PASSWORD)
        return conn

    def set_members(self, group_dn: str, uids: list[str]) -> None:
        conn = self.admin()
        try:
            conn.modify_s(group_dn, [(ldap.MOD_REPLACE, "member", [user_dn(u).encode() for u in uids])])
        finally:
            conn.unbind_s()

    def environ(self, **extra: str) -> dict[str, str]:
        """The environment a court's administrator would set for this directory."""
        return {
            "LDAP_SERVER_URI": self.uri,
            "LDAP_BIND_DN": ADMIN_DN,
            "LDAP_BIND_PASSWORD": ADMIN_PASSWORD,
            "LDAP_USER_SEARCH_BASE": PEOPLE,
            "LDAP_USER_FILTER": "(uid=%(user)s)",
            "LDAP_GROUP_SEARCH_BASE": GROUPS,
            "LDAP_GROUP_TYPE": "groupOfNames",
            **extra,
        }


@contextmanager
def running_slapd(folder: Path) -> Iterator[Directory]:
    slapd = shutil.which("slapd") or next((p for p in SLAPD_PATHS if Path(p).exists()), None)
    if slapd is None:
        pytest.fail(
            "slapd (OpenLDAP) is not installed, so directory sign-in cannot be tested: "
            "apt-get install slapd ldap-utils (.ci/run does this)"
        )
    (folder / "db").mkdir(parents=True)
    conf = folder / "slapd.conf"
    conf.write_text(_config(folder), encoding="utf-8")
    port = _free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # In the foreground (-d), logging connections: the event loop's first
    # "daemon: epoll: listen=…" line comes once the server accepts them, so nothing is
    # polled or slept on. A thread then drains the log so slapd never blocks on it.
    process = subprocess.Popen(
        [slapd, "-h", f"{uri}/", "-f", str(conf), "-d", "conns"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    said: list[str] = []
    assert process.stderr is not None
    for line in process.stderr:
        said.append(line)
        if "daemon:" in line and "listen=" in line:
            break
    else:
        process.wait()
        pytest.fail(f"slapd did not start (exit {process.returncode}): {''.join(said)[-2000:]}")
    threading.Thread(target=process.stderr.read, daemon=True).start()
    try:
        directory = Directory(uri)
        conn = directory.admin()
        try:
            for dn, attrs in _entries():
                conn.add_s(dn, ldap.modlist.addModlist(attrs))
        finally:
            conn.unbind_s()
        yield directory
    finally:
        process.terminate()
        process.wait(timeout=30)
