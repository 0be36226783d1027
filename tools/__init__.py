"""Tooling for the report: the book build, its configuration, the notebook runs, the PDF, and what
maintainers run: the parser and annotator scores (``make eval``) and the norms tables (``make norms``).

These modules use the ``callanalysis`` package; the package never imports them. Run them from
the repository root as ``python -m tools.<name>`` (the Makefile does).
"""
