// ui_actions.h — what the user asked for during one frame. Panels fill it in; the app applies it
// to the session after the frame, so panels never change lesson state themselves.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "figure/figure_painter.h"
#include "gui/theme.h"
#include "lessons/framework/session.h"
#include "lessons/playground/playground.h"

namespace neurostep {

enum class StepCommand { None, Step, Back, Reset, RunToEnd, GoTo };
enum class TrainCommand {
  None,
  Start,
  CompareOptimizers,
  CompareDropout,
  CompareActivations,
  CompareModels,
  Load,
  Pause,
  Resume,
  Cancel,
  Save
};

// Files the student is asked for through the platform's file picker (the browser's; the native
// window has none and takes typed paths): a lesson file to open, points to import into the
// playground, a saved model to load, or IDX files to train on.
enum class FileRequest { LessonFile, Points, Model, TrainingData };

// The Worksheet… popup's request: `neurostep worksheet` for the open lesson.
struct WorksheetRequest {
  int count = 3;                                // variants, one sheet and one key each
  int seed = 1001;                              // the first variant's number
  std::string folder = "neurostep-worksheets";  // where they go (created if missing)
  int precision = 4;                            // decimals of the answers
};

// What an export button asks for (the app writes it into the export folder).
enum class ExportKind {
  All,                // every plot of the lesson and its history table (Export all)
  History,            // the history table (Export table)
  Figure,             // one plot on screen, by its title (a plot's Save)
  PlaygroundPoints,   // the playground's points as CSV
  PlaygroundWeights,  // the playground's network as JSON and CSV
  Diagram,            // the architecture diagram of the Train tab's model or the playground's network
};
struct ExportRequest {
  ExportKind kind = ExportKind::All;
  std::string figure;  // with ExportKind::Figure: the plot's title
  bool operator==(const ExportRequest&) const = default;
};

// Moving through the lessons and their steps: another lesson, a step, the file read again, other numbers.
struct NavigationActions {
  std::optional<int> select_lesson;  // index into the catalog
  bool show_lessons = false;         // open the lesson list's drawer (≡ Lessons, a narrow window)
  StepCommand step = StepCommand::None;
  int go_to = 0;             // with StepCommand::GoTo
  bool reload = false;       // re-read the lesson file from disk
  bool new_numbers = false;  // draw another variant of the lesson ("numbers #N")
};

// The lesson's own numbers changed in place.
struct NumberActions {
  std::optional<NumberEdit> edit;   // a number of the Numbers tab changed (LessonSession::edit)
  std::optional<int> figure_click;  // the id of a clicked plot point (see Series::ids)
};

// Try it (practice.h): an answer typed to an exercise (its index) and Enter pressed, the next hint
// of a step, and Start over (the lesson's marks for these numbers cleared).
struct PracticeActions {
  std::optional<std::pair<int, std::string>> answer;
  std::optional<int> hint_step;
  bool start_over = false;
};

// The Train tab of a lesson with models, and its drawing canvas.
struct TrainingActions {
  TrainCommand command = TrainCommand::None;
  std::optional<int> model_chosen;  // the Train tab's model was changed to this one
  bool use_drawing = false;         // give the student's drawing to the lesson as its input
  bool drawing_changed = false;     // the MNIST drawing canvas changed: classify it again
  bool explore_changed = false;     // the image, layer or noise to look inside the model at changed
  std::optional<bool> fetch_data;   // start (true) or cancel (false) TrainPanelState::download
};

// The Playground tab.
struct PlaygroundActions {
  std::vector<PlaygroundCommand> commands;  // carried out in order
  std::optional<std::string> import_path;   // a CSV file of points to import (the path typed)
};

// Files written or asked for.
struct FileActions {
  std::optional<ExportRequest> export_what;   // a plot, the table, everything, the playground's files or a diagram
  std::optional<FileRequest> choose;          // open the platform's file picker for this
  std::optional<WorksheetRequest> worksheet;  // write worksheets and keys (the Worksheet… popup)
  std::optional<std::string> slides;          // write the lesson's slides into this folder (Slides…)
};

// How the window looks (the View menu and its keys); applied to DisplayState.
struct DisplayActions {
  std::optional<int> scale_percent;  // the text size asked for, clamped to kScaleMin…kScaleMax
  std::optional<Theme> theme;
  std::optional<bool> presenting;
};

struct UiActions {
  NavigationActions navigate;
  NumberActions numbers;
  PracticeActions practice;
  TrainingActions training;
  PlaygroundActions playground;
  FileActions files;
  DisplayActions display;
};

// How the window looks. The text size and theme are remembered between runs (settings.toml);
// presentation mode is not. The platform rebuilds the fonts and style when these change
// (update_appearance in app_ui.h), between frames.
struct DisplayState {
  int scale_percent = kScaleDefault;  // times the monitor's content scale
  Theme theme = Theme::Dark;
  bool presenting = false;  // the step's math and plots fill the window, text × kPresentationScale
};

// UI-only state of the Playground tab.
struct PlaygroundPanelState {
  int add_class = 0;                       // the class a click in the plane adds
  float add_value = 0;                     // the z a click adds (regression)
  int dragging = -1;                       // the point being dragged
  std::string formula;                     // the formula being typed (curve, surface)
  const Playground* formula_of = nullptr;  // the playground `formula` was taken from
  std::string message;                     // what the last command said (an error, or what happened)
  bool message_is_error = false;
  std::string import_path = "points.csv";
  bool file_picker = false;  // the platform chooses files (the browser): Import CSV… opens it instead of a typed path
  int patience = 20;         // the stopping rule's epochs, when on
  struct WeightEdit {
    int layer = 0, out = 0, in = 0;
    double value = 0;
  };
  std::optional<WeightEdit> editing;  // the weight whose new value is being typed
  bool select_tab = false;            // bring the Playground tab to the front once
  PlotArea plane;                     // where the plane was drawn in the last frame
};

// UI-only state of the lesson view (not lesson state): survives between frames.
struct LessonViewState {
  int precision = 4;     // decimals shown: 3, 4 or 6
  bool playing = false;  // auto-step
  float steps_per_second = 2;
  double play_clock = 0;  // seconds since the last auto-step
  int scrolled_to = -1;   // the step the list last scrolled to
  std::string jump;       // what the student typed into "go to step" (a number or words of a title)
  // Try it: the exercises of a step are asked for instead of shown (Show: everything is shown).
  bool try_it = false;
  std::vector<std::string> typed;  // what is typed into each exercise's field, by exercise index
  int entered = -1;  // the exercise whose answer was entered last frame: focus it again if wrong, else the next
  WorksheetRequest worksheet;  // what the Worksheet… popup was last given
  // The lesson's summary: open on a lesson's first visit, folded to its title line afterwards;
  // what the student chose for a lesson is kept (`summaries`, lesson id → open, in settings.toml).
  bool summary_open = true;
  bool lessons_folded = false;  // the lesson list is a drawer (a narrow window): the title line offers ≡ Lessons
  std::map<std::string, bool> summaries;
  // Where the current step's math ended when last drawn — through its results and, in Try it, its
  // fields and feedback — and whether that was inside its panel without scrolling (the layout test
  // reads it; a step longer than its panel says so with "more below").
  bool step_fits = true;
  int widened_step = -1;  // the step last shown, and how far its math was widened to fit (0 half the width,
  int widened = 0;        // 1 two thirds, 2 the whole width with the plots under it, 3 its equations in two columns)
};

}  // namespace neurostep
