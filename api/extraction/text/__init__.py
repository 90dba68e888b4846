"""Text: sentences with offsets, grounding of names and quotes in the text, quotation marks, regex helpers."""
