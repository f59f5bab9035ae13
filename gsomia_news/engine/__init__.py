"""Execution engines: how a build's chunks of pages are run (chunk.py is the unit of work)."""
