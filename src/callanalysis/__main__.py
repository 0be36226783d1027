"""``python -m callanalysis``: see :mod:`callanalysis.cli`."""

from .cli import main

raise SystemExit(main())
