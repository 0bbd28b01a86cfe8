// lesson_view.h — the view of one lesson: its text, step controls, the list of steps, the math of
// the current step (formula → numbers → result), its values, the numbers to edit and the thesis
// check. It reads the session and writes UiActions; editing writes through the lesson's
// Editable pointers and sets actions.edited so the app recomputes the trace.
#pragma once

#include <vector>

#include "gui/theme.h"
#include "gui/train_panel.h"
#include "gui/ui_actions.h"
#include "lessons/framework/session.h"

namespace neurostep {

// `training` is the MNIST lesson's Train tab (null for other lessons).
struct TrainingView {
  const TrainingSnapshot& job;
  TrainPanelState& settings;
};
void draw_lesson_view(const LessonSession& session, std::vector<Editable> editables, const Fonts& fonts,
                      LessonViewState& ui, UiActions& actions, const TrainingView* training = nullptr,
                      PlaygroundPanelState* playground = nullptr);

// The current step alone: its title, equations (formula → numbers → result), note and values —
// what presentation mode shows beside the plots.
void draw_step_math(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui);

// Shown instead of the lesson view when the selected file does not load.
void draw_lesson_error(const std::string& title, const std::string& error, UiActions& actions);

}  // namespace neurostep
