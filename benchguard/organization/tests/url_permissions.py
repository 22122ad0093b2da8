"""Who may open the directory's pages and the directory API (the permission matrix)."""

from __future__ import annotations

from tests.matrix import (
    ANON,
    INTERMEDIATE_STAFF,
    LOGIN,
    Expect,
    civil_division,
    each,
    in_court,
    intermediate,
    judge_person,
)

EXPECTED: dict[str, Expect] = {
    "login": Expect(302, {ANON: 200}),
    "logout": Expect(405),
    "password_change": Expect(200, {ANON: LOGIN}),
    "password_change_done": Expect(200, {ANON: LOGIN}),
    "set_language": Expect(405),
    "organization:court_list": Expect(200, {ANON: LOGIN}),
    "organization:person_list": Expect(200, {ANON: LOGIN}),
    "organization:court_detail": in_court(intermediate),
    "organization:department_detail": in_court(civil_division),
    "organization:person_detail": in_court(judge_person),
    "organization:person_edit": Expect(
        404,
        {
            ANON: LOGIN,
            **each(INTERMEDIATE_STAFF, 403),
            "personnel": 200,
            "admin": 200,
            "cityadmin": 200,
        },
        judge_person,
    ),
    # A18: the judge themself and the roles with a need; not even the city admin.
    "organization:private_detail": Expect(
        404,
        {
            ANON: LOGIN,
            **each(INTERMEDIATE_STAFF, 403),
            "judge": 200,
            "office": 200,
            "personnel": 200,
            "cityadmin": 403,
        },
        judge_person,
    ),
    "organization:private_edit": Expect(
        404,
        {
            ANON: LOGIN,
            **each(INTERMEDIATE_STAFF, 403),
            "judge": 200,
            "personnel": 200,
            "cityadmin": 403,
        },
        judge_person,
    ),
    # A18: relatives are kept by those who edit the private record.
    "organization:relative_add": Expect(
        404,
        {
            ANON: LOGIN,
            **each(INTERMEDIATE_STAFF, 403),
            "judge": 200,
            "personnel": 200,
            "cityadmin": 403,
        },
        judge_person,
    ),
    "organization:relative_remove": Expect(405, {ANON: LOGIN}, judge_person),
    "api-person-list": Expect(200, {ANON: 401}),
    "api-person-detail": Expect(
        404, {ANON: 401, **each(INTERMEDIATE_STAFF, 200), "cityadmin": 200}, judge_person
    ),
    "api-court-list": Expect(200, {ANON: 401}),
    "api-court-detail": Expect(
        404, {ANON: 401, **each(INTERMEDIATE_STAFF, 200), "cityadmin": 200}, intermediate
    ),
}
