"""Thin Prefect orchestration: discover, read, extract, load, report."""
