"""Derive api/taxonomies/data/cpv.json: the full CPV 2008 list with titles in ro, en, uk and ru.

    .venv/bin/python scripts/derive_cpv.py [GIT_DIR] [--commit SHA]

Input: the public repository openprocurement/standards (Apache License 2.0), files
classifiers/cpv/{ro,en,uk,ru}.json, each a map "NNNNNNNN-N" → title (CPV 2008 as published in
Regulation (EC) No 213/2008, 9,454 codes with their check digits). GIT_DIR is a local clone's git
directory (default: the mirror brought by the project's `fetch` tool); nothing is downloaded.

Output: one row per code, `[code, check digit, ro, en, uk, ru]`, one row a line so that a refresh
reads as a diff. Levels and parents are not stored: api/taxonomies/catalog.py derives them from the
code (CPV is a prefix hierarchy). Romanian titles get comma-below ș/ț. The source leaves the Russian
titles of the 45 divisions as the bare code; those come from the project's own translations in
cpv_nace.json, and any other missing title is null (clients fall back to English).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "api" / "taxonomies" / "data" / "cpv.json"
DEFAULT_GIT_DIR = Path("/work/.mirror/openprocurement+standards/repo/.git")
LANGUAGES = ("ro", "en", "uk", "ru")
EXPECTED_CODES = 9454
_CEDILLA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})


def _git(git_dir: Path, *args: str) -> str:
    # S603/S607: a developer's command, git from PATH, arguments built here (no shell).
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True,  # noqa: S603, S607
                          text=True).stdout


def read_titles(git_dir: Path, commit: str, language: str) -> dict[str, str]:
    return json.loads(_git(git_dir, "show", f"{commit}:classifiers/cpv/{language}.json"))


def clean(title: str, key: str, language: str) -> str | None:
    title = " ".join(title.split())
    if not title or title == key:
        return None
    return title.translate(_CEDILLA) if language == "ro" else title


def division_russian() -> dict[str, str]:
    """The project's Russian titles of the CPV divisions (cpv_nace.json), for the source's gaps."""
    mapping = json.loads((OUTPUT.parent / "cpv_nace.json").read_text(encoding="utf-8"))
    return {item["cpv"]: item["label_ru"] for item in mapping["items"] if item.get("label_ru")}


def rows(titles: dict[str, dict[str, str]]) -> list[list[str | None]]:
    keys = list(titles["en"])
    for language in LANGUAGES:
        if set(titles[language]) != set(keys):
            sys.exit(f"{language}.json does not list the same codes as en.json")
    out: list[list[str | None]] = []
    russian = division_russian()
    for key in sorted(keys):
        code, check = key.split("-")
        if len(code) != 8 or not code.isdigit() or len(check) != 1 or not check.isdigit():
            sys.exit(f"unexpected CPV key {key!r}")
        labels = [clean(titles[lang][key], key, lang) for lang in LANGUAGES]
        labels[3] = labels[3] or russian.get(code)
        out.append([code, check, *labels])
    if len(out) != EXPECTED_CODES or any(row[3] is None for row in out):
        sys.exit(f"expected {EXPECTED_CODES} codes, each with an English title; got {len(out)}")
    return out


def render(commit: str, committed_at: str, table: list[list[str | None]]) -> str:
    header = {
        "name": "CPV 2008 (Common Procurement Vocabulary)",
        "source": ("Regulation (EC) No 213/2008 (CPV 2008), as published with Romanian, Ukrainian and Russian "
                   "titles in github.com/openprocurement/standards, classifiers/cpv/{ro,en,uk,ru}.json, commit "
                   f"{commit} ({committed_at}); derived by scripts/derive_cpv.py"),
        "licence": ("CPV: EU legislation, reuse authorised with the source acknowledged (Commission Decision "
                    "2011/833/EU); the openprocurement/standards files: Apache License 2.0"),
        "columns": ["code", "check", *(f"label_{lang}" for lang in LANGUAGES)],
    }
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in header.items()]
    lines.append('  "rows": [')
    lines += [f"    {json.dumps(row, ensure_ascii=False, separators=(',', ':'))}," for row in table]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("git_dir", nargs="?", type=Path, default=DEFAULT_GIT_DIR)
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args()
    commit = _git(args.git_dir, "rev-parse", args.commit).strip()
    committed_at = _git(args.git_dir, "show", "-s", "--format=%cs", commit).strip()
    titles = {lang: read_titles(args.git_dir, commit, lang) for lang in LANGUAGES}
    OUTPUT.write_text(render(commit, committed_at, rows(titles)), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
