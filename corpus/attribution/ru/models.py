"""Load the Russian models once per process, lazily, and only the vetted files.

- natasha 1.6.0 ships its models inside the wheel: navec word vectors and the slovnet NER,
  morphology and syntax models. Each file's sha256 is checked before it is loaded; a file
  that differs from the vetted one is refused (fail closed), so another upload cannot slip in.
- pymorphy3 2.0.6 with the OpenCorpora dictionary (``pymorphy3-dicts-ru``) lemmatises, tells
  a verb's gender and puts names in the nominative. natasha's own ``MorphVocab`` would build
  a second analyser on the unmaintained pymorphy2 (installed as natasha's dependency, never
  run): :class:`NameVocab` gives natasha's name normaliser pymorphy3's forms instead.

Nothing is loaded at import: a process that reads only English never pays for these.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import CorpusError

if TYPE_CHECKING:
    import pymorphy3

logger = logging.getLogger(__name__)

# What the vetted natasha 1.6.0 wheel holds (see the README): path under natasha/data -> sha256.
NATASHA_VERSION = "1.6.0"
NATASHA_FILES = {
    "emb/navec_news_v1_1B_250K_300d_100q.tar": (
        "f07270833d78523edc5781538d67038e95b43975e4a7ae757c693b687f9cbfca"
    ),
    "model/slovnet_ner_news_v1.tar": (
        "16c3343a6572ddf0e2b2fc1923113de15a7f5ca5bde90e780dd590418665603e"
    ),
    "model/slovnet_morph_news_v1.tar": (
        "54812762a641c742dbfa9c950c4b53bbb469301983077ed01b9f074643d540d3"
    ),
    "model/slovnet_syntax_news_v1.tar": (
        "0759ce82eaac4430f5b4ac27b2444aa6e4b6501ca38c2f45d62467265383d85e"
    ),
}
PYMORPHY_VERSION = "2.0.6"
PYMORPHY_DICTS_VERSION = "2.4.417150.4580142"


class RussianModelError(CorpusError):
    """The Russian models are missing, or are not the files the project vetted."""


@dataclass(frozen=True, slots=True)
class Models:
    """natasha's segmenter and taggers, loaded from the vetted files."""

    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def verify_file(path: Path, expected: str) -> None:
    """Refuse a model file whose sha256 is not the vetted one (fail closed)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise RussianModelError(f"cannot read Russian model file {path}: {exc}") from exc
    if digest.hexdigest() != expected:
        raise RussianModelError(
            f"Russian model file {path} has sha256 {digest.hexdigest()}, expected {expected}: "
            "reinstall natasha==1.6.0"
        )


_lock = threading.Lock()
_models: Models | None = None


def load_models() -> Models:
    """Return natasha's models, loading them on the first call of the process.

    Raises:
        RussianModelError: natasha is not the vetted version, or a model file differs.
    """
    global _models
    with _lock:
        if _models is None:
            _models = _load()
        return _models


def _load() -> Models:
    version = _version("natasha")
    if version != NATASHA_VERSION:
        raise RussianModelError(
            f"natasha {version} is installed; whosaid vetted {NATASHA_VERSION}"
        )
    import natasha
    from natasha.data import DATA_DIR

    data = Path(DATA_DIR)
    for name, expected in NATASHA_FILES.items():
        verify_file(data / name, expected)
    embedding = natasha.NewsEmbedding(str(data / "emb/navec_news_v1_1B_250K_300d_100q.tar"))
    models = Models(
        segmenter=natasha.Segmenter(),
        morph=natasha.NewsMorphTagger(embedding, str(data / "model/slovnet_morph_news_v1.tar")),
        syntax=natasha.NewsSyntaxParser(embedding, str(data / "model/slovnet_syntax_news_v1.tar")),
        ner=natasha.NewsNERTagger(embedding, str(data / "model/slovnet_ner_news_v1.tar")),
    )
    logger.info("loaded natasha %s models", version)
    return models


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """Return the pymorphy3 analyser with its Russian dictionary, loaded once per process.

    Raises:
        RussianModelError: pymorphy3 or its dictionary is not the vetted version.
    """
    for package, pinned in (
        ("pymorphy3", PYMORPHY_VERSION),
        ("pymorphy3-dicts-ru", PYMORPHY_DICTS_VERSION),
    ):
        found = _version(package)
        if found != pinned:
            raise RussianModelError(f"{package} {found} is installed; whosaid vetted {pinned}")
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


class _Form:
    """One pymorphy3 parse as natasha's normaliser reads it (UD part of speech and features)."""

    __slots__ = ("feats", "normal", "parse", "pos", "word")

    def __init__(self, parse: Any) -> None:
        from natasha.morph.vocab import ud_feats, ud_pos

        self.parse = parse
        self.word: str = parse.word
        self.normal: str = parse.normal_form
        self.pos: str = ud_pos(parse.tag)
        self.feats: dict[str, str] = dict(ud_feats(parse.tag))

    def inflect(self, grams: set[str]) -> _Form | None:
        from natasha.morph.vocab import oc_grams

        inflected = self.parse.inflect(set(oc_grams(grams)))
        return _Form(inflected) if inflected is not None else None


class NameVocab:
    """natasha's ``vocab`` interface (``vocab(word)`` -> forms) over pymorphy3."""

    def __init__(self) -> None:
        self._analyzer = analyzer()
        self._forms = lru_cache(maxsize=20000)(self._parse)

    def _parse(self, word: str) -> list[_Form]:
        return [_Form(p) for p in self._analyzer.parse(word)]

    def __call__(self, word: str) -> list[_Form]:
        return self._forms(word)


@lru_cache(maxsize=1)
def name_vocab() -> NameVocab:
    """Return the one :class:`NameVocab` of the process."""
    return NameVocab()
