"""Dockerfile and docker-compose.yml agree with the settings (images can't be pulled here)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.telegram import TelegramSettings
from retrieval import RetrievalSettings

ROOT = Path(__file__).resolve().parents[1]


def _known_variables() -> set[str]:
    telegram = {f"TELEGRAM_{name.upper()}" for name in TelegramSettings.model_fields}
    whosaid = {f"WHOSAID_{name.upper()}" for name in RetrievalSettings.model_fields}
    return telegram | whosaid


def _dockerfile() -> list[tuple[str, str]]:
    """Return (instruction, arguments) pairs, with continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            pairs.append((instruction.upper(), arguments.strip()))
    return pairs


def _docker_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, arguments in _dockerfile():
        if instruction == "ENV":
            env.update(dict(re.findall(r"(\w+)=(\S+)", arguments)))
    return env


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _env_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_dockerfile_runs_the_bot_as_a_non_root_user() -> None:
    pairs = _dockerfile()
    assert pairs[0] == ("FROM", "python:3.11-slim")
    users = [arguments for instruction, arguments in pairs if instruction == "USER"]
    assert users and users[-1] not in ("root", "0")
    cmd = [arguments for instruction, arguments in pairs if instruction == "CMD"]
    assert json.loads(cmd[-1]) == ["whosaid", "bot"]


def test_neither_the_project_nor_the_image_installs_torch() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    heavy = ("torch", "sentence-transformers", "langchain-huggingface", "transformers")
    names = [re.split(r"[\s<>=!~\[;]", dep, maxsplit=1)[0].lower()
             for dep in project["project"]["dependencies"]]  # fmt: skip
    assert not set(names) & set(heavy), "the embedding model runs on onnxruntime"
    runs = [arguments for instruction, arguments in _dockerfile() if instruction == "RUN"]
    assert not [run for run in runs if "torch" in run]
    assert any(re.search(r"pip install \.", run) for run in runs)


def test_dockerfile_variables_are_settings_and_data_dirs_are_volumes() -> None:
    env = _docker_env()
    project_vars = {name for name in env if name.startswith(("WHOSAID_", "TELEGRAM_"))}
    assert project_vars <= _known_variables()
    volumes = [
        json.loads(arguments)
        for instruction, arguments in _dockerfile()
        if instruction == "VOLUME"
    ]
    declared = {path for group in volumes for path in group}
    assert {env["WHOSAID_ARTICLES_DIR"], env["WHOSAID_DATA_DIR"]} <= declared


def test_compose_runs_the_bot_beside_chroma() -> None:
    services = _compose()["services"]
    chroma_name = next(
        name for name, s in services.items() if "chromadb/chroma" in s.get("image", "")
    )
    bot = services["bot"]
    assert bot["build"] == "."
    assert bot["command"] == ["whosaid", "bot"]
    environment = bot["environment"]
    assert environment["WHOSAID_CHROMA_HOST"] == chroma_name
    assert int(environment["WHOSAID_CHROMA_PORT"]) == 8000  # the chroma image's port
    assert chroma_name in bot["depends_on"]
    assert set(environment) <= _known_variables()
    assert "TELEGRAM_BOT_TOKEN" in environment


def test_compose_volumes_hold_the_corpus_and_the_index() -> None:
    compose = _compose()
    bot = compose["services"]["bot"]
    targets = {mount.split(":")[1]: mount.split(":")[0] for mount in bot["volumes"]}
    environment = bot["environment"]
    assert environment["WHOSAID_ARTICLES_DIR"] in targets
    assert environment["WHOSAID_DATA_DIR"] in targets
    # Compose and the image agree on where the data lives.
    env = _docker_env()
    assert environment["WHOSAID_ARTICLES_DIR"] == env["WHOSAID_ARTICLES_DIR"]
    assert environment["WHOSAID_DATA_DIR"] == env["WHOSAID_DATA_DIR"]
    named = set(compose.get("volumes") or {})
    for source in targets.values():
        assert source in named or source.startswith((".", "/"))


def test_telegram_env_fragment_documents_every_setting() -> None:
    fragment = ROOT / "bot" / "telegram" / "env.example.fragment"
    expected = {f"TELEGRAM_{name.upper()}" for name in TelegramSettings.model_fields}
    assert _env_names(fragment) == expected


def test_env_example_names_only_real_settings() -> None:
    path = ROOT / ".env.example"
    if not path.exists():
        pytest.skip(".env.example is not written yet")
    names = _env_names(path)
    assert "TELEGRAM_BOT_TOKEN" in names
    assert names <= _known_variables()
