"""The fake service the bot tests use takes what the real service takes: one protocol."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from retrieval import IndexService, QAService
from tests.auxil.fake_service import FakeQAService

MEMBERS = sorted(
    name
    for name, value in vars(QAService).items()
    if not name.startswith("_") and (callable(value) or isinstance(value, property))
)


def _shape(signature: inspect.Signature) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize("name", MEMBERS)
@pytest.mark.parametrize("service", [IndexService, FakeQAService], ids=["real", "fake"])
def test_each_member_of_the_protocol_takes_what_it_says(name: str, service: type) -> None:
    declared = vars(QAService)[name]
    implemented = getattr(service, name)
    if isinstance(declared, property):
        assert isinstance(implemented, property), f"{service.__name__}.{name} is no property"
        return
    assert _shape(inspect.signature(implemented)) == _shape(inspect.signature(declared))


def test_the_fake_and_the_real_service_are_both_qa_services(tmp_path: Path) -> None:
    assert QAService in FakeQAService.__mro__  # declared, not only shaped alike
    assert isinstance(FakeQAService(corpus_dir=tmp_path), QAService)
    assert {"ask", "ingest", "corpus_dir", "close"} <= set(MEMBERS)
