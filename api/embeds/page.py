"""The embedded map page: one self-contained HTML document, an inline SVG map and a list, no script.

Why not MapLibre: the SPA's MapLibre build is a hashed Vite chunk whose name changes with every build, and
a WebGL map needs scripts, workers and the API's tiles under a partner's page. An inline SVG of our own
points and region outlines renders in any browser, loads nothing else (CSP default-src 'none'), and is
light enough for a sidebar; a click opens the full map's profile in a new tab.
"""

from html import escape
from typing import Any

from api.embeds.service import MapData, x_scale

WORDS = {
    "en": ("Social enterprises", "Open the full map", "No enterprises here yet.", "and {n} more"),
    "ro": ("Întreprinderi sociale", "Deschide harta completă", "Nicio întreprindere aici încă.", "și încă {n}"),
    "uk": ("Соціальні підприємства", "Відкрити повну карту", "Тут ще немає підприємств.", "і ще {n}"),
    "ru": ("Социальные предприятия", "Открыть полную карту", "Здесь пока нет предприятий.", "и ещё {n}"),
}
LIST_ITEMS = 30


def _svg(data: MapData, color: str, profile_base: str) -> str:
    view, k = data.view, x_scale(data.view)
    width, height = (view.max_lon - view.min_lon) * k, view.max_lat - view.min_lat
    radius = max(width, height) / 110
    paths = "".join(f'<path d="{escape(d)}"/>' for d in data.outlines)
    dots = "".join(
        f'<a href="{escape(profile_base)}/e/{escape(m["slug"])}" target="_blank" rel="noopener">'
        f'<circle cx="{m["lon"] * k:.5f}" cy="{-m["lat"]:.5f}" r="{radius:.5f}"><title>{escape(m["name"])}</title>'
        "</circle></a>" for m in data.markers)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="{view.min_lon * k:.5f} {-view.max_lat:.5f} '
            f'{width:.5f} {height:.5f}" preserveAspectRatio="xMidYMid meet">'
            f'<g transform="scale({k:.6f},1)" class="land">{paths}</g>'
            f'<g class="dots" fill="{color}">{dots}</g></svg>')


def render(data: MapData, *, lang: str, color: str, profile_base: str, full_map_url: str) -> str:
    title, open_map, empty, more = WORDS[lang]
    items = "".join(f'<li><a href="{escape(profile_base)}/e/{escape(m["slug"])}" target="_blank" '
                    f'rel="noopener">{escape(m["name"])}</a>' + (f' <span>{escape(m["locality"])}</span>'
                                                                   if m["locality"] else "") + "</li>"
                    for m in data.markers[:LIST_ITEMS])
    rest = len(data.markers) - LIST_ITEMS
    extra: dict[str, Any] = {"n": rest}
    footer = f"<li>{escape(more.format(**extra))}</li>" if rest > 0 else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
<style>
html,body{{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#1d2430;background:#fff}}
body{{display:flex;flex-direction:column}}
header{{display:flex;justify-content:space-between;align-items:center;padding:6px 10px;border-bottom:3px solid {color}}}
header a{{color:{color};font-weight:600}}
svg{{flex:1 1 60%;min-height:180px;background:#eef3f7}}
.land path{{fill:#fbfbf8;stroke:#9aa7b4;stroke-width:1;vector-effect:non-scaling-stroke}}
.dots circle{{stroke:#fff;stroke-width:1;vector-effect:non-scaling-stroke}}
ul{{flex:1 1 40%;overflow:auto;margin:0;padding:6px 10px 6px 28px}} li span{{color:#5b6675}}
</style></head>
<body><header><strong>{escape(title)} ({len(data.markers)})</strong>
<a href="{escape(full_map_url)}" target="_blank" rel="noopener">{escape(open_map)}</a></header>
{_svg(data, color, profile_base)}
<ul>{items or f"<li>{escape(empty)}</li>"}{footer}</ul>
</body></html>"""
