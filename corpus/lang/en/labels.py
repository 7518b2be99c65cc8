"""English words of layouts: interview labels, and headings that name no speaker."""

from __future__ import annotations

from corpus.lang import words

# Labels of an interviewer's turn and of an interviewee's ("Q:", "A:").
QUESTION_LABELS = words("q question interviewer")
ANSWER_LABELS = words("a answer")
# Words opening a "Label:" paragraph that is a heading or furniture, not a speaker.
NOT_SPEAKER_LABELS = words(
    "update note correction editor's watch read video photo photos related breaking "
    "warning source sources credit caption advertisement sponsored live more also see"
)
