"""The extraction pipeline: the only package that talks to language models."""
