"""Providers: the model backends behind one Protocol (OpenAI-compatible, embedded llama.cpp), their retry policy,
model files and factory. The only package that imports openai, instructor or llama_cpp."""
