// sources_view.h — the lesson's Sources: a small button beside the lesson's citations that opens
// the full entry of every document it follows (authors, title, kind, institution, year), as
// lessons/sources.toml gives them. Draws LessonInfo only; nothing to act on, so no UiActions.
#pragma once

#include "lessons/framework/lesson.h"

namespace neurostep {

// The "Sources" button and its popup; nothing when the lesson cites no document.
void draw_sources_button(const LessonInfo& info);

}  // namespace neurostep
