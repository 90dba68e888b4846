"""HTTP routes: ``POST /v1/extract`` (and its batch), the health probes, metrics and the ``/viewer`` page."""
