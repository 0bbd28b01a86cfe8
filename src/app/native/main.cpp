// main.cpp — the `neurostep` command: the GUI by default, and headless subcommands.
//
//   neurostep [--lesson ID [--step N] [--variant N]] [--train MODEL | --load FILE] [--train-data D] [--train-view V]
//   [--until-trained]
//             [--screenshot out.png [--frames N]]
//             [--size WxH] [--frame-times] [--scale PERCENT] [--theme light|dark] [--present] [--try] [--play]   the
//             window
//   neurostep list                                                            one lesson per line
//   neurostep trace LESSON [--format text|json|csv|md|tex] [--steps N] [--precision P] [--variant N]
//   neurostep worksheet LESSON --out DIR [--variants N] [--seed S] [--steps A..B] [--format tex|pdf]
//   neurostep slides LESSON [--variant N] [--steps A..B] [--out DIR]
//   neurostep export LESSON --out DIR [--format png,svg,pdf,csv,tikz] [--steps N] [--width W] [--scale S]
//                    [--load FILE [--data D]]   (the MNIST lesson: a saved model's evaluation)
//   neurostep check FILE…                                                     validate lesson files
//   neurostep train --model NAME --data sample|mnist|fashion|DIR [--epochs N] [--batch B] [--optimizer O]
//                   [--lr R] [--seed S] [--validation N] [--save FILE]
//   neurostep eval --load FILE --data sample|mnist|fashion|DIR
// LESSON is a lesson id or a path to a lesson file. Errors go to stderr with a non-zero exit code.
// The headless subcommands live in commands.cpp; this file holds the window's options and start.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "app/native/commands.h"
#include "app/native/data_command.h"
#include "app/paths.h"
#include "app/settings.h"
#include "app/startup.h"
#include "app/native/slides_command.h"
#include "app/worksheet_command.h"
#include "app/version.h"
#include "app/native/window.h"
#include "core/kernels.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"
#include "lessons/framework/variant.h"
#include "lessons/training/mnist_models.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/trainable.h"

using namespace neurostep;

namespace {

// What the command line says about the window.
struct WindowArguments {
  std::string lesson, screenshot, size = "1280x800";
  int frames = 3, start_step = 1;
  std::string train_at_start, train_data = "sample", load_at_start, train_view = "curves";
  bool until_trained = false, frame_times = false;
  std::optional<int> scale;          // the text size in percent; none: the remembered one
  std::optional<std::string> theme;  // light or dark; none: the remembered one
  bool present = false;              // start in presentation mode
  bool try_it = false;               // start in Try it (the lesson's exercises asked for)
  std::vector<std::string> answers;  // with --try: typed into the step's open fields, in order, each with Enter
  bool play = false;                 // a playground lesson starts training at once
  std::uint64_t variant = 0;         // open the lesson with these numbers ("numbers #4817"); 0: its own
};

void add_window_options(CLI::App& cli, WindowArguments& w) {
  cli.add_option("--lesson", w.lesson, "Open this lesson (id) at start");
  cli.add_option("--variant", w.variant,
                 "Open --lesson with the numbers of this variant (as `neurostep trace LESSON --variant N` prints them)")
      ->check(CLI::Range(static_cast<std::uint64_t>(1), kMaxVariant));
  cli.add_option("--step", w.start_step, "Show this step (1-based) of the lesson at start")->check(CLI::PositiveNumber);
  cli.add_option("--train", w.train_at_start,
                 "Open the Train tab of --lesson (default: the MNIST lesson) and start training this model");
  cli.add_option("--train-data", w.train_data, "With --train or --load: sample, mnist or fashion")
      ->check(CLI::IsMember({"sample", "mnist", "fashion"}));
  cli.add_option("--load", w.load_at_start,
                 "Open the MNIST lesson with this saved model loaded (evaluated on --train-data)");
  cli.add_option("--train-view", w.train_view,
                 "With --train or --load: the view to show (curves, images, inside; compare trains with four "
                 "optimizers, dropout with "
                 "and without the model's dropout, activations with sigmoid and with leaky ReLU, versus the model and "
                 "the one it is "
                 "compared with; batchnorm: what its first batch-norm layer receives and gives)")
      ->check(
          CLI::IsMember({"curves", "images", "inside", "batchnorm", "compare", "dropout", "activations", "versus"}));
  cli.add_flag("--until-trained", w.until_trained,
               "With --train or --load: close once training or loading has ended (after --frames more frames and the "
               "screenshot)");
  cli.add_flag("--frame-times", w.frame_times, "Print frame-time statistics and the peak memory at exit");
  cli.add_option("--screenshot", w.screenshot, "Render, write a PNG of the window and exit");
  cli.add_option("--frames", w.frames, "Frames to render before the screenshot")->check(CLI::Range(1, 10000));
  cli.add_option("--size", w.size, "Window size WxH");
  cli.add_option("--scale", w.scale,
                 "Text size in percent (75-250; Ctrl+= / Ctrl+- / Ctrl+0 in the window), remembered")
      ->check(CLI::Range(kScaleMin, kScaleMax));
  cli.add_option("--theme", w.theme, "light or dark (Ctrl+T in the window), remembered")
      ->check(CLI::IsMember({"light", "dark"}));
  cli.add_flag("--try", w.try_it, "Start in Try it: the lesson's exercises are asked for instead of shown");
  cli.add_option(
      "--answer", w.answers,
      "With --try: type this answer into the step's next open field and press Enter (repeat for more fields; "
      "for screenshots of the feedback)");
  cli.add_flag("--present", w.present,
               "Start in presentation mode (F5 in the window): the step's math and plots fill the window");
  cli.add_flag("--play", w.play, "With a playground --lesson: start training at once (its Train button)");
}

// --train MODEL / --load FILE: opens the Train tab of the --lesson given (the MNIST lesson by
// default) and starts training or loading. Returns false (having said why) if there is no such model.
bool start_training(AppState& app, const WindowArguments& w) {
  const std::string lesson = w.lesson.empty() ? "mnist-cnn" : w.lesson;
  const MnistModels* models =
      open_lesson_by_id(app, lesson) ? trainable_models(app.lessons.session->lesson()) : nullptr;
  int index = -1;
  for (std::size_t i = 0; models && i < models->models.size(); ++i)
    if (models->models[i].spec.name == current_model_name(w.train_at_start) || (w.train_at_start.empty() && i == 0))
      index = static_cast<int>(i);
  if (index < 0) {
    fmt::print(stderr, "neurostep: lesson '{}' has no model '{}' to train\n", lesson, w.train_at_start);
    return false;
  }
  app.training.panel = {};
  app.training.panel.select_train_tab = true;
  select_model(app.training.panel, *models, index);
  if (one_step_per_model(app.lessons.session->lesson()))
    app.lessons.session->go_to(index);  // the lesson's step of that model
  app.training.panel.data = parse_data_source(w.train_data).value_or(DataSource::Sample);
  using View = TrainPanelState::View;
  app.training.panel.select_view = w.train_view == "images"                           ? View::TestImages
                                   : w.train_view == "inside"                         ? View::Inside
                                   : w.train_view == "batchnorm"                      ? View::BatchNorm
                                   : w.train_view == "curves" || w.train_view.empty() ? View::Curves
                                                                                      : View::Compare;
  app.training.panel.load_path = w.load_at_start;
  const TrainCommand command = !w.load_at_start.empty()        ? TrainCommand::Load
                               : w.train_view == "compare"     ? TrainCommand::CompareOptimizers
                               : w.train_view == "dropout"     ? TrainCommand::CompareDropout
                               : w.train_view == "activations" ? TrainCommand::CompareActivations
                               : w.train_view == "versus"      ? TrainCommand::CompareModels
                                                               : TrainCommand::Start;
  apply_actions(app, {.training = {.command = command}});
  return true;
}

// The window: opens the lesson asked for (or the last one), runs until closed, remembers the lesson.
int open_window(const std::filesystem::path& dir, const WindowArguments& w) {
  WindowOptions options;
  if (std::sscanf(w.size.c_str(), "%dx%d", &options.width, &options.height) != 2 || options.width < 320 ||
      options.height < 240) {
    fmt::print(stderr, "neurostep: --size must be WxH, at least 320x240 (not '{}')\n", w.size);
    return 2;
  }
  options.screenshot = w.screenshot;
  options.frames = w.frames;
  options.until_trained = w.until_trained;
  options.frame_times = w.frame_times;

  // A screenshot run is reproducible: no saved layout, no saved settings.
  const std::optional<UserFiles> files = w.screenshot.empty() ? std::optional(user_files()) : std::nullopt;
  if (files) options.ini_file = (config_dir() / "imgui.ini").string();

  AppState app;
  app.lessons.folder = dir;
  app.platform.write_worksheets = [dir](const std::string& lesson, const WorksheetRequest& r) {
    return worksheets_for_window(dir, {.lesson = lesson,
                                       .variants = r.count,
                                       .seed = static_cast<std::uint64_t>(r.seed),
                                       .out = r.folder,
                                       .precision = r.precision});
  };
  app.platform.write_slides = [dir](const std::string& lesson, std::uint64_t variant, const std::string& folder) {
    return slides_for_window(dir, {.lesson = lesson, .variant = variant, .out = folder, .pdf = false});
  };
  Settings settings = start_app(app, files);  // then what the command line asks for
  if (w.scale) app.display.scale_percent = *w.scale;
  if (w.theme) app.display.theme = *w.theme == "light" ? Theme::Light : Theme::Dark;
  app.display.presenting = w.present;
  app.view.try_it = app.view.try_it || w.try_it;
  refresh_catalog(app);
  const std::string first = !w.lesson.empty() ? w.lesson : settings.lesson;
  if (!first.empty() && !open_lesson_by_id(app, first) && !w.lesson.empty()) {
    fmt::print(stderr, "neurostep: no lesson '{}' in {}\n", w.lesson, dir.string());
    return 1;
  }
  if (app.lessons.selected < 0 && !app.lessons.catalog.empty()) open_lesson(app, 0);
  if (w.variant > 0) {
    if (w.lesson.empty() || !app.lessons.session) {
      fmt::print(stderr, "neurostep: --variant needs --lesson ID\n");
      return 2;
    }
    try {
      app.lessons.session->use_variant(w.variant);
    } catch (const VariantError& e) {
      fmt::print(stderr, "neurostep: {}\n", e.what());
      return 1;
    }
  }
  // The step asked for, or the one left open in the lesson left open.
  const int start_step = w.lesson.empty() && w.start_step == 1 && app.lessons.selected >= 0 &&
                                 app.lessons.catalog[app.lessons.selected].id == settings.lesson
                             ? settings.step
                             : w.start_step;
  go_to_step(app, start_step);
  for (const std::string& typed : w.answers) {  // as the student types them, field after field
    if (!app.lessons.session || !app.view.try_it) break;
    const std::vector<int> fields = app.practice.sheet.exercises_of(app.lessons.session->current());
    const auto open =
        std::find_if(fields.begin(), fields.end(), [&](int i) { return app.practice.sheet.mark(i) == Mark::Open; });
    if (open == fields.end()) break;
    app.view.typed.resize(app.practice.sheet.exercises().size());
    app.view.typed[static_cast<std::size_t>(*open)] = typed;
    apply_actions(app, {.practice = {.answer = std::pair{*open, typed}}});
    app.view.entered = *open;
  }
  if ((!w.train_at_start.empty() || !w.load_at_start.empty()) && !start_training(app, w)) return 1;
  if (w.play && app.lessons.session) {
    if (!playground_of(app.lessons.session->lesson())) {
      fmt::print(stderr, "neurostep: --play needs a playground lesson, not '{}'\n",
                 app.lessons.session->lesson().info().id);
      return 1;
    }
    apply_actions(app, {.playground = {.commands = {{.kind = PlaygroundCommand::Kind::Play}}}});
  }

  const int code = run_window(app, options);
  if (files && code == 0) remember_settings(app, *files, settings);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  if (const std::string problem = kernel_choice_problem(); !problem.empty())
    return fmt::print(stderr, "neurostep: {}\n", problem), 2;
  CLI::App cli{"Neurostep — the math of neural networks, step by step"};
  cli.set_version_flag("--version", version_text());
  std::string lessons_override;
  cli.add_option("--lessons", lessons_override,
                 "Folder of lesson files (default: the installed lessons, or the source tree's lessons/)");
  WindowArguments window;
  add_window_options(cli, window);
  HeadlessCommands commands(cli);
  DataCommand data_command(cli);  // neurostep data fetch mnist
  CLI11_PARSE(cli, argc, argv);
  if (data_command.chosen()) return data_command.run();

  set_lesson_data_roots(program_data_roots());  // data files of lesson files copied elsewhere
  const std::filesystem::path dir = find_lessons_dir(lessons_override);
  if (const auto code = commands.run(dir)) return *code;
  return open_window(dir, window);
}
