// lesson_view.h — the view of one lesson: its text, step controls, the list of steps, the math of
// the current step (formula → numbers → result), its values, the numbers to edit and the thesis
// check. In Try it, a step with exercises asks for them (its results and their values hidden, a
// field for each, the hint ladder, the slip named) and the step list marks the steps answered. It reads the session and
// writes UiActions; an edit of a number is an action too (NumberEdit, which LessonSession::edit applies).
#pragma once

#include <vector>

#include "gui/theme.h"
#include "gui/train_panel.h"
#include "gui/ui_actions.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/session.h"

namespace neurostep {

// `training` is the MNIST lesson's Train tab (null for other lessons).
struct TrainingView {
  const TrainingSnapshot& job;
  TrainPanelState& settings;
};
// Try it: the lesson's exercises and marks (null: the Show / Try it switch is not offered).
struct PracticeView {
  const Practice& practice;
  const std::string& message;  // about the progress file (set aside, not saved), shown above the steps
  bool kept = true;            // false for numbers the student edited: their marks are not kept between runs
  bool worksheets = false;     // offer Worksheet… (the lesson has [variants])
};
void draw_lesson_view(const LessonSession& session, std::vector<Editable> editables, const Fonts& fonts,
                      LessonViewState& ui, UiActions& actions, const TrainingView* training = nullptr,
                      PlaygroundPanelState* playground = nullptr, const PracticeView* practice = nullptr);

// The current step alone: its title, equations (formula → numbers → result), note and values —
// what presentation mode shows beside the plots.
void draw_step_math(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui);

// Shown instead of the lesson view when the selected file does not load.
void draw_lesson_error(const std::string& title, const std::string& error, UiActions& actions);

}  // namespace neurostep
