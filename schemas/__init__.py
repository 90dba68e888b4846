"""Pydantic models of contract v1 (``contract``) and of the terse answers the LLM fills (``llm``)."""
