"""Reading the Mermaid state diagrams beside the dialogs, so a test can hold each one to its
dialog's steps: a step with no node, or a node that is no step, fails."""

from __future__ import annotations

import re
from pathlib import Path

# "from --> to" or "from --> to: label"; [*] is the start or the end, not a step.
_EDGE = re.compile(r"^\s*(?P<source>\S+)\s*-->\s*(?P<target>[^\s:]+)")
_TERMINAL = "[*]"


def diagram_states(path: Path) -> set[str]:
    """Every state a stateDiagram-v2 file draws an edge from or to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if "stateDiagram-v2" not in (line.strip() for line in lines):
        raise ValueError(f"{path.name} is not a stateDiagram-v2")
    states = set()
    for line in lines:
        if line.lstrip().startswith("%%"):
            continue
        if edge := _EDGE.match(line):
            states |= {edge["source"], edge["target"]}
    return states - {_TERMINAL}
