"""Rules: what a sentence says, read by patterns and the gazetteer (speech and speakers, agents, places, dates,
targets, statement kinds, weapons and attribution, prompt injection)."""
