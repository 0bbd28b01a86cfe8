// presentation_view.h — presentation mode, for lecturing from a projector: a slim bar (back, step,
// "Step 5 of 14", the lesson's title, the View menu, Leave) over the current step's math and its
// plots, which fill the rest of the window. No lesson list, tabs, step list or step controls;
// →/←/Space still step (the app's keys), Esc or F5 leaves. It reads the session and writes
// UiActions, as the lesson view does.
#pragma once

#include "gui/theme.h"
#include "gui/ui_actions.h"
#include "lessons/framework/session.h"

namespace neurostep {

void draw_presentation(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui,
                       const DisplayState& display, UiActions& actions);

}  // namespace neurostep
