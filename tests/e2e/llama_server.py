"""Start llama-cpp-python's OpenAI-compatible server with weight repacking off (see llama_backend.load_llama).

The server builds its ``Llama`` without a way to pass ``use_extra_bufts``; on CPUs that advertise AMX
under a hypervisor that faults on it, the default crashes at the first decode. Same fix as the
embedded backend: wrap the default model parameters, then run the stock server entry point.
"""

from __future__ import annotations

from typing import Any

import llama_cpp
import llama_cpp.llama as llama_module

_original = llama_module.llama_cpp.llama_model_default_params


def _params() -> Any:
    p = _original()
    p.use_extra_bufts = False
    return p


if __name__ == "__main__":
    llama_module.llama_cpp.llama_model_default_params = _params
    llama_cpp.llama_model_default_params = _params
    from llama_cpp.server.__main__ import main

    main()
