"""The one error a reader raises: a source that cannot be read, with a stage and words a person can act on."""
from __future__ import annotations


class ReadError(Exception):
    """A source that cannot be read; ``stage`` and the message go to ingest_errors.

    Stages: 'discover', 'read', 'decode', 'pdf', 'layout'.
    """

    def __init__(self, message: str, stage: str = "read"):
        super().__init__(message)
        self.stage = stage

    def __reduce__(self):  # keeps the stage when the error crosses from a worker process
        return type(self), (str(self), self.stage)
