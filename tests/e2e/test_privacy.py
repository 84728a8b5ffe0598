"""The DSGVO rights and the audit log end to end: a citizen downloads
everything held about them (only their own), deletes their account with the
password as confirmation (wrong password: nothing happens), staff accounts are
not self-service, and administrators, and only they, read the audit log of
those actions."""
from __future__ import annotations

import pytest

from conftest import Server, assert_problem
from test_accounts import FAST, login, me, origin, register, session_of


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("privacy"), env=FAST, args=["--demo"]).start()
    yield s
    s.finish()


def delete_me(s: Server, cookies, password):
    return s.request("DELETE", "/api/me", cookies=cookies, headers=origin(s),
                     json={"password": password})


def audit(s: Server, admin, **params):
    r = s.get("/api/admin/audit", cookies=admin, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    return r.json()


def test_export_holds_the_callers_own_account_and_is_audited(demo):
    tom = session_of(demo, "tom", "tom")
    assert register(demo, "bea", "bea@example.org").status_code == 201
    bea = session_of(demo, "bea", "ein-gutes-passwort")
    r = demo.get("/api/me/export", cookies=tom)
    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    assert "attachment" in r.headers["Content-Disposition"]
    data = r.json()
    assert data["account"]["username"] == "tom"
    assert data["account"]["email"] == "tom.mueller@example.org"
    assert len(data["account"]["sessions"]) >= 1
    assert "bea" not in r.text and "bea@example.org" not in r.text

    theirs = demo.get("/api/me/export", cookies=bea).json()
    assert theirs["account"]["username"] == "bea" and "tom.mueller" not in str(theirs)

    admin = session_of(demo, "admin", "admin")
    tom_id = me(demo, tom).json()["id"]
    entries = audit(demo, admin, subject=tom_id, action="account.export")["entries"]
    assert entries and entries[0]["actor"]["id"] == tom_id
    assert entries[0]["actor"]["role"] == "citizen" and entries[0]["at"].endswith("Z")


def test_export_needs_a_login(demo):
    assert_problem(demo.get("/api/me/export"), 401)


def test_deleting_my_account_needs_the_right_password_and_then_removes_it(demo):
    assert register(demo, "carla", "carla@example.org").status_code == 201
    carla = session_of(demo, "carla", "ein-gutes-passwort")
    carla_id = me(demo, carla).json()["id"]

    body = assert_problem(delete_me(demo, carla, "falsches-passwort"), 403)
    assert "Passwort" in body["detail"]
    assert me(demo, carla).status_code == 200  # nothing happened

    r = delete_me(demo, carla, "ein-gutes-passwort")
    assert r.status_code == 204, r.text
    assert "Max-Age=0" in r.headers["Set-Cookie"]
    assert me(demo, carla).status_code == 401  # the session is gone with the account
    assert login(demo, "carla", "ein-gutes-passwort").status_code == 401
    # the name and address are free again
    assert register(demo, "carla", "carla@example.org").status_code == 201

    admin = session_of(demo, "admin", "admin")
    entries = audit(demo, admin, subject=carla_id)["entries"]
    assert [e["action"] for e in entries] == ["account.delete"]


def test_staff_and_admin_accounts_are_not_self_service(demo):
    for user in ("anna", "admin"):
        cookies = session_of(demo, user, user)
        assert_problem(delete_me(demo, cookies, user), 403)
        assert me(demo, cookies).status_code == 200


def test_delete_refuses_malformed_input_and_foreign_sites(demo):
    assert register(demo, "dora", "dora@example.org").status_code == 201
    dora = session_of(demo, "dora", "ein-gutes-passwort")
    assert_problem(demo.request("DELETE", "/api/me", cookies=dora, headers=origin(demo),
                                data="{not json"), 400)
    assert_problem(demo.request("DELETE", "/api/me", cookies=dora, headers=origin(demo),
                                json={"password": 42}), 400)
    assert_problem(demo.request("DELETE", "/api/me", cookies=dora,
                                headers={"Origin": "https://evil.example"},
                                json={"password": "ein-gutes-passwort"}), 403)
    assert me(demo, dora).status_code == 200


def test_only_admins_read_the_audit_log_and_its_parameters_are_checked(demo):
    for user in ("tom", "anna"):
        assert_problem(demo.get("/api/admin/audit", cookies=session_of(demo, user, user)), 403)
    assert_problem(demo.get("/api/admin/audit"), 401)
    admin = session_of(demo, "admin", "admin")
    for params in ({"limit": "0"}, {"limit": "501"}, {"before": "abc"}, {"limit": "1e3"}):
        assert_problem(demo.get("/api/admin/audit", cookies=admin, params=params), 400)


def test_audit_log_pages_newest_first(demo):
    tom = session_of(demo, "tom", "tom")
    for _ in range(3):
        assert demo.get("/api/me/export", cookies=tom).status_code == 200
    admin = session_of(demo, "admin", "admin")
    first = audit(demo, admin, action="account.", limit=2)
    assert len(first["entries"]) == 2 and first["next_before"] == first["entries"][-1]["id"]
    second = audit(demo, admin, action="account.", limit=2, before=first["next_before"])
    ids = [e["id"] for e in first["entries"] + second["entries"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert all(e["action"].startswith("account.") for e in first["entries"] + second["entries"])
