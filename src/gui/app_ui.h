// app_ui.h — the whole window: the lesson list on the left, the open lesson on the right, and the
// keyboard (↑/↓ choose a lesson, Space or → step, ← step back, R reset, Ctrl+= / Ctrl+− / Ctrl+0
// text size, Ctrl+T theme, F5 presentation mode, Esc leaves it). Owns what the window shows;
// draw_app() runs one frame of panels and then applies the user's actions; update_appearance()
// rebuilds fonts and style between frames when the text size or theme changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/theme.h"
#include "gui/train_panel.h"
#include "gui/ui_actions.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/session.h"

namespace neurostep {

// A key press the app acts on. The platform queues every press as it happens (the window's key
// callback), so a tap shorter than a frame still counts, and two taps in one frame count twice.
enum class AppKey {
  PreviousLesson,
  NextLesson,
  Step,
  Back,
  Reset,
  Larger,
  Smaller,
  ActualSize,   // the text size: Ctrl+= (or Ctrl++), Ctrl+−, Ctrl+0
  ToggleTheme,  // Ctrl+T: dark ↔ light
  TogglePresentation,
  LeavePresentation,  // F5, Esc
};

// What the platform does with files beyond writing them (src/app fills it in): natively nothing
// (files stay where they were written, and paths are typed); the browser hands written files to
// the student as downloads and has a file picker.
struct PlatformFiles {
  std::function<void(const std::vector<std::filesystem::path>&)> deliver;  // null: the files stay where they are
  // Opens the picker for `request`; what the student chooses arrives in a later frame, copied into
  // `folder`, through files_chosen(). Null: no picker.
  std::function<void(FileRequest request, const std::filesystem::path& folder)> choose;
  // Starts (true) or cancels (false) fetching the full MNIST the Train tab offers as a download
  // (TrainPanelState::download, which the platform keeps up to date). Null: nothing to fetch.
  std::function<void(bool start)> fetch_data;
};

// What the program around the window provides (src/app fills it in): the platform's files, the
// writers of worksheets and slides, and where exports go.
struct AppPlatform {
  PlatformFiles files;
  // Writes worksheets for the lesson with this id and says where, for the status line; set by the
  // app (`neurostep worksheet`'s code lives there), null in the GUI tests that do not need it.
  std::function<std::string(const std::string& lesson, const WorksheetRequest&)> write_worksheets;
  // Writes the slides of the lesson with this id, at a variant's numbers (0: the file's), into a
  // folder and says where; set by the app (`neurostep slides`), null in the GUI tests.
  std::function<std::string(const std::string& lesson, std::uint64_t variant, const std::string& folder)> write_slides;
  std::filesystem::path export_dir = "neurostep-exports";  // where Save writes
};

// The lessons: the folder's files and those opened from elsewhere, the catalog read from them, and
// the open lesson (or why it did not load). poll_lesson_files looks at the files about once a second.
struct LessonsState {
  std::filesystem::path folder;
  std::vector<std::filesystem::path>
      opened;  // lesson files opened from elsewhere (Open lesson file…), listed after the folder's
  std::vector<std::filesystem::path>
      unread;  // lesson files still to be read into the catalog, one per frame (read_catalog_later)
  std::vector<CatalogEntry> catalog;
  int selected = -1;
  std::unique_ptr<LessonSession> session;        // the open lesson, null if none or if it failed to load
  std::string load_error;                        // why the selected lesson did not load
  double last_poll = 0;                          // when the lesson files were last looked at
  std::string files_seen;                        // names and modification times of the lesson files
  std::filesystem::file_time_type opened_mtime;  // of the open lesson's file when it was loaded
};

// Try it: the open lesson's exercises and marks, kept in progress_dir (empty: not kept, as in the
// tests and a screenshot run) per lesson and numbers; `message` says what went wrong with the file
// (set aside, not written).
struct PracticeState {
  Practice sheet;
  bool stale = true;                     // rebuild it (another lesson, file or numbers)
  std::optional<std::uint64_t> numbers;  // the variant `sheet` was built for
  bool edited = false;                   // whether it was built for edited numbers
  std::uint64_t revision = 0;            // the session's trace the exercises were found in
  std::filesystem::path progress_dir;
  std::string message;
};

// The MNIST lesson's training, on its own thread or in slices of each frame, and its Train tab.
struct TrainingState {
  TrainingJob job;
  TrainPanelState panel;
};

// The playground lesson's tab.
struct PlaygroundState {
  PlaygroundPanelState panel;
  double traced = 0;  // when the playground's trace was last recomputed while it trained
};

// What the window's look was last built at (update_appearance): the fonts, and the pixel scale and
// theme of the fonts and style.
struct Appearance {
  Fonts fonts;
  float built_scale = 0;  // 0: not yet
  Theme built_theme = Theme::Dark;
  std::string fonts_loaded;  // what load_fonts said the last time
};

struct AppState {
  LessonsState lessons;
  LessonViewState view;
  PracticeState practice;
  TrainingState training;
  PlaygroundState playground;
  DisplayState display;  // text size, theme, presentation mode
  Appearance appearance;
  AppPlatform platform;
  std::string status;        // the last export's result (or why New numbers drew none), shown in the sidebar
  double clock = 0;          // seconds since start (frame times added up)
  std::vector<AppKey> keys;  // pressed since the last frame, in order; draw_app acts on them and clears it
};

// The pixel scale the window's text is drawn at: the monitor's content scale × the student's text
// size × kPresentationScale while presenting.
float pixel_scale(const DisplayState& display, float content_scale);

// Call between frames (before NewFrame): if the text size, the presentation mode, the monitor's
// content scale or the theme changed since the last call, rebuilds the font atlas at the new pixel
// size (crisp, not a zoom of the old one) and the style. Returns true if the font atlas was rebuilt:
// the renderer must then upload its texture again.
bool update_appearance(AppState& app, float content_scale);

// Looks at the lesson files about once a second: a new, removed or changed file updates the list,
// and a change to the open lesson's file reloads it, keeping the current step when it still exists.
void poll_lesson_files(AppState& app);

// Scans the lessons folder (keeping the selected file selected).
void refresh_catalog(AppState& app);
// The same spread over frames, for a slow start (the browser, where reading every lesson file
// before the first frame takes a second): the lesson with id `first` (its file is ID.toml) is
// read and opened now, the other files one per frame from draw_app; the first lesson of the list
// opens once all are read if `first` was not there.
void read_catalog_later(AppState& app, const std::string& first);
// Opens catalog entry `index`; a file that fails to load leaves its error in load_error.
void open_lesson(AppState& app, int index);
bool open_lesson_by_id(AppState& app, const std::string& id);

// The files the student chose for `request` (PlatformFiles::choose): a lesson file joins the list
// and opens (or shows why it does not load), points are imported, a model is loaded, IDX files
// become the data to train on.
void files_chosen(AppState& app, FileRequest request, const std::vector<std::filesystem::path>& files);

// One frame: panels, keyboard and auto-play; `dt` is the frame time in seconds.
void draw_app(AppState& app, double dt);
// Applies what the user asked for (exposed for tests).
void apply_actions(AppState& app, const UiActions& actions);

}  // namespace neurostep
