"""Header values: one line, always.

A CR or LF in a value that reaches a header could add headers of its own (header injection) and makes
the standard library refuse to build the message. Input that ends up in a header is refused with a
422 (`SINGLE_LINE_PATTERN` in the schemas), and whatever reaches the builder is cleaned once more here.
"""

import re

# For StringConstraints(pattern=...): no CR, LF or other line breaks anywhere in the value.
SINGLE_LINE_PATTERN = r"^[^\r\n\u0085\u2028\u2029]*$"
_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def single_line(value: str) -> str:
    """The value with every line break and control character replaced by one space."""
    return _BREAKS.sub(" ", value).strip()
