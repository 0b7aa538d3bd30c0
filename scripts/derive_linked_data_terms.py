"""Derive the vocabularies the linked-data tests check our terms against, and schema.org's JSON-LD context.

Sources (read from local clones, once; commit the output):
- schema.org: https://github.com/schemaorg/schemaorg, `data/releases/<version>/schemaorg-current-https-{types,
  properties}.csv` (CC BY-SA 3.0). The context is built as schema.org builds https://schema.org/docs/
  jsonldcontext.jsonld (`software/util/sdojsonldcontext.py`): `@vocab` http://schema.org/, `id`/`type`
  aliases, and every term mapped to `schema:<term>`.
- ESSGlobal: https://github.com/essglobal-linked-open-data/map-sse, `vocabs/vocab/essglobal-vocab.ttl` (the
  vocabulary at http://purl.org/essglobal/vocab/, CC BY 3.0) and `vocabs/standard/activities.skos` (the
  activities standard at http://purl.org/essglobal/standard/activities/, each concept with its NACE section).

    python scripts/derive_linked_data_terms.py --schemaorg /path/schemaorg.git --essglobal /path/map-sse.git
"""

import argparse
import csv
import io
import json
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "api" / "linked_data" / "data"
SCHEMA_RELEASE = "30.0"


def _show(git_dir: Path, path: str) -> tuple[str, str]:
    commit = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"],  # noqa: S603, S607
                            check=True, capture_output=True, text=True).stdout.strip()
    text = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],  # noqa: S603, S607
                          check=True, capture_output=True, text=True).stdout
    return commit, text


def _schema_terms(git_dir: Path) -> tuple[str, list[str], list[str]]:
    names: dict[str, list[str]] = {}
    commit = ""
    for kind in ("types", "properties"):
        commit, text = _show(git_dir, f"data/releases/{SCHEMA_RELEASE}/schemaorg-current-https-{kind}.csv")
        rows = csv.DictReader(io.StringIO(text))
        names[kind] = sorted({row["id"].removeprefix("https://schema.org/") for row in rows})
    return commit, names["types"], names["properties"]


def _essglobal(git_dir: Path) -> tuple[str, list[str], dict[str, str]]:
    commit, vocab = _show(git_dir, "vocabs/vocab/essglobal-vocab.ttl")
    terms = sorted(set(re.findall(r"^<http://purl\.org/essglobal/vocab/([A-Za-z]+)>", vocab, re.M)))
    _, skos = _show(git_dir, "vocabs/standard/activities.skos")
    activities = {}
    for concept, body in re.findall(r'<skos:Concept rdf:about="([a-z]\d\d)">(.*?)</skos:Concept>', skos, re.S):
        section = next(label for label in re.findall(r"<skos:altLabel>([^<]*)</skos:altLabel>", body)
                       if re.fullmatch(r"[A-Z]", label))
        activities[concept] = section
    return commit, terms, activities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schemaorg", type=Path, required=True, help="git dir of schemaorg/schemaorg")
    parser.add_argument("--essglobal", type=Path, required=True, help="git dir of essglobal-linked-open-data/map-sse")
    args = parser.parse_args()
    schema_commit, types, properties = _schema_terms(args.schemaorg)
    ess_commit, ess_terms, activities = _essglobal(args.essglobal)
    vocabularies = {
        "schema_org": {"source": f"schemaorg/schemaorg@{schema_commit} data/releases/{SCHEMA_RELEASE}",
                       "licence": "CC BY-SA 3.0", "namespace": "https://schema.org/", "types": types,
                       "properties": properties},
        "essglobal": {"source": f"essglobal-linked-open-data/map-sse@{ess_commit} vocabs/", "licence": "CC BY 3.0",
                      "namespace": "http://purl.org/essglobal/vocab/", "terms": ess_terms,
                      "activities_namespace": "http://purl.org/essglobal/standard/activities/",
                      "activity_sections": activities},
    }
    (OUT / "vocabularies.json").write_text(json.dumps(vocabularies, indent=1) + "\n", encoding="utf-8")
    context = {"@context": {"@vocab": "http://schema.org/", "schema": "http://schema.org/", "id": "@id",
                            "type": "@type", **{term: {"@id": f"schema:{term}"} for term in [*types, *properties]}},
               "_source": vocabularies["schema_org"]["source"]}
    contexts = OUT / "contexts"
    contexts.mkdir(exist_ok=True)
    (contexts / "schema.org.jsonld").write_text(json.dumps(context, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(types)} types, {len(properties)} properties; {len(ess_terms)} ESSGlobal terms, "
          f"{len(activities)} activities")


if __name__ == "__main__":
    main()
