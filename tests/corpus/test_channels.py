"""Telegram channels as sources: Desktop exports, post links, a person's own channel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.channels import ChannelBook, ChannelRef, parse_post_url, post_url
from corpus.errors import LoadError
from corpus.ingest import parse_article
from corpus.loaders import discover, load_file
from corpus.state import StateStore
from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

EXPORT = {
    "name": "Town Hall Watch",
    "type": "public_channel",
    "id": 1712345678,
    "messages": [
        {"id": 1, "type": "service", "date": "2022-01-05T09:00:00", "action": "create_channel"},
        {
            "id": 2,
            "type": "message",
            "date": "2022-01-06T23:40:00",
            "from": "Town Hall Watch",
            "text": [
                "The council ",
                {"type": "bold", "text": "approved"},
                " the bridge budget tonight.\n“We will open it in May,” said Mayor Jane Holt.",
                {"type": "text_link", "text": " Details", "href": "https://example.org/x"},
            ],
        },
        {"id": 3, "type": "message", "date": "2022-01-07T08:00:00", "photo": "p.jpg", "text": ""},
        {
            "id": 4,
            "type": "message",
            "date": "2022-01-07T10:15:00",
            "author": "Anna Berg",
            "text": "Residents will vote on the new library in March.",
        },
    ],
}


def _export(tmp_path: Path, data: dict[str, object] = EXPORT) -> Path:
    folder = tmp_path / "articles" / "export"
    folder.mkdir(parents=True)
    path = folder / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_export_gives_one_article_per_post_with_text(tmp_path: Path):
    articles = load_file(_export(tmp_path))
    assert [a.url for a in articles] == [
        "https://t.me/c/1712345678/2",
        "https://t.me/c/1712345678/4",
    ]
    first, second = articles
    # Formatted text is the post as shown: the entities' texts joined with the strings.
    assert first.text.startswith("The council approved the bridge budget tonight.\n")
    assert first.text.endswith("said Mayor Jane Holt. Details")
    # The date the channel showed (local), not shifted to another day.
    assert (first.date, first.outlet, first.title) == (
        "2022-01-06",
        "Town Hall Watch",
        "Town Hall Watch: The council approved the bridge budget tonight.",
    )
    assert len(first.paragraphs) == 2
    assert second.author == "Anna Berg"


def test_a_public_channels_posts_link_to_its_username():
    assert post_url(7, username="townhall", chat_id=None) == "https://t.me/townhall/7"
    assert post_url(7, username=None, chat_id=-1001712345678) == "https://t.me/c/1712345678/7"
    assert parse_post_url("https://t.me/townhall/7") == (ChannelRef(username="townhall"), "7")
    assert parse_post_url("https://example.org/townhall/7") is None


def test_only_result_json_is_found_in_a_directory_and_other_json_is_refused(tmp_path: Path):
    path = _export(tmp_path)
    (path.parent / "settings.json").write_text("{}", encoding="utf-8")
    assert discover([tmp_path / "articles"]) == [path]
    with pytest.raises(LoadError, match="not a Telegram Desktop export"):
        load_file(path.parent / "settings.json")


def test_a_persons_own_post_makes_their_words_statements_and_keeps_other_speakers():
    from corpus.models import Article, Paragraph

    text = (
        "We will not raise taxes this year, whatever the opposition claims.\n"
        "“The budget is a fraud,” said Tom Reed, the opposition leader.\n"
        "I have asked the ministry to publish every contract by Friday."
    )
    lines = text.split("\n")
    spans, start = [], 0
    for number, line in enumerate(lines, 1):
        spans.append(Paragraph(number, start, start + len(line)))
        start += len(line) + 1
    article = Article(
        "d", "/p", text, tuple(spans), "h", url="https://t.me/annaberg/9", speaker="Anna Berg"
    )
    quotes = parse_article(article).quotes
    own = [q.text for q in quotes if q.kind == "post"]
    assert own == [
        "We will not raise taxes this year, whatever the opposition claims.",
        "I have asked the ministry to publish every contract by Friday.",
    ]
    assert {q.speaker for q in quotes if q.kind == "post"} == {"Anna Berg"}
    [reed] = [q for q in quotes if q.kind != "post"]
    assert reed.text.startswith("The budget is a fraud") and reed.speaker == "Tom Reed"


def test_the_channel_book_gives_exported_posts_a_public_link_and_their_author(tmp_path: Path):
    path = _export(tmp_path)
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest([path])
    assert {s.url for s in service.sources()} == {
        "https://t.me/c/1712345678/2",
        "https://t.me/c/1712345678/4",
    }
    state = StateStore.in_data_dir(service.settings.data_dir)
    book = ChannelBook(state)
    book.set_username("1712345678", "townhallwatch")
    book.set_person(ChannelRef(id="1712345678"), "Jane Holt")
    state.close()
    # Told whose channel it is, the next ingest re-reads its posts: links and speaker.
    summary = service.ingest([path])
    assert summary.updated == 2
    assert {s.url for s in service.sources()} == {
        "https://t.me/townhallwatch/2",
        "https://t.me/townhallwatch/4",
    }
    answer = service.ask("What did Jane Holt say about the library?")
    posts = [q for q in answer.quotes if q.kind == "post"]
    assert posts and posts[0].speaker == "Jane Holt"
    assert posts[0].source.url.startswith("https://t.me/townhallwatch/")
    service.close()
