"""Normalisation: casualty counts and dates written in words, as numbers and ISO dates."""
