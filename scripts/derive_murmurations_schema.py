"""Derive the Murmurations schemas the tests validate profiles against, with every `$ref` inlined.

Source: https://github.com/MurmurationsNetwork/MurmurationsLibrary (GPL-3.0), `schemas/` and `fields/`.
Run once against a checkout (or a bare clone: `--git-dir`) and commit the output; nothing is fetched at
run time. Usage:

    python scripts/derive_murmurations_schema.py --git-dir /path/to/MurmurationsLibrary/.git
"""

import argparse
import json
import posixpath
import subprocess
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "api" / "linked_data" / "data" / "murmurations"
SCHEMAS = ("organizations_schema-v1.0.0", "default-v2.1.0")


def _reader(git_dir: Path, commit: str) -> Any:
    def read(path: str) -> Any:
        text = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],  # noqa: S603, S607
                              check=True, capture_output=True, text=True).stdout
        return json.loads(text)
    return read


def _inline(node: Any, read: Any, here: str) -> Any:
    """Replace each {"$ref": "../fields/x.json", …} by the field's schema, the local keys winning."""
    if isinstance(node, list):
        return [_inline(item, read, here) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), node["$ref"]))
        field = _inline(read(target), read, target)
        return {**field, **{k: _inline(v, read, here) for k, v in node.items() if k != "$ref"}}
    return {key: _inline(value, read, here) for key, value in node.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--git-dir", type=Path, required=True)
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args()
    commit = subprocess.run(["git", "--git-dir", str(args.git_dir), "rev-parse", args.commit],  # noqa: S603, S607
                            check=True, capture_output=True, text=True).stdout.strip()
    read = _reader(args.git_dir, commit)
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        here = f"/schemas/{name}.json"
        schema = _inline(read(here.lstrip("/")), lambda p: read(p.lstrip("/")), here)
        schema["$comment"] = (f"Derived from MurmurationsNetwork/MurmurationsLibrary@{commit} schemas/{name}.json "
                              "with its fields/ inlined by scripts/derive_murmurations_schema.py; GPL-3.0.")
        (OUT / f"{name}.json").write_text(json.dumps(schema, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT / f'{name}.json'}")


if __name__ == "__main__":
    main()
