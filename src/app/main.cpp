// main.cpp — the `neurostep` command: the GUI by default, and headless subcommands.
//
//   neurostep [--lesson ID [--step N]] [--train MODEL | --load FILE] [--train-data D] [--train-view V] [--until-trained]
//             [--screenshot out.png [--frames N]]
//             [--size WxH] [--frame-times]   the window
//   neurostep list                                                            one lesson per line
//   neurostep trace LESSON [--format text|json|csv|md|tex] [--steps N] [--precision P]
//   neurostep export LESSON --out DIR [--format png,svg,pdf,csv] [--steps N] [--width W] [--scale S]
//                    [--load FILE [--data D]]   (the MNIST lesson: a saved model's evaluation)
//   neurostep check FILE…                                                     validate lesson files
//   neurostep train --model NAME --data sample|mnist|fashion|DIR [--epochs N] [--batch B] [--optimizer O]
//                   [--lr R] [--seed S] [--validation N] [--save FILE]
//   neurostep eval --load FILE --data sample|mnist|fashion|DIR
// LESSON is a lesson id or a path to a lesson file. Errors go to stderr with a non-zero exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <cstdio>
#include <iostream>

#include "app/data_command.h"
#include "app/paths.h"
#include "app/settings.h"
#include "app/version.h"
#include "app/window.h"
#include "core/checkpoint.h"
#include "core/kernels.h"
#include "export/figure_export.h"
#include "lessons/mnist.h"
#include "lessons/mnist_explore.h"
#include "lessons/lesson.h"
#include "lessons/session.h"
#include "lessons/table_export.h"
#include "lessons/trace_format.h"

using namespace neurostep;

namespace {

int list_lessons(const std::filesystem::path& dir) {
  const auto catalog = scan_lessons(dir);
  if (catalog.empty()) {
    std::fprintf(stderr, "neurostep: no lesson files (*.toml) in %s\n", dir.c_str());
    return 1;
  }
  int broken = 0;
  for (const auto& e : catalog) {
    if (e.error.empty()) {
      fmt::print("{:<20} {}\n", e.id, e.title);
    } else {
      fmt::print("{:<20} (cannot load)\n", e.id);
      fmt::print(stderr, "{}\n", e.error);
      ++broken;
    }
  }
  return broken ? 1 : 0;
}

// Loads the lesson with this id (or at this path), or says why not on stderr.
std::unique_ptr<Lesson> open_lesson_or_say(const std::filesystem::path& dir, const std::string& id) {
  const auto entry = find_lesson(scan_lessons(dir), id);
  if (!entry) {
    fmt::print(stderr, "neurostep: no lesson '{}' in {} (neurostep list shows them)\n", id, dir.string());
    return nullptr;
  }
  try {
    return load_lesson(entry->path);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return nullptr;
  }
}

int export_lesson_files(const std::filesystem::path& dir, const std::string& id, const std::filesystem::path& out,
                        const std::string& format_list, int steps, const ExportOptions& options, const std::string& load,
                        const std::string& data_name) {
  const auto formats = parse_export_formats(format_list);
  if (!formats) {
    fmt::print(stderr, "neurostep: --format takes png, svg, pdf and csv separated by commas, not '{}'\n", format_list);
    return 2;
  }
  auto lesson = open_lesson_or_say(dir, id);
  if (!lesson) return 1;
  if (!load.empty()) {  // a saved MNIST model: its confusion matrix and per-digit accuracy on the test set
    const auto* mnist = dynamic_cast<const MnistLesson*>(lesson.get());
    if (!mnist) {
      fmt::print(stderr, "neurostep: --load is for the MNIST lesson (kind mnist), not '{}'\n", id);
      return 2;
    }
    try {
      LoadedModel loaded = load_mnist_checkpoint(mnist->numbers(), load);
      const Dataset data = load_dataset_dir(mnist_data_folder(dir, data_name));
      const Evaluation e = evaluate(loaded.network, data.test, 0, data.test.count, loaded.model->spec.io);
      // Inside the model: every layer's feature maps of the first test image, the filters, noise, the backwards query.
      std::vector<Figure> figures = evaluation_figures(e);
      for (Figure& f : inside_figures(loaded.network, loaded.model->spec.io, image_batch(data.test, {0}).values(), data.test.labels[0], -1, 0.3))
        figures.push_back(std::move(f));
      for (const Figure& f : figures)
        for (const auto& path : export_figure_files(f, out, loaded.model->spec.name, *formats, options)) fmt::print("{}\n", path.string());
      return 0;
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      return 1;
    }
  }
  LessonSession session(std::move(lesson));
  session.go_to(steps > 0 ? steps - 1 : session.step_count() - 1);
  try {
    for (const auto& path : export_lesson(session, out, *formats, options)) fmt::print("{}\n", path.string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: {}\n", e.what());
    return 1;
  }
}

// Loads each lesson file, runs it, and checks that every printed value names a step and value
// that exist. Errors go to stderr as file:line:col: message.
int check_lesson_files(const std::vector<std::string>& files) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      const auto lesson = load_lesson(file);
      const Trace trace = run_guarded(*lesson);
      int problems = 0;
      for (const CheckResult& r : check_printed_values(lesson->printed_values(), trace))
        if (r.verdict == Verdict::NotFound) {
          fmt::print(stderr, "{}:{}:1: thesis_check: {}\n", file, r.printed.line, r.explanation);
          ++problems;
        }
      if (problems) {
        ++failed;
      } else {
        fmt::print("{}: ok ({} steps, {} printed values)\n", file, trace.steps.size(), lesson->printed_values().size());
      }
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      ++failed;
    }
  }
  return failed ? 1 : 0;
}

struct TrainArguments {
  std::string model = "seed003", data = "sample", save, optimizer;
  int epochs = 0, batch = 0, validation = -1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double rotate = 0;
  double lr = 0;
  std::uint64_t seed = 1;
};

int train_command(const std::filesystem::path& lessons_dir, const TrainArguments& c) {
  try {
    const MnistNumbers models = read_mnist_models(lessons_dir / "mnist-cnn.toml");
    const MnistModel* chosen = nullptr;
    std::string names;
    for (const auto& m : models.models) {
      names += (names.empty() ? "" : ", ") + m.spec.name;
      if (m.spec.name == c.model) chosen = &m;
    }
    if (!chosen) {
      fmt::print(stderr, "neurostep: no model '{}' (models: {})\n", c.model, names);
      return 2;
    }
    const Dataset data = load_dataset_dir(mnist_data_folder(lessons_dir, c.data));
    TrainOptions o = chosen->train;
    if (c.epochs > 0) o.epochs = c.epochs;
    if (c.batch > 0) o.batch = c.batch;
    if (c.lr > 0) o.optimizer.learning_rate = c.lr;
    if (!c.optimizer.empty()) o.optimizer.kind = *parse_optimizer(c.optimizer);
    o.seed = c.seed;
    o.rotate_degrees = c.rotate;
    o.validation = c.validation >= 0 ? c.validation : data.train.count / 5;  // 48,000/12,000 on the full set
    if (o.validation >= data.train.count) {
      fmt::print(stderr, "neurostep: --validation {} leaves no training images (there are {})\n", o.validation, data.train.count);
      return 2;
    }
    Sequential<float> model = build_model<float>(chosen->spec, c.seed);
    std::vector<Sequential<float>> replicas;  // one more copy of the model per extra thread
    for (int t = 1; t < c.threads; ++t) replicas.push_back(build_model<float>(chosen->spec, c.seed + static_cast<std::uint64_t>(t)));
    std::vector<Sequential<float>*> replica_ptrs;
    for (auto& r : replicas) replica_ptrs.push_back(&r);
    fmt::print("{}: {} parameters; {} training, {} validation, {} test images from {}\n", chosen->spec.title, model.param_count(),
               data.train.count - o.validation, o.validation, data.test.count, data.source);
    fmt::print("{}, learning rate {}, batch {}, {} epochs, seed {}, {} thread{}\n", optimizer_name(o.optimizer.kind), o.optimizer.learning_rate,
               o.batch, o.epochs, o.seed, c.threads, c.threads == 1 ? "" : "s");
    auto epoch_started = std::chrono::steady_clock::now();
    const int per_epoch = data.train.count - o.validation;
    const TrainResult r = train(model, data.train, o, [&](const TrainReport& p) {
      if (p.epoch_end) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_started).count();
        fmt::print("epoch {}: {:.1f} s, training {:.0f} samples/s; last batches: loss {:.4f}, accuracy {:.2f}%; validation loss {:.4f}, "
                   "accuracy {:.2f}%\n",
                   p.epoch, seconds, per_epoch / p.epoch_seconds, p.loss, 100 * p.accuracy, p.validation.loss, 100 * p.validation.accuracy);
        epoch_started = std::chrono::steady_clock::now();
      } else {
        fmt::print("  epoch {} batch {}/{}: loss {:.4f}, accuracy {:.2f}%, {:.0f} samples/s\n", p.epoch, p.batch, p.batches, p.loss,
                   100 * p.accuracy, p.samples_per_second);
      }
      std::fflush(stdout);
    }, {}, replica_ptrs);
    if (!r.stopped.empty()) fmt::print(stderr, "{}\n", r.stopped);
    const Evaluation test = evaluate(model, data.test, 0, data.test.count, o.io);
    fmt::print("test accuracy {:.2f}% ({} images), test loss {:.4f}\n", 100 * test.accuracy, test.count, test.loss);
    if (!c.save.empty()) {
      save_checkpoint(model, c.save);
      fmt::print("saved {}\n", c.save);
    }
    return r.stopped.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}

int eval_command(const std::filesystem::path& lessons_dir, const std::string& load, const std::string& data_name) {
  try {
    const MnistNumbers models = read_mnist_models(lessons_dir / "mnist-cnn.toml");  // `loaded` points into it
    LoadedModel loaded = load_mnist_checkpoint(models, load);
    const Dataset data = load_dataset_dir(mnist_data_folder(lessons_dir, data_name));
    const Evaluation e = evaluate(loaded.network, data.test, 0, data.test.count, loaded.model->spec.io);
    fmt::print("{} ({}): test accuracy {:.2f}% ({} images), test loss {:.4f}\n", load, loaded.model->spec.name, 100 * e.accuracy, e.count, e.loss);
    fmt::print("confusion matrix (rows: true digit, columns: predicted):\n");
    for (int r = 0; r < 10; ++r) {
      for (int col = 0; col < 10; ++col) fmt::print("{:6}", e.confusion[static_cast<std::size_t>(r * 10 + col)]);
      fmt::print("\n");
    }
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}

int trace_lesson(const std::filesystem::path& dir, const std::string& id, const std::string& format_name, int steps,
                 int precision) {
  const auto format = parse_trace_format(format_name);
  if (!format) {
    fmt::print(stderr, "neurostep: unknown format '{}' (text, json, csv, md, tex)\n", format_name);
    return 2;
  }
  const auto lesson = open_lesson_or_say(dir, id);
  if (!lesson) return 1;
  const Trace trace = run_guarded(*lesson);
  std::cout << format_trace(trace, *format, steps, precision);
  if (!trace.steps.empty() && trace.steps.back().note.rfind("Stopped", 0) == 0) {
    fmt::print(stderr, "{}: step {} ({}): {}\n", id, trace.steps.size() - 1, trace.steps.back().id, trace.steps.back().note);
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (const std::string problem = kernel_choice_problem(); !problem.empty()) return fmt::print(stderr, "neurostep: {}\n", problem), 2;
  CLI::App cli{"Neurostep — the math of neural networks, step by step"};
  cli.set_version_flag("--version", version_text());
  std::string lessons_override;
  cli.add_option("--lessons", lessons_override, "Folder of lesson files (default: the installed lessons, or the source tree's lessons/)");

  std::string lesson, screenshot, size = "1280x800";
  int frames = 3, start_step = 1;
  cli.add_option("--lesson", lesson, "Open this lesson (id) at start");
  cli.add_option("--step", start_step, "Show this step (1-based) of the lesson at start")->check(CLI::PositiveNumber);
  std::string train_at_start, train_data = "sample";
  bool until_trained = false, frame_times = false;
  cli.add_option("--train", train_at_start, "Open the MNIST lesson and start training this model");
  cli.add_option("--train-data", train_data, "With --train or --load: sample, mnist or fashion")->check(CLI::IsMember({"sample", "mnist", "fashion"}));
  std::string load_at_start;
  cli.add_option("--load", load_at_start, "Open the MNIST lesson with this saved model loaded (evaluated on --train-data)");
  std::string train_view = "curves";
  cli.add_option("--train-view", train_view, "With --train or --load: the view to show (curves, images, inside; compare trains with four optimizers)")
      ->check(CLI::IsMember({"curves", "images", "inside", "compare"}));
  cli.add_flag("--until-trained", until_trained, "With --train or --load: close once training or loading has ended (after --frames more frames and the screenshot)");
  cli.add_flag("--frame-times", frame_times, "Print frame-time statistics and the peak memory at exit");
  cli.add_option("--screenshot", screenshot, "Render, write a PNG of the window and exit");
  cli.add_option("--frames", frames, "Frames to render before the screenshot")->check(CLI::Range(1, 10000));
  cli.add_option("--size", size, "Window size WxH");

  CLI::App* list = cli.add_subcommand("list", "Print every lesson: its id, then its title");
  CLI::App* trace = cli.add_subcommand("trace", "Run a lesson headless and print every step");
  std::string trace_id, format = "text";
  int steps = -1, precision = 4;
  trace->add_option("LESSON", trace_id, "Lesson id or path to a lesson file")->required();
  trace->add_option("--format", format, "text, json, csv, md or tex")->check(CLI::IsMember({"text", "json", "csv", "md", "tex"}));
  trace->add_option("--steps", steps, "Print only the first N steps")->check(CLI::NonNegativeNumber);
  trace->add_option("--precision", precision, "Decimals in text and md")->check(CLI::Range(0, 17));
  CLI::App* exporter = cli.add_subcommand("export", "Write every plot of a lesson (and its history table) as files, headless");
  std::string export_id, export_out, export_formats = "png,svg,pdf,csv";
  int export_steps = -1;
  ExportOptions export_options;
  exporter->add_option("LESSON", export_id, "Lesson id or path to a lesson file")->required();
  exporter->add_option("--out", export_out, "Folder for the files (created if missing)")->required();
  exporter->add_option("--format", export_formats, "Comma-separated: png, svg, pdf, csv");
  exporter->add_option("--steps", export_steps, "Run the lesson to step N (default: the last step)")->check(CLI::PositiveNumber);
  exporter->add_option("--width", export_options.width, "Width in points (PNG: pixels = width × scale)")->check(CLI::Range(100.0, 5000.0));
  exporter->add_option("--height", export_options.height, "Height in points (default: from the plot's shape)")->check(CLI::Range(0.0, 5000.0));
  exporter->add_option("--scale", export_options.scale, "PNG pixels per point")->check(CLI::Range(0.25, 8.0));
  std::string export_load, export_data = "sample";
  exporter->add_option("--load", export_load,
                       "MNIST lesson: a saved model, whose evaluation and views inside (of the first test image) are exported");
  exporter->add_option("--data", export_data, "MNIST lesson with --load: sample, mnist, fashion or a folder");

  CLI::App* checker = cli.add_subcommand("check", "Validate lesson files: errors as file:line:col");
  std::vector<std::string> check_files;
  checker->add_option("FILE", check_files, "Lesson files")->required();
  CLI::App* trainer = cli.add_subcommand("train", "Train one of the MNIST models (lessons/mnist-cnn.toml) headless");
  TrainArguments tc;
  trainer->add_option("--model", tc.model, "seed003, seed000, lenet5, seed004, seed001 or seed002");
  trainer->add_option("--data", tc.data, "sample (embedded), mnist (the full set), fashion, or a folder of IDX files");
  trainer->add_option("--epochs", tc.epochs, "Epochs (default: the thesis's)")->check(CLI::Range(1, 1000));
  trainer->add_option("--batch", tc.batch, "Batch size")->check(CLI::Range(1, 4096));
  trainer->add_option("--optimizer", tc.optimizer, "sgd, adagrad, rmsprop or adam")->check(CLI::IsMember({"sgd", "adagrad", "rmsprop", "adam"}));
  trainer->add_option("--lr", tc.lr, "Learning rate")->check(CLI::PositiveNumber);
  trainer->add_option("--seed", tc.seed, "Seed of the weights, shuffles and dropout");
  trainer->add_option("--validation", tc.validation, "Training images held out for validation (default: a fifth)")->check(CLI::NonNegativeNumber);
  trainer->add_option("--save", tc.save, "Write the trained model to this checkpoint file");
  trainer->add_option("--threads", tc.threads, "Training threads (default: every core)")->check(CLI::Range(1, 64));
  trainer->add_option("--augment", tc.rotate, "Turn each training image by a random angle within ± this many degrees (seed 004: 10)")
      ->check(CLI::Range(0.0, 45.0));
  CLI::App* evaluator = cli.add_subcommand("eval", "Evaluate a saved model on a test set");
  std::string eval_load, eval_data = "sample";
  evaluator->add_option("--load", eval_load, "A checkpoint written by train --save")->required();
  evaluator->add_option("--data", eval_data, "sample, mnist, fashion, or a folder of IDX files");
  DataCommand data_command(cli);  // neurostep data fetch mnist
  CLI11_PARSE(cli, argc, argv);
  if (data_command.chosen()) return data_command.run();

  const std::filesystem::path dir = find_lessons_dir(lessons_override);
  if (*list) return list_lessons(dir);
  if (*trace) return trace_lesson(dir, trace_id, format, steps, precision);
  if (*exporter)
    return export_lesson_files(dir, export_id, export_out, export_formats, export_steps, export_options, export_load, export_data);
  if (*checker) return check_lesson_files(check_files);
  if (*trainer) return train_command(dir, tc);
  if (*evaluator) return eval_command(dir, eval_load, eval_data);

  WindowOptions options;
  if (std::sscanf(size.c_str(), "%dx%d", &options.width, &options.height) != 2 || options.width < 320 || options.height < 240) {
    fmt::print(stderr, "neurostep: --size must be WxH, at least 320x240 (not '{}')\n", size);
    return 2;
  }
  options.screenshot = screenshot;
  options.frames = frames;
  options.until_trained = until_trained;
  options.frame_times = frame_times;

  // A screenshot run is reproducible: no saved layout, no saved settings.
  const bool remember = screenshot.empty();
  const std::filesystem::path settings_file = config_dir() / "settings.toml";
  Settings settings = remember ? load_settings(settings_file) : Settings{};
  if (remember) options.ini_file = (config_dir() / "imgui.ini").string();

  AppState app;
  app.lessons_dir = dir;
  app.view.precision = settings.precision;
  refresh_catalog(app);
  const std::string first = !lesson.empty() ? lesson : settings.lesson;
  if (!first.empty() && !open_lesson_by_id(app, first)) {
    if (!lesson.empty()) {
      fmt::print(stderr, "neurostep: no lesson '{}' in {}\n", lesson, dir.string());
      return 1;
    }
  }
  if (app.selected < 0 && !app.catalog.empty()) open_lesson(app, 0);
  if (app.session) app.session->go_to(start_step - 1);
  if (!train_at_start.empty() || !load_at_start.empty()) {
    const auto* mnist = open_lesson_by_id(app, "mnist-cnn") ? dynamic_cast<const MnistLesson*>(&app.session->lesson()) : nullptr;
    int index = -1;
    for (std::size_t i = 0; mnist && i < mnist->numbers().models.size(); ++i)
      if (mnist->numbers().models[i].spec.name == train_at_start || (train_at_start.empty() && i == 0)) index = static_cast<int>(i);
    if (index < 0) {
      fmt::print(stderr, "neurostep: no MNIST model '{}' to train\n", train_at_start);
      return 1;
    }
    const MnistModel& m = mnist->numbers().models[static_cast<std::size_t>(index)];
    const int data = train_data == "mnist" ? 1 : train_data == "fashion" ? 2 : 0;
    app.train_settings = {.model = index, .data = data, .epochs = m.train.epochs, .batch = m.train.batch,
                          .optimizer = static_cast<int>(m.train.optimizer.kind), .learning_rate = static_cast<float>(m.train.optimizer.learning_rate)};
    using View = TrainPanelState::View;
    app.train_settings.select_view = train_view == "images" ? View::TestImages : train_view == "inside" ? View::Inside
                                     : train_view == "compare" ? View::Compare : View::Curves;
    app.train_settings.load_path = load_at_start;
    apply_actions(app, {.train = !load_at_start.empty() ? TrainCommand::Load : train_view == "compare" ? TrainCommand::Compare : TrainCommand::Start});
  }

  const int code = run_window(app, options);
  if (remember && code == 0) {
    settings.lesson = app.selected >= 0 ? app.catalog[app.selected].id : "";
    settings.precision = app.view.precision;
    save_settings(settings_file, settings);
  }
  return code;
}
