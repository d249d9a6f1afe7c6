"""`python -m zhengli`: the `zhengli` command."""

from zhengli.flows.cli import main

main()
