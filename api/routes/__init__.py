"""HTTP routes: ``POST /v1/extract`` and the health probes."""
