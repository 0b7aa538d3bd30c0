"""The open-data licence of the directory: one place that every download, feed and link names."""

LICENCE_ID = "CC-BY-4.0"
LICENCE_NAME = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# What a reuser writes beside the data (the licence's section 3(a)): the source, a link, the licence.
ATTRIBUTION = "Social Enterprise Map contributors, licensed under CC BY 4.0"


def attribution(base_url: str) -> str:
    """The attribution with the deployment's address, as the licence asks for a link to the source."""
    return f"{ATTRIBUTION} — {base_url or 'https://semap.dev'}"
