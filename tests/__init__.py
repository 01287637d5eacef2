"""The test suite (a package, so that ``tests.conftest`` is this one and not a site-packages ``tests``)."""
