"""Service code that needs no web framework: one article under the service's limits, the lines of a batch."""
