"""Make several modified copies of the demo client for a portfolio demonstration.

    python examples/portfolio_demo.py --out clients --copies 6
    playbook run data/demo-client clients/* --out reports
    playbook portfolio reports

Each copy has its own fictional name and id, its deal and investment amounts scaled and its
readiness answers moved a little (see ``playbook/demo_copies.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playbook.demo_copies import make_copies


def main() -> None:
    """Write the copies and list them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("clients"), help="folder for the copies")
    parser.add_argument("--copies", type=int, default=6, help="how many copies (default 6)")
    args = parser.parse_args()
    for path in make_copies(args.out, args.copies):
        print(path)


if __name__ == "__main__":
    main()
