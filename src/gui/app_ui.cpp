#include "gui/app_ui.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/io/atomic_file.h"
#include "core/digit_preprocess.h"
#include "core/io/point_csv.h"
#include "export/diagram_files.h"
#include "export/figure_renderer.h"
#include "export/lesson_export.h"
#include "gui/lesson_view.h"
#include "gui/presentation_view.h"
#include "gui/sidebar.h"
#include "gui/wrapped_text.h"
#include "lessons/framework/lesson.h"
#include "lessons/playground/playground.h"
#include "export/lesson_diagram.h"
#include "lessons/training/model_diagram.h"
#include "lessons/training/training_figures.h"
#include "lessons/framework/capabilities.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/trainable.h"

namespace neurostep {

namespace {
constexpr double kPlaygroundSlice =
    0.005;  // at most this many seconds of playground training per frame (a 60 Hz frame is 16.7 ms)
constexpr double kTrainingSlice = 0.008;  // MNIST training per frame when it has no thread (JobDriver::Slices)
}  // namespace

void refresh_catalog(AppState& app) {
  const std::filesystem::path selected =
      app.lessons.selected >= 0 && app.lessons.selected < static_cast<int>(app.lessons.catalog.size())
          ? app.lessons.catalog[app.lessons.selected].path
          : "";
  app.lessons.catalog = scan_lessons(app.lessons.folder);
  for (const std::filesystem::path& file : app.lessons.opened)
    if (const auto entry = find_lesson({}, file.string())) app.lessons.catalog.push_back(*entry);
  app.lessons.selected = -1;
  for (int i = 0; i < static_cast<int>(app.lessons.catalog.size()); ++i)
    if (app.lessons.catalog[i].path == selected) app.lessons.selected = i;
}

namespace {

// Reads one more file of LessonsState::unread into the catalog, in lesson order, keeping the selected
// entry selected; once all are read, opens the first lesson if none is open.
void read_one_catalog_file(AppState& app) {
  const std::filesystem::path file = app.lessons.unread.front();
  app.lessons.unread.erase(app.lessons.unread.begin());
  if (auto entry = find_lesson({}, file.string())) {
    const auto at = std::upper_bound(app.lessons.catalog.begin(), app.lessons.catalog.end(), *entry, lesson_order);
    if (app.lessons.selected >= at - app.lessons.catalog.begin()) ++app.lessons.selected;
    app.lessons.catalog.insert(at, std::move(*entry));
  }
  if (app.lessons.unread.empty() && app.lessons.selected < 0 && !app.lessons.catalog.empty()) open_lesson(app, 0);
}

}  // namespace

void read_catalog_later(AppState& app, const std::string& first) {
  app.lessons.catalog.clear();
  app.lessons.selected = -1;
  app.lessons.unread = lesson_files(app.lessons.folder);
  const auto named =
      std::find(app.lessons.unread.begin(), app.lessons.unread.end(), app.lessons.folder / (first + ".toml"));
  if (named == app.lessons.unread.end()) return;
  std::rotate(app.lessons.unread.begin(), named, named + 1);
  read_one_catalog_file(app);
  if (!app.lessons.catalog.empty() && app.lessons.catalog.front().id == first) open_lesson(app, 0);
}

namespace {
// "name:mtime;…" for every lesson file: any change to the folder changes this text.
std::string folder_signature(const std::filesystem::path& dir) {
  std::string signature;
  std::error_code ec;
  for (const auto& file : lesson_files(dir)) {
    const auto written = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::filesystem::last_write_time(file, ec).time_since_epoch());
    signature += file.filename().string() + ":" + std::to_string(written.count()) + ";";
  }
  return signature;
}
}  // namespace

void poll_lesson_files(AppState& app) {
  if (app.clock - app.lessons.last_poll < 1.0 && !app.lessons.files_seen.empty()) return;
  app.lessons.last_poll = app.clock;
  const std::string now = folder_signature(app.lessons.folder);
  if (now == app.lessons.files_seen) return;
  const bool first = app.lessons.files_seen.empty();
  app.lessons.files_seen = now;
  if (first) return;
  const int step = app.lessons.session ? app.lessons.session->current() : 0;
  refresh_catalog(app);
  if (app.lessons.selected < 0) {  // the open lesson's file is gone
    app.lessons.session.reset();
    app.lessons.load_error.clear();
    return;
  }
  std::error_code ec;
  if (std::filesystem::last_write_time(app.lessons.catalog[app.lessons.selected].path, ec) !=
      app.lessons.opened_mtime) {
    open_lesson(app, app.lessons.selected);
    if (app.lessons.session) app.lessons.session->go_to(step);
  }
}

void open_lesson(AppState& app, int index) {
  if (index < 0 || index >= static_cast<int>(app.lessons.catalog.size())) return;
  if (index != app.lessons.selected) {
    app.training.panel.model.reset();  // another lesson's models
    // The summary: open on the lesson's first visit, then as the student last left it (folded by default).
    const auto [remembered, first_visit] = app.view.summaries.try_emplace(app.lessons.catalog[index].id, false);
    app.view.summary_open = first_visit || remembered->second;
  }
  app.lessons.selected = index;
  app.lessons.session.reset();
  app.lessons.load_error.clear();
  app.playground.panel.message.clear();
  app.view.scrolled_to = -1;
  app.practice.stale = true;
  std::error_code ec;
  app.lessons.opened_mtime = std::filesystem::last_write_time(app.lessons.catalog[index].path, ec);
  try {
    app.lessons.session = std::make_unique<LessonSession>(load_lesson(app.lessons.catalog[index].path));
  } catch (const std::exception& e) {
    app.lessons.load_error = e.what();
    // The lesson view has room for every mistake of the file, one a line, as `neurostep check` prints them.
    if (const std::vector<std::string> all = lesson_errors(app.lessons.catalog[index].path); all.size() > 1) {
      app.lessons.load_error.clear();
      for (const std::string& line : all) app.lessons.load_error += (app.lessons.load_error.empty() ? "" : "\n") + line;
    }
  }
}

bool open_lesson_by_id(AppState& app, const std::string& id) {
  for (int i = 0; i < static_cast<int>(app.lessons.catalog.size()); ++i)
    if (app.lessons.catalog[i].id == id) {
      open_lesson(app, i);
      return true;
    }
  return false;
}

namespace {

// The playground's weights (JSON and CSV) or its points (CSV), written whole or not at all.
std::vector<std::filesystem::path> export_playground(const AppState& app, const Playground& pg, ExportKind what) {
  std::filesystem::create_directories(app.platform.export_dir);
  const std::string prefix = app.lessons.session->lesson().info().id;
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  if (what == ExportKind::PlaygroundWeights)
    files = {{app.platform.export_dir / (prefix + "-weights.json"), pg.weights_json()},
             {app.platform.export_dir / (prefix + "-weights.csv"), pg.weights_csv()}};
  else
    files = {{app.platform.export_dir / (prefix + "-points.csv"), write_points_csv(pg.points())}};
  std::vector<std::filesystem::path> written;
  for (const auto& [path, text] : files) {
    write_file_atomically(path, text);
    written.push_back(path);
  }
  return written;
}

// Hands written files to the student (the browser downloads them) and says where they are.
void deliver(AppState& app, const std::vector<std::filesystem::path>& written) {
  const std::string files = fmt::format("{} file{}", written.size(), written.size() == 1 ? "" : "s");
  if (app.platform.files.deliver) {
    app.platform.files.deliver(written);
    app.status = fmt::format("Downloaded {}", written.size() == 1 ? written.front().filename().string() : files);
  } else {
    app.status = fmt::format("Saved {} in {}", files, std::filesystem::absolute(app.platform.export_dir).string());
  }
}

// The figure formats this program writes: all five (PNG, SVG, PDF, CSV, TikZ), or without PDF where there is no
// renderer for it (the browser).
LessonExportFormats export_formats() {
  LessonExportFormats formats = kAllLessonExportFormats;
  if (!pdf_supported()) std::erase(formats.figures, ExportFormat::Pdf);
  return formats;
}

// The architecture diagram of the Train tab's model, or of the lesson's own network (the
// playground's as it is now), as SVG, PDF (where this program writes PDF), TikZ and PNG.
std::vector<std::filesystem::path> export_diagram(const AppState& app, const Lesson& lesson) {
  std::optional<NetworkDiagram> diagram;
  std::string name = lesson.info().id;
  if (const MnistModels* models = trainable_models(lesson); models && app.training.panel.model) {
    const MnistModel& m = models->models.at(static_cast<std::size_t>(*app.training.panel.model));
    diagram = preset_diagram(m);
    name = m.spec.name;
  } else {
    diagram = lesson_diagram(lesson);
  }
  if (!diagram) throw std::runtime_error("this lesson has no network to draw");
  std::vector<DiagramFormat> formats = {DiagramFormat::Svg, DiagramFormat::Tikz, DiagramFormat::Png};
  if (pdf_supported()) formats.insert(formats.begin() + 1, DiagramFormat::Pdf);
  return write_diagram_files(*diagram, app.platform.export_dir, name, formats);
}

// Writes what was asked for into the export folder — one plot (PNG, SVG, PDF, CSV and TikZ), every
// plot and the history table, the table alone, the playground's files, a diagram — and says where in
// the status line.
void export_files(AppState& app, const ExportRequest& what) {
  const LessonSession& session = *app.lessons.session;
  const LessonExportFormats formats = export_formats();
  try {
    std::vector<std::filesystem::path> written;
    const bool playground_file =
        what.kind == ExportKind::PlaygroundPoints || what.kind == ExportKind::PlaygroundWeights;
    if (playground_file && playground_of(session.lesson())) {
      written = export_playground(app, *playground_of(session.lesson()), what.kind);
    } else if (what.kind == ExportKind::Diagram) {
      written = export_diagram(app, session.lesson());
    } else if (what.kind == ExportKind::All) {
      written = export_lesson(session, app.platform.export_dir, formats);
    } else if (what.kind == ExportKind::History) {
      written = export_history(session, app.platform.export_dir, app.view.precision);
    } else if (what.kind == ExportKind::Figure) {
      // Any plot on screen: the lesson's, and the MNIST lesson's training curves and views inside the model.
      std::vector<Figure> shown = session.figures();
      const TrainingSnapshot job = app.training.job.snapshot();
      for (auto* figures : {training_figures, comparison_figures, comparison_confusion_figures, batchnorm_figures})
        for (Figure& f : figures(job)) shown.push_back(std::move(f));
      if (app.training.panel.exploration)
        shown.insert(shown.end(), app.training.panel.exploration->figures.begin(),
                     app.training.panel.exploration->figures.end());
      for (const Figure& f : shown)
        if (f.title == what.figure)
          written = export_figure_files(f, app.platform.export_dir, figure_file_prefix(session), formats.figures);
    }
    deliver(app, written);
  } catch (const std::exception& e) {
    app.status = std::string("Export failed: ") + e.what();
  }
}

// The Playground tab's commands, in order; the last one's complaint (or none) stays on the tab.
void apply_playground(AppState& app, Playground& pg, const UiActions& actions) {
  std::vector<PlaygroundCommand> commands = actions.playground.commands;
  PlaygroundPanelState& ui = app.playground.panel;
  if (actions.playground.import_path) {
    const std::filesystem::path path = *actions.playground.import_path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ui.message = fmt::format("Cannot open {}: nothing was imported.", path.string());
      ui.message_is_error = true;
    } else {
      std::stringstream text;
      text << in.rdbuf();
      commands.push_back(
          {.kind = PlaygroundCommand::Kind::ImportCsv, .text = text.str(), .name = path.filename().string()});
    }
  }
  if (commands.empty()) return;
  for (const PlaygroundCommand& c : commands) {
    const std::string error = pg.apply(c);
    if (!error.empty()) {
      ui.message = error + (c.kind == PlaygroundCommand::Kind::ImportCsv ? " Nothing was imported." : "");
      ui.message_is_error = true;
    } else if (c.kind == PlaygroundCommand::Kind::ImportCsv) {
      ui.message = fmt::format("Imported {} points from {}.", pg.points().points.size(), c.name);
      ui.message_is_error = false;
    } else if (c.kind != PlaygroundCommand::Kind::SelectPoint && c.kind != PlaygroundCommand::Kind::MovePoint) {
      ui.message.clear();
    }
  }
  app.lessons.session->recompute();
}

ExploreRequest explore_request(const TrainPanelState& s) {
  ExploreRequest r{.image = s.image, .layer = s.layer, .noise = s.noise};
  if (s.use_drawing && s.seen.size() == 784) r.drawing = s.seen;
  return r;
}

Comparison comparison_of(TrainCommand command) {
  switch (command) {
    case TrainCommand::CompareOptimizers: return Comparison::Optimizers;
    case TrainCommand::CompareDropout: return Comparison::Dropout;
    case TrainCommand::CompareActivations: return Comparison::Activations;
    case TrainCommand::CompareModels: return Comparison::Models;
    default: return Comparison::None;
  }
}

void apply_train_command(AppState& app, TrainCommand command) {
  const MnistModels* models = trainable_models(app.lessons.session->lesson());
  const TrainPanelState& s = app.training.panel;
  if (!models || !s.model) return;
  const MnistModel& m = models->models.at(static_cast<std::size_t>(*s.model));
  const std::filesystem::path data_dir = mnist_data_folder(app.lessons.folder, s.data);
  switch (command) {
    case TrainCommand::Start:
    case TrainCommand::CompareOptimizers:
    case TrainCommand::CompareDropout:
    case TrainCommand::CompareActivations:
    case TrainCommand::CompareModels: {
      TrainOptions o = m.train;
      o.epochs = s.epochs;
      o.batch = s.batch;
      o.optimizer.kind = s.optimizer;
      o.optimizer.learning_rate = s.learning_rate;
      o.seed = static_cast<std::uint64_t>(s.seed);
      o.rotate_degrees = s.augment ? 10 : 0;
      o.train_limit = s.train_images;
      const MnistModel* versus = command == TrainCommand::CompareModels ? find_model(*models, m.versus) : nullptr;
      if (command == TrainCommand::CompareModels && !versus)
        break;  // the panel offers it only with a model to compare with
      app.training.job.start(m.spec, data_dir, o, comparison_of(command),
                             versus ? std::optional(versus->spec) : std::nullopt);
      break;
    }
    case TrainCommand::Load: {
      const std::filesystem::path file =
          s.load_path.empty() ? app.platform.export_dir / (m.spec.name + ".ckpt") : std::filesystem::path(s.load_path);
      app.training.job.load(*models, file, data_dir);
      break;
    }
    case TrainCommand::Pause: app.training.job.pause(); break;
    case TrainCommand::Resume: app.training.job.resume(); break;
    case TrainCommand::Cancel: app.training.job.cancel(); break;
    case TrainCommand::Save:
      try {
        std::filesystem::create_directories(app.platform.export_dir);
        const auto path =
            app.platform.export_dir / (app.training.job.snapshot().model + ".ckpt");  // the model trained or loaded
        app.training.job.save(path);
        if (app.platform.files.deliver)
          deliver(app, {path});
        else
          app.status = "Saved the model to " + std::filesystem::absolute(path).string();
      } catch (const std::exception& e) {
        app.status = std::string("Saving failed: ") + e.what();
      }
      break;
    case TrainCommand::None: break;
  }
}

}  // namespace

namespace {

// Whether the marks of these numbers are kept: the lesson's own or a variant's, not numbers the
// student edited (they have no name to keep them under).
bool keeps_progress(const AppState& app) {
  return !app.practice.progress_dir.empty() && app.lessons.session && !app.lessons.session->edited();
}

void save_practice(AppState& app) {
  if (!keeps_progress(app)) return;
  try {
    save_progress(
        progress_file(app.practice.progress_dir, app.practice.sheet.lesson_id(), app.practice.sheet.numbers()),
        app.practice.sheet);
  } catch (const std::exception& e) {
    app.practice.message = std::string("Your progress could not be saved: ") + e.what();
  }
}

// The exercises follow the trace; another lesson, file or set of numbers starts its own marks
// (read from its progress file).
void sync_exercises(AppState& app) {
  const LessonSession& s = *app.lessons.session;
  const bool fresh = app.practice.stale || app.practice.numbers != s.variant() || app.practice.edited != s.edited();
  if (!fresh && app.practice.revision == s.trace_revision()) return;  // the same trace: the same exercises
  app.practice.revision = s.trace_revision();
  std::vector<Exercise> exercises = exercises_for(s.lesson().exercise_rules(), s.trace());
  if (fresh) {
    app.practice.sheet = Practice(s.lesson().info().id, s.variant().value_or(0), std::move(exercises));
    app.practice.stale = false;
    app.practice.numbers = s.variant();
    app.practice.edited = s.edited();
    app.practice.message.clear();
    app.view.typed.clear();
    app.view.entered = -1;
    if (keeps_progress(app))
      app.practice.message = load_progress(
          progress_file(app.practice.progress_dir, app.practice.sheet.lesson_id(), app.practice.sheet.numbers()),
          app.practice.sheet);
  } else {
    app.practice.sheet.set_exercises(std::move(exercises));
  }
  app.view.typed.resize(app.practice.sheet.exercises().size());
}

// The exercises, then what Try it withholds from every view at the current step (withheld.h).
void sync_practice(AppState& app) {
  if (!app.lessons.session) return;
  sync_exercises(app);
  LessonSession& s = *app.lessons.session;
  s.withhold(withheld_for(s.trace(), app.practice.sheet, s.current(), app.view.try_it));
}

void apply_practice(AppState& app, const UiActions& actions) {
  if (actions.practice.start_over) {
    app.practice.sheet.start_over();
    app.view.typed.assign(app.practice.sheet.exercises().size(), "");
    save_practice(app);
  }
  if (actions.practice.hint_step) {
    app.practice.sheet.more_hint(*actions.practice.hint_step);
    save_practice(app);
  }
  if (actions.practice.answer && actions.practice.answer->first >= 0 &&
      actions.practice.answer->first < static_cast<int>(app.practice.sheet.exercises().size())) {
    const auto value = parse_answer(actions.practice.answer->second);
    app.practice.sheet.answer(actions.practice.answer->first, value.value_or(std::nan("")), app.view.precision,
                              app.lessons.session->trace());
    save_practice(app);
  }
}

}  // namespace

float pixel_scale(const DisplayState& display, float content_scale) {
  return content_scale * static_cast<float>(display.scale_percent) / 100.0f *
         (display.presenting ? kPresentationScale : 1.0f);
}

bool update_appearance(AppState& app, float content_scale) {
  const float scale = pixel_scale(app.display, content_scale);
  const bool rebuild_fonts = scale != app.appearance.built_scale;
  if (rebuild_fonts) {
    app.appearance.fonts_loaded = load_fonts(app.appearance.fonts, scale);
    ImGui::GetIO().Fonts->Build();  // on the CPU here; the renderer uploads it
  }
  if (rebuild_fonts || app.display.theme != app.appearance.built_theme) apply_theme(scale, app.display.theme);
  app.appearance.built_scale = scale;
  app.appearance.built_theme = app.display.theme;
  return rebuild_fonts;
}

namespace {

// Where chosen files are put: IDX files in the folder of the "your IDX files" data, anything else
// in the working folder, so that an error names the file as the student knows it ("my.toml:3:7: …").
std::filesystem::path chosen_folder(FileRequest request, const std::filesystem::path& lessons_dir) {
  return request == FileRequest::TrainingData ? mnist_data_folder(lessons_dir, DataSource::Chosen)
                                              : std::filesystem::path(".");
}

void open_chosen_lesson(AppState& app, const std::filesystem::path& file) {
  const std::filesystem::path relative = file.lexically_normal();
  if (std::find(app.lessons.opened.begin(), app.lessons.opened.end(), relative) == app.lessons.opened.end())
    app.lessons.opened.push_back(relative);
  refresh_catalog(app);
  for (int i = 0; i < static_cast<int>(app.lessons.catalog.size()); ++i)
    if (app.lessons.catalog[i].path == relative) open_lesson(app, i);
}

}  // namespace

void files_chosen(AppState& app, FileRequest request, const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return;
  switch (request) {
    case FileRequest::LessonFile: open_chosen_lesson(app, files.front()); break;
    case FileRequest::Points: apply_actions(app, {.playground = {.import_path = files.front().string()}}); break;
    case FileRequest::Model:
      app.training.panel.load_path = files.front().string();
      apply_actions(app, {.training = {.command = TrainCommand::Load}});
      break;
    case FileRequest::TrainingData:
      app.training.panel.data = DataSource::Chosen;
      app.status = fmt::format("Your IDX files ({}) are the data to train on: Start training uses them.", files.size());
      break;
  }
}

namespace {

void apply_display(DisplayState& display, const DisplayActions& actions) {
  if (actions.scale_percent) display.scale_percent = std::clamp(*actions.scale_percent, kScaleMin, kScaleMax);
  if (actions.theme) display.theme = *actions.theme;
  if (actions.presenting) display.presenting = *actions.presenting;
}

// Another variant of the lesson: a number of four digits, as a student reads it out to the teacher.
void use_new_numbers(AppState& app) {
  std::uint64_t seed = 1000 + std::random_device{}() % 9000;
  if (seed == app.lessons.session->variant()) seed = seed % 9000 + 1000 + 1;
  try {
    app.lessons.session->use_variant(seed);
  } catch (const VariantError& e) {  // no draw met the file's conditions: the numbers stay, and the sidebar says why
    app.status = e.what();
  }
}

// Worksheets, slides and exports of the open lesson; what happened goes to the status line.
void write_files(AppState& app, const FileActions& actions) {
  const LessonSession& session = *app.lessons.session;
  if (actions.worksheet)
    app.status = app.platform.write_worksheets
                     ? app.platform.write_worksheets(session.lesson().info().id, *actions.worksheet)
                     : "Worksheets are written by the neurostep program (neurostep worksheet).";
  if (actions.slides)
    app.status = app.platform.write_slides ? app.platform.write_slides(session.lesson().info().id,
                                                                       session.variant().value_or(0), *actions.slides)
                                           : "Slides are written by the neurostep program (neurostep slides).";
  if (actions.export_what) export_files(app, *actions.export_what);
}

// The Train tab's command, and what the model sees of the drawing and inside itself.
void apply_training(AppState& app, const TrainingActions& actions) {
  if (actions.command != TrainCommand::None) apply_train_command(app, actions.command);
  if (actions.drawing_changed) {  // what the model sees of the drawing, and what it says
    TrainPanelState& s = app.training.panel;
    s.seen = mnist_from_drawing(s.canvas, TrainPanelState::kCanvas);
    s.probabilities = app.training.job.classify(s.seen);
    if (s.use_drawing) s.exploration = app.training.job.explore(explore_request(s));
  }
  if (actions.explore_changed)
    app.training.panel.exploration = app.training.job.explore(explore_request(app.training.panel));
}

void apply_step(AppState& app, const NavigationActions& actions) {
  LessonSession& session = *app.lessons.session;
  switch (actions.step) {
    case StepCommand::None: break;
    case StepCommand::Step: session.step(); break;
    case StepCommand::Back: session.back(); break;
    case StepCommand::Reset: session.reset(); break;
    case StepCommand::RunToEnd: session.run_to_end(); break;
    case StepCommand::GoTo: session.go_to(actions.go_to); break;
  }
  if (actions.step != StepCommand::None && actions.step != StepCommand::Step) app.view.playing = false;
}

// A lesson with one step per model (the MNIST lesson) keeps the step shown and the model the
// Train tab offers together (unless a job is running on another).
void keep_model_at_step(AppState& app, const TrainingActions& actions) {
  LessonSession& session = *app.lessons.session;
  if (!one_step_per_model(session.lesson())) return;
  if (actions.model_chosen) session.go_to(*actions.model_chosen);
  const MnistModels* models = trainable_models(session.lesson());
  const int current = session.current();
  if (models && current < static_cast<int>(models->models.size()) && app.training.panel.model != current &&
      !app.training.job.running())
    select_model(app.training.panel, *models, current);
}

}  // namespace

void apply_actions(AppState& app, const UiActions& actions) {
  apply_display(app.display, actions.display);
  if (actions.navigate.select_lesson && *actions.navigate.select_lesson != app.lessons.selected)
    open_lesson(app, *actions.navigate.select_lesson);
  if (actions.navigate.reload) {
    refresh_catalog(app);
    open_lesson(app, app.lessons.selected);
  }
  if (actions.files.choose && app.platform.files.choose)
    app.platform.files.choose(*actions.files.choose, chosen_folder(*actions.files.choose, app.lessons.folder));
  if (actions.training.fetch_data && app.platform.files.fetch_data)
    app.platform.files.fetch_data(*actions.training.fetch_data);
  if (!app.lessons.session) return;
  sync_practice(app);
  apply_practice(app, actions);
  LessonSession& session = *app.lessons.session;  // the lesson stays open from here on
  if (actions.numbers.edit)
    session.edit(*actions.numbers.edit);  // before a drawing, which may add a number and move the indices
  ClickableFigures* clickable = session.lesson().offers<ClickableFigures>();
  const bool clicked =
      actions.numbers.figure_click && clickable && clickable->on_figure_click(*actions.numbers.figure_click);
  TakesDrawing* taker = session.lesson().offers<TakesDrawing>();
  const bool drawn = actions.training.use_drawing && taker && taker->use_drawing(app.training.panel.seen);
  if (clicked || drawn) session.recompute();
  if (actions.navigate.new_numbers) use_new_numbers(app);
  if (Playground* pg = playground_of(session.lesson())) apply_playground(app, *pg, actions);
  sync_practice(app);
  write_files(app, actions.files);
  apply_training(app, actions.training);
  apply_step(app, actions.navigate);
  keep_model_at_step(app, actions.training);
}

namespace {

// What one key press asks for.
UiActions key_action(const AppState& app, AppKey key) {
  const int count = static_cast<int>(app.lessons.catalog.size());
  UiActions a;
  switch (key) {
    case AppKey::PreviousLesson:
      if (count > 0) a.navigate.select_lesson = app.lessons.selected <= 0 ? 0 : app.lessons.selected - 1;
      break;
    case AppKey::NextLesson:
      if (count > 0) a.navigate.select_lesson = std::min(count - 1, app.lessons.selected + 1);
      break;
    case AppKey::Step: a.navigate.step = StepCommand::Step; break;
    case AppKey::Back: a.navigate.step = StepCommand::Back; break;
    case AppKey::Reset: a.navigate.step = StepCommand::Reset; break;
    case AppKey::Larger: a.display.scale_percent = scale_up(app.display.scale_percent); break;
    case AppKey::Smaller: a.display.scale_percent = scale_down(app.display.scale_percent); break;
    case AppKey::ActualSize: a.display.scale_percent = kScaleDefault; break;
    case AppKey::ToggleTheme: a.display.theme = app.display.theme == Theme::Dark ? Theme::Light : Theme::Dark; break;
    case AppKey::TogglePresentation: a.display.presenting = !app.display.presenting; break;
    case AppKey::LeavePresentation:
      if (app.display.presenting) a.display.presenting = false;
      break;
  }
  return a;
}

// The lesson list: the sidebar, and what the last export or New numbers said.
void draw_lesson_list(AppState& app, UiActions& actions) {
  draw_sidebar(app.lessons.catalog, app.lessons.selected, app.display, static_cast<bool>(app.platform.files.choose),
               actions);
  if (app.status.empty()) return;
  ImGui::Separator();
  wrapped_text(app.status, {.color = colors::muted});
}

// The lesson list as a drawer over the lesson's left side, opened by ≡ Lessons; choosing a lesson
// closes it.
void draw_lesson_drawer(AppState& app, UiActions& actions) {
  if (actions.navigate.show_lessons) ImGui::OpenPopup("lessons");
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 22, viewport->WorkSize.x), viewport->WorkSize.y));
  if (!ImGui::BeginPopup("lessons")) return;
  draw_lesson_list(app, actions);
  if (actions.navigate.select_lesson) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// The lesson list on the left and the open lesson (or why it did not load) on the right. Narrower
// than kFoldedWidth lines of text (a laptop's 1024 px, a tablet, a phone), the list is a drawer
// and the lesson has the whole width; what the last export said goes under it.
void draw_main_layout(AppState& app, UiActions& actions) {
  constexpr float kFoldedWidth = 70;
  const float font = ImGui::GetFontSize();
  const float width = ImGui::GetContentRegionAvail().x;
  app.view.lessons_folded = width < font * kFoldedWidth;
  if (!app.view.lessons_folded) {
    // Wide enough for the lesson titles on a big screen, 15 lines of text on a small one.
    ImGui::BeginChild("sidebar", ImVec2(std::clamp(width * 0.14f, font * 15, font * 24), 0), true);
    draw_lesson_list(app, actions);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  const bool status_below = app.view.lessons_folded && !app.status.empty();
  ImGui::BeginChild("lesson", ImVec2(0, status_below ? -ImGui::GetFrameHeightWithSpacing() : 0), false);
  if (app.lessons.session) {
    const TrainingSnapshot job = app.training.job.snapshot();
    const TrainingView training{job, app.training.panel};
    sync_practice(app);
    const PracticeView practice{app.practice.sheet, app.practice.message, !app.lessons.session->edited(),
                                !app.lessons.session->lesson().variant_spec().empty()};
    draw_lesson_view(*app.lessons.session, app.lessons.session->lesson().editables(), app.appearance.fonts, app.view,
                     actions, &training, &app.playground.panel, &practice);
  } else if (!app.lessons.load_error.empty()) {
    if (app.view.lessons_folded && ImGui::Button("≡ Lessons")) actions.navigate.show_lessons = true;
    draw_lesson_error(app.lessons.catalog[app.lessons.selected].id, app.lessons.load_error, actions);
  } else {
    if (app.view.lessons_folded && ImGui::Button("≡ Lessons")) actions.navigate.show_lessons = true;
    ImGui::TextWrapped(app.view.lessons_folded ? "Choose a lesson." : "Choose a lesson on the left.");
  }
  ImGui::EndChild();
  if (status_below) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    ImGui::TextUnformatted(app.status.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.status.c_str());
  }
  draw_lesson_drawer(app, actions);
}

// Acts on every key pressed since the last frame, one after the other (none while the student
// types into a field); returns whether any of them stepped.
bool apply_keys(AppState& app) {
  const bool typing = ImGui::GetIO().WantTextInput || ImGui::IsAnyItemActive();
  bool stepped = false;
  for (const AppKey key : app.keys) {
    if (typing) break;
    const UiActions a = key_action(app, key);
    stepped = stepped || a.navigate.step != StepCommand::None;
    apply_actions(app, a);
  }
  app.keys.clear();
  return stepped;
}

}  // namespace

void draw_app(AppState& app, double dt) {
  app.clock += dt;
  if (!app.lessons.unread.empty())
    read_one_catalog_file(app);
  else
    poll_lesson_files(app);
  if (app.lessons.session)
    app.lessons.session->set_decimals(app.view.precision);  // the View menu's 3, 4 or 6: titles and notes too
  // The playground trains in slices between frames: a few milliseconds of mini-batches each.
  if (Playground* pg = app.lessons.session ? playground_of(app.lessons.session->lesson()) : nullptr;
      pg && pg->playing()) {
    // The trace (the next mini-batch's math, the step titles) follows ten times a second.
    const ShownDecimals at(app.view.precision);  // of the message when the stopping rule stops it
    if (pg->advance(dt, kPlaygroundSlice) > 0 && (app.clock - app.playground.traced >= 0.1 || !pg->playing())) {
      app.lessons.session->recompute();
      app.playground.traced = app.clock;
    }
  }
  app.training.job.advance(kTrainingSlice);  // nothing when the job has a thread of its own
  UiActions actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Neurostep", nullptr, flags);
  sync_practice(app);  // what the views show follows the step, the marks and Try it
  if (app.display.presenting && app.lessons.session) {
    draw_presentation(*app.lessons.session, app.appearance.fonts, app.view, app.display, actions);
  } else {
    draw_main_layout(app, actions);
  }
  ImGui::End();

  const bool stepped_by_key = apply_keys(app);
  if (app.lessons.session && app.view.playing && actions.navigate.step == StepCommand::None && !stepped_by_key) {
    app.view.play_clock += dt;
    if (app.view.play_clock >= 1.0 / app.view.steps_per_second) {
      app.view.play_clock = 0;
      actions.navigate.step = StepCommand::Step;
      if (app.lessons.session->at_end()) app.view.playing = false;
    }
  }
  apply_actions(app, actions);
}

}  // namespace neurostep
