"""Derive the OCDS 1.1 package schemas the tests validate the tender fixtures against.

Source: https://github.com/open-contracting/standard (Apache-2.0, © Open Contracting Partnership),
tag 1__1__5, `schema/`. The files are kept as published (draft-04, with their `id`s), minified, so that
the tests resolve the packages' `$ref`s to the release schema by id; nothing is fetched at run time.
Run once against a bare clone and commit the output:

    python scripts/derive_ocds_schema.py --git-dir /path/to/standard/.git
"""

import argparse
import json
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "tenders" / "ocds_schema"
FILES = ("release-schema.json", "release-package-schema.json", "record-package-schema.json",
         "versioned-release-validation-schema.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--git-dir", type=Path, required=True)
    parser.add_argument("--tag", default="1__1__5")
    args = parser.parse_args()
    commit = subprocess.run(["git", "--git-dir", str(args.git_dir), "rev-parse", f"{args.tag}^{{commit}}"],  # noqa: S603, S607
                            check=True, capture_output=True, text=True).stdout.strip()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        text = subprocess.run(["git", "--git-dir", str(args.git_dir), "show", f"{commit}:schema/{name}"],  # noqa: S603, S607
                              check=True, capture_output=True, text=True).stdout
        (OUT / name).write_text(json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False) + "\n",
                                encoding="utf-8")
    (OUT / "SOURCE.md").write_text(
        f"OCDS {args.tag.replace('__', '.')} schemas from https://github.com/open-contracting/standard at {commit}, "
        "`schema/`.\nCopyright (c) 2014-2017 Open Contracting Partnership; Apache License 2.0.\n"
        "Derived by scripts/derive_ocds_schema.py (minified, otherwise unchanged).\n", encoding="utf-8")
    print(f"wrote {len(FILES)} schemas to {OUT}")


if __name__ == "__main__":
    main()
