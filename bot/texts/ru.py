"""Russian texts of the front ends (see :mod:`bot.texts`).

The bot speaks of itself without the past tense, which would need a grammatical gender.
"""

from __future__ import annotations

from bot.texts import Texts
from retrieval import wording

TEXTS = Texts(
    language="ru",
    thousands="\u00a0",
    plural=wording("ru").plural,
    quote_forms=("цитата", "цитаты", "цитат"),
    article_forms=("статья", "статьи", "статей"),
    speaker_forms=("говорящий", "говорящих", "говорящих"),
    source_forms=("источник", "источника", "источников"),
    paragraph_forms=("абзац", "абзаца", "абзацев"),
    second_forms=("секунду", "секунды", "секунд"),
    minute_forms=("минуту", "минуты", "минут"),
    flood_notice="(Ответ пришёл на {wait} позже: Telegram ограничивает частоту сообщений.)",
    nothing_found="Ничего не найдено.",
    from_the_article="Из статьи",
    unnamed_source="Неназванный источник",
    kind_labels={
        "reported": "пересказ",
        "interview": "интервью",
        "question": "вопрос",
        "post": "собственный пост",
        "passage": "фрагмент статьи, без говорящего",
    },
    kind_names={
        "direct": "прямая речь",
        "reported": "пересказ",
        "interview": "интервью",
        "question": "вопрос",
        "post": "пост",
        "passage": "фрагмент",
    },
    also_carried="<i>Перепечатано ещё ({sources}):</i> {names}{more}",
    and_more=" и ещё {more}",
    more_quotes="Ещё цитаты",
    no_more_quotes="Больше цитат нет: {name}.",
    speakers_empty="Пока никто не цитируется: корпус пуст.",
    speakers_title="<b>Кого цитируют</b> ({count})",
    speaker_counts="{quotes} ({articles})",
    nobody_named_like="Среди цитируемых нет никого с именем {name}.",
    sources_empty="Статей в корпусе пока нет.",
    sources_title="<b>Статьи</b> ({count})",
    page_forms=("страница", "страницы", "страниц"),
    speakers_noun="говорящих",
    articles_noun="статей",
    list_pages="В списке {pages}: отправьте {command} n, где n от 1 до {last}.",
    list_more="… и ещё {left}: отправьте {command} {next}.",
    start_title="<b>Кто что сказал?</b>",
    start_intro=(
        "Я отвечаю на вопросы о том, кто что сказал, по прочитанным мною новостям: точные "
        "слова, кто их сказал и где это напечатано. Я не гадаю: если в статьях этого нет, "
        "я так и отвечу."
    ),
    start_how_private="Пришлите мне вопрос",
    start_how_group="Спросите командой /ask &lt;вопрос&gt;, упомяните меня или ответьте мне",
    start_for_example="{how}, например:",
    start_empty="(статей пока нет)",
    start_help="/help — список команд.",
    examples=("Что говорит {name}?", "Что думает {name}?", "/quotes {name}"),
    commands=(
        ("ask", "Спросить, кто что сказал: /ask <вопрос>"),
        ("speakers", "Кого цитируют и сколько раз: /speakers [страница или имя]"),
        ("quotes", "Цитаты одного человека: /quotes <имя>"),
        ("sources", "Статьи корпуса: /sources [страница]"),
        ("source", "Весь абзац за ссылкой n: /source <n>"),
        ("follow", "Новые цитаты человека или фразы в этом чате: /follow Песков"),
        ("following", "За чем следит этот чат"),
        ("unfollow", "Перестать следить: /unfollow Песков, /unfollow all"),
        ("help", "Как пользоваться ботом"),
        ("start", "Что умеет этот бот"),
    ),
    help_title="<b>Команды</b>",
    help_lines=(
        "Можно уточнять: после ответа спросите «Что ещё он сказал?» или «А о НАТО?».",
        "Встроенный режим: наберите в любом чате моё @имя и вопрос, чтобы поделиться цитатой.",
        "Перешлите мне пост из канала, чтобы проверить цитаты в нём.",
        "В вопросе можно указать даты и издания (по-английски: “in January 2022”, "
        "“according to Reuters”); /quotes Песков --since 2022-01-01 --outlet Reuters.",
        "Спрашивайте по-русски или по-английски: цитаты показываются так, как напечатаны, "
        "на языке статьи.",
    ),
    help_admin_title="<b>Администрирование</b>",
    help_admin_lines=(
        "Пришлите документ .txt, .md, .html или .jsonl, чтобы добавить статью, или экспорт "
        "канала из Telegram Desktop (result.json).",
        "Пришлите ссылки (только ссылки), чтобы добавить их страницы; перешлите пост канала "
        "и нажмите «Add as source».",
        "/feeds: список лент; /feeds add URL, /feeds remove URL, /feeds poll.",
        "/channel @имя Имя Фамилия: канал принадлежит этому человеку.",
        "/reload: заново прочитать папку корпуса.",
    ),
    ask_usage="Задайте вопрос после команды, например: /ask Что сказал Песков?",
    mention_empty="Задайте вопрос после упоминания.",
    quotes_usage="Назовите человека, например: /quotes Песков. Список — /speakers.",
    sources_usage="Отправьте /sources или /sources n для страницы n.",
    no_answer_to_cite="Ссылаться пока не на что: сначала задайте вопрос.",
    source_usage="Отправьте /source n, где n от 1 до {count}.",
    citation_gone="Эта ссылка больше недоступна: спросите ещё раз.",
    paragraph_gone="Этого абзаца больше нет в индексе.",
    unknown_command="Такой команды нет. Список команд — /help.",
    unavailable="Индекс цитат сейчас недоступен. Попробуйте позже.",
    apology="Извините, при ответе что-то пошло не так. Попробуйте ещё раз.",
    refusal="Извините, это закрытый бот.",
    admin_only="Это могут только администраторы.",
    expired="Срок действия этой кнопки истёк.",
    too_fast="Слишком много вопросов подряд. Подождите {wait} и попробуйте снова.",
    too_many_inline="Слишком много вопросов: подождите {wait}",
    rejected="Отклонено: {reason}.",
    reading="Читаю {name}…",
    rejected_file="{name} отклонён: {reason}.",
    could_not_add="Не удалось добавить {name}: {reason}",
    could_not_download="Не удалось скачать {name} из Telegram. Пришлите его ещё раз.",
    could_not_save="Не удалось сохранить {name} в папке корпуса ({reason}).",
    add_failed="Не удалось добавить {name}: что-то пошло не так. Файл не добавлен.",
    reingesting="Корпус читается заново…",
    reingest_failed="Не удалось прочитать корпус заново: {reason}",
    reingest_failed_bug="Не удалось прочитать корпус заново: что-то пошло не так.",
    added="Добавлено: <b>{name}</b>.",
    reingested="Корпус прочитан заново.",
    ingest_counts=(
        "Добавлено: {added}, обновлено: {updated}, без изменений: {unchanged}, удалено: {removed}."
    ),
    ingest_found="{quotes}, {speakers}.",
    skipped="Пропущено:",
    passage="фрагмент",
    unnamed_source_plain="неназванный источник",
    unnamed_speaker_plain="говорящий не назван",
    paragraph="абзац {number}",
    terminal_speakers_empty="Пока никто не цитируется: сначала добавьте статьи.",
    terminal_speaker_counts="{quotes}, {articles}",
    undated="без даты",
    terminal_source_counts="{quotes}, {paragraphs}",
    also_carried_plain="перепечатано ещё ({sources}): {names}",
    chat_greeting="в индексе {articles}.",
    chat_help=(
        "Спрашивайте, кто что сказал: «Кто сказал, что напряжённость в Центральной Азии "
        "растёт?»,\n«Что сказал Блохин об Украине?», затем «Что ещё он сказал?». "
        "Можно и по-английски.\n"
        "Команды: /speakers, /sources, /quotes ИМЯ, /new (забыть разговор), /help, /quit."
    ),
    chat_forgotten="Разговор забыт.",
    chat_quotes_usage="Использование: /quotes ИМЯ",
)
