// ui_actions.h — what the user asked for during one frame. Panels fill it in; the app applies it
// to the session after the frame, so panels never change lesson state themselves.
#pragma once

#include <optional>
#include <string>

namespace neurostep {

enum class StepCommand { None, Step, Back, Reset, RunToEnd, GoTo };
enum class TrainCommand { None, Start, CompareOptimizers, CompareDropout, Load, Pause, Resume, Cancel, Save };

struct UiActions {
  std::optional<int> select_lesson;  // index into the catalog
  StepCommand step = StepCommand::None;
  int go_to = 0;                     // with StepCommand::GoTo
  bool edited = false;               // a number of the lesson changed: recompute
  bool reload = false;               // re-read the lesson file from disk
  std::optional<std::string> export_what;  // the hook for plot/table export ("history", a plot's title)
  std::optional<int> figure_click;         // the id of a clicked plot point (see Series::ids)
  TrainCommand train = TrainCommand::None; // the Train tab of a lesson with models
  std::optional<int> model_chosen;         // the Train tab's model was changed to this one
  bool use_drawing = false;                // give the student's drawing to the lesson as its input
  bool drawing_changed = false;            // the MNIST drawing canvas changed: classify it again
  bool explore_changed = false;            // the image, layer or noise to look inside the model at changed
};

// UI-only state of the lesson view (not lesson state): survives between frames.
struct LessonViewState {
  int precision = 4;        // decimals shown: 3, 4 or 6
  bool playing = false;     // auto-step
  float steps_per_second = 2;
  double play_clock = 0;    // seconds since the last auto-step
  int scrolled_to = -1;     // the step the list last scrolled to
};

}  // namespace neurostep
