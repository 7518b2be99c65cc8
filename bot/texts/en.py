"""English texts of the front ends (see :mod:`bot.texts`)."""

from __future__ import annotations

from bot.texts import Texts


def plural(n: int, forms: tuple[str, ...]) -> str:
    """English: one form for 1, the other for every other count."""
    return forms[0] if n == 1 else forms[1]


TEXTS = Texts(
    language="en",
    thousands=",",
    plural=plural,
    quote_forms=("quote", "quotes"),
    article_forms=("article", "articles"),
    speaker_forms=("speaker", "speakers"),
    source_forms=("source", "sources"),
    paragraph_forms=("paragraph", "paragraphs"),
    second_forms=("second", "seconds"),
    minute_forms=("minute", "minutes"),
    flood_notice="(Telegram's flood control held this answer back for {wait}.)",
    nothing_found="Nothing found.",
    from_the_article="From the article",
    unnamed_source="Unnamed source",
    kind_labels={
        "reported": "reported speech",
        "interview": "interview",
        "question": "question",
        "post": "own post",
        "passage": "passage, no attributed speaker",
    },
    kind_names={
        kind: kind for kind in ("direct", "reported", "interview", "question", "post", "passage")
    },
    also_carried="<i>Also carried by {sources}:</i> {names}{more}",
    and_more=" and {more} more",
    more_quotes="More quotes",
    no_more_quotes="No more quotes from {name}.",
    speakers_empty="Nobody is quoted yet: the corpus is empty.",
    speakers_title="<b>Speakers</b> ({count})",
    speaker_counts="{quotes} in {articles}",
    nobody_named_like="Nobody quoted is named like {name}.",
    sources_empty="No articles are indexed yet.",
    sources_title="<b>Articles</b> ({count})",
    page_forms=("page", "pages"),
    speakers_noun="speakers",
    articles_noun="articles",
    list_pages="{pages} of {noun}: send {command} n, with n from 1 to {last}.",
    list_more="… and {left} more {noun}: send {command} {next}.",
    start_title="<b>Who said what?</b>",
    start_intro=(
        "I answer questions about who said what in the news articles I have read, with the "
        "exact words, the speaker and the source. I never guess: if the articles don't say, "
        "neither do I."
    ),
    start_how_private="Send me a question",
    start_how_group="Ask with /ask &lt;question&gt;, mention me, or reply to me",
    start_for_example="{how}, for example:",
    start_empty="(no articles are indexed yet)",
    start_help="/help lists the commands.",
    examples=("What did {name} say?", "What has {name} said?", "Show me quotes by {name}"),
    commands=(
        ("ask", "Ask who said what: /ask <question>"),
        ("speakers", "Who is quoted, and how often: /speakers [page or name]"),
        ("quotes", "A speaker's quotes: /quotes <name>"),
        ("sources", "The articles in the corpus: /sources [page]"),
        ("source", "The full paragraph behind citation n: /source <n>"),
        ("follow", 'New quotes of a speaker or phrase here: /follow Psaki, /follow "gas prices"'),
        ("following", "What this chat follows"),
        ("unfollow", "Stop following: /unfollow Psaki, /unfollow all"),
        ("help", "How to use this bot"),
        ("start", "What this bot does"),
    ),
    help_title="<b>Commands</b>",
    help_lines=(
        "Follow-ups work: after an answer, ask “what else did he say?” or “and about NATO?”.",
        "Inline: type my @username and a question in any chat to share a quote.",
        "Forward me a channel's post to check its quotes.",
        "Questions can name dates and outlets: “What did Psaki say in January 2022?”, "
        "“… last week”, “… according to Reuters”, “… in @channel”; "
        "/quotes Psaki --since 2022-01-01 --until 2022-03-31 --outlet Reuters.",
        "Ask in English or in Russian: quotes are shown as printed, in either language.",
    ),
    help_admin_title="<b>Admin</b>",
    help_admin_lines=(
        "Send me a .txt, .md, .html or .jsonl document to add an article, or a channel's "
        "Telegram Desktop export (result.json).",
        "Send me links (only links) to add their pages; forward a channel's post and press "
        "“Add as source”.",
        "/feeds: list feeds; /feeds add URL, /feeds remove URL, /feeds poll.",
        "/channel @name Person Name: the channel is that person's own.",
        "/reload: re-ingest the corpus directory.",
    ),
    ask_usage="Ask a question after the command, e.g. /ask What did Psaki say?",
    mention_empty="Ask me a question after the mention.",
    quotes_usage="Name a speaker, e.g. /quotes Psaki. /speakers lists them.",
    sources_usage="Send /sources, or /sources n for page n.",
    no_answer_to_cite="There is no answer to cite yet: ask a question first.",
    source_usage="Send /source n, with n between 1 and {count}.",
    citation_gone="That citation is no longer available: ask again.",
    paragraph_gone="That paragraph is no longer in the index.",
    unknown_command="I don't know that command. /help lists what I can do.",
    unavailable="The quote index is unavailable right now. Please try again later.",
    apology="Sorry, something went wrong while answering. Please try again.",
    refusal="Sorry, this bot is private.",
    admin_only="Only admins can do that.",
    expired="This button has expired.",
    too_fast="You're asking too fast. Please wait {wait} and try again.",
    too_many_inline="Too many questions: wait {wait}",
    rejected="Rejected: {reason}.",
    reading="Reading {name}…",
    rejected_file="Rejected {name}: {reason}.",
    could_not_add="Could not add {name}: {reason}",
    could_not_download="Could not download {name} from Telegram. Please send it again.",
    could_not_save="Could not save {name} in the corpus directory ({reason}).",
    add_failed="Could not add {name}: something went wrong. The file was not added.",
    reingesting="Re-ingesting the corpus…",
    reingest_failed="Re-ingesting failed: {reason}",
    reingest_failed_bug="Re-ingesting failed: something went wrong.",
    added="Added <b>{name}</b>.",
    reingested="Corpus re-ingested.",
    ingest_counts="{added} added, {updated} updated, {unchanged} unchanged, {removed} removed.",
    ingest_found="{quotes} from {speakers}.",
    skipped="Skipped:",
    passage="passage",
    unnamed_source_plain="unnamed source",
    unnamed_speaker_plain="unnamed speaker",
    paragraph="paragraph {number}",
    terminal_speakers_empty="Nobody is quoted yet: ingest some articles first.",
    terminal_speaker_counts="{quotes}, {articles}",
    undated="undated",
    terminal_source_counts="{quotes}, {paragraphs}",
    also_carried_plain="also carried by {sources}: {names}",
    chat_greeting="{articles} indexed.",
    chat_help=(
        "Ask who said what, e.g. “Who said tension is growing in Central Asia?”,\n"
        "“What did Blokhin say about Ukraine?”, then “What else did he say?”. "
        "Russian questions work too.\n"
        "Commands: /speakers, /sources, /quotes NAME, /new (forget the conversation), "
        "/help, /quit."
    ),
    chat_forgotten="Conversation forgotten.",
    chat_quotes_usage="Usage: /quotes NAME",
)
