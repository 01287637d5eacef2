"""The DuckDB warehouse: schema and view DDL (.sql), the loader, and the database file."""
