"""Pure extraction code: reading, layout clean-up and the extractors.

Nothing here knows about Prefect or DuckDB: every public function takes the
document model (or a path) and returns frozen records, so it can be tested
and reused without orchestration.
"""

#: Bumped whenever a change to reading, layout or an extractor changes what
#: lands in the warehouse; part of the skip key, so a new version re-extracts.
PIPELINE_VERSION = "0.5.0"
