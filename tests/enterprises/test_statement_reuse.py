"""A list statement built once per shape (api.enterprises.search.STATEMENTS) answers each request with that
request's box, point, radius and cursor, never the values of the request that built it."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.filters import radius_parameters
from api.enterprises.search import STATEMENTS
from api.geo.params import Point
from tests.enterprises.search_helpers import API
from tests.factories import make_organisation, point

# Two places in the countryside, 600 km apart, far from any demo entry: each gets its own entries just east of it.
EAST, WEST = (30.9013, 48.7031), (22.5017, 45.2029)


async def _around(session: AsyncSession, centre: tuple[float, float], country: str, count: int) -> list[int]:
    made = [await make_organisation(session, country=country, location=point(centre[0] + 0.001 * n, centre[1]))
            for n in range(1, count + 1)]
    return [o.id for o in made]


def _box(centre: tuple[float, float]) -> str:
    return f"{centre[0] + 0.0005},{centre[1] - 0.0005},{centre[0] + 0.0105},{centre[1] + 0.0005}"


async def test_the_same_shape_answers_with_each_requests_box_and_radius(client: AsyncClient,
                                                                         session: AsyncSession) -> None:
    east, west = await _around(session, EAST, "UA", 3), await _around(session, WEST, "RO", 2)
    for centre, expected in ((EAST, east), (WEST, west), (EAST, east)):
        in_box = (await client.get(API, params={"bbox": _box(centre), "limit": 50})).json()
        assert [i["id"] for i in in_box["items"]] == expected and in_box["total"] == len(expected)
        near = (await client.get(API, params={"lat": centre[1], "lon": centre[0], "radius_km": 1})).json()
        assert [i["id"] for i in near["items"]] == expected and near["total"] == len(expected)
    assert any(key and key[0] == "json" for key in STATEMENTS._built)  # the statements were indeed shared


async def test_nearest_and_id_pages_follow_each_requests_point_and_cursor(client: AsyncClient,
                                                                          session: AsyncSession) -> None:
    east, west = await _around(session, EAST, "UA", 3), await _around(session, WEST, "RO", 3)
    for centre, expected in ((EAST, east), (WEST, west)):
        nearest = (await client.get(API, params={"lat": centre[1], "lon": centre[0], "sort": "distance",
                                                 "limit": 3})).json()
        assert [i["id"] for i in nearest["items"]] == expected
        seen, cursor = [], None
        while True:
            params = {"bbox": _box(centre), "limit": 2, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(API, params=params)).json()
            seen += [i["id"] for i in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                break
        assert seen == expected


def test_the_radius_box_holds_the_circle_and_is_whole_near_a_pole_or_the_antimeridian() -> None:
    bucharest = radius_parameters(Point(26.1, 44.43), 50)
    # 50 km (and the 1% margin) fit in the box: 0.45° of latitude, 0.64° of longitude at about 44.9° north.
    assert 0.45 < bucharest["radius_dlat"] < 0.47 and 0.64 < bucharest["radius_dlon"] < 0.66
    assert radius_parameters(Point(179.9, 10.0), 50)["radius_dlon"] == 360.0
    assert radius_parameters(Point(0.0, 88.9), 200)["radius_dlon"] == 360.0
