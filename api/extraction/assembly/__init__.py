"""Assembly: draft events from the sentence facts and the model's answers, merged, numbered and linked."""
