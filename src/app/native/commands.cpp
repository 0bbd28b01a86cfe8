#include "app/native/commands.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "core/io/checkpoint.h"
#include "core/io/idx.h"
#include "figure/number_text.h"
#include "export/lesson_export.h"
#include "lessons/formats/trace_format.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"
#include "lessons/framework/sources.h"
#include "lessons/training/mnist_explore.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/training_figures.h"
#include "lessons/training/trainable.h"

namespace neurostep {

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

int export_lesson_files(const std::filesystem::path& dir, const std::string& id, const std::filesystem::path& out,
                        const std::string& format_list, int steps, const ExportOptions& options,
                        const std::string& load, const std::string& data_name) {
  const auto formats = parse_lesson_export_formats(format_list);
  if (!formats) {
    fmt::print(stderr, "neurostep: --format takes png, svg, pdf, csv, tikz, md and tex separated by commas, not '{}'\n",
               format_list);
    return 2;
  }
  auto lesson = open_lesson_or_say(dir, id);
  if (!lesson) return 1;
  if (!load.empty()) {  // a saved MNIST model: its confusion matrix and per-digit accuracy on the test set
    const MnistModels* models = trainable_models(*lesson);
    if (!models) {
      fmt::print(stderr, "neurostep: --load is for a lesson with models to train (the MNIST lesson), not '{}'\n", id);
      return 2;
    }
    try {
      LoadedModel loaded = load_mnist_checkpoint(*models, load);
      const Dataset data = load_dataset_dir(mnist_data_folder(dir, data_name));
      const Evaluation e = evaluate(loaded.network, data.test, 0, data.test.count, loaded.model->spec.io);
      // Inside the model: every layer's feature maps of the first test image, the filters, noise, the backwards query.
      std::vector<Figure> figures = evaluation_figures(e, data.test.class_names);
      for (Figure& f : inside_figures(loaded.network, loaded.model->spec.io, image_batch(data.test, {0}).values(),
                                      data.test.labels[0], -1, 0.3))
        figures.push_back(std::move(f));
      for (const Figure& f : figures)
        for (const auto& path : export_figure_files(f, out, loaded.model->spec.name, formats->figures, options))
          fmt::print("{}\n", path.string());
      return 0;
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      return 1;
    }
  }
  LessonSession session(std::move(lesson));
  if (steps > session.step_count()) {  // refused rather than clamped: the files would not show step N
    fmt::print(stderr, "neurostep: --steps {}: '{}' has {} steps\n", steps, id, session.step_count());
    return 2;
  }
  session.go_to(steps > 0 ? steps - 1 : session.step_count() - 1);
  try {
    for (const auto& path : export_lesson(session, out, *formats, options)) fmt::print("{}\n", path.string());
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: {}\n", e.what());
    return 1;
  }
}

// The sources file (lessons/sources.toml) among the files checked: read as the list of documents
// it is, not as a lesson.
bool check_sources_file(const std::string& file) {
  const Sources sources = Sources::load(file);
  fmt::print("{}: ok ({} sources)\n", file, sources.entries().size());
  return true;
}

// Loads each lesson file, runs it, and checks that every printed value names a step and value
// that exist. Errors go to stderr as file:line:col: message.
int check_lesson_files(const std::vector<std::string>& files) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      if (std::filesystem::path(file).filename() == kSourcesFileName && check_sources_file(file)) continue;
      if (const std::vector<LessonError> errors = check_lesson(file); !errors.empty()) {
        for (const LessonError& e : errors) fmt::print(stderr, "{}\n", e.what());
        ++failed;
        continue;
      }
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
        const std::size_t exercises = exercises_for(lesson->exercise_rules(), trace).size();
        fmt::print("{}: ok ({} steps, {} printed values, {} exercises{})\n", file, trace.steps.size(),
                   lesson->printed_values().size(), exercises,
                   lesson->variant_spec().empty() ? ", no variants" : ", variants");
      }
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      ++failed;
    }
  }
  return failed ? 1 : 0;
}

int train_command(const std::filesystem::path& lessons_dir, const TrainArguments& c) {
  try {
    const MnistModels models = read_mnist_models(lessons_dir / "mnist-cnn.toml");
    const MnistModel* chosen = nullptr;
    std::string names;
    for (const auto& m : models.models) {
      names += (names.empty() ? "" : ", ") + m.spec.name;
      if (m.spec.name == current_model_name(c.model)) chosen = &m;
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
      fmt::print(stderr, "neurostep: --validation {} leaves no training images (there are {})\n", o.validation,
                 data.train.count);
      return 2;
    }
    Sequential<float> model = build_model<float>(chosen->spec, c.seed);
    std::vector<Sequential<float>> replicas;  // one more copy of the model per extra thread
    for (int t = 1; t < c.threads; ++t)
      replicas.push_back(build_model<float>(chosen->spec, c.seed + static_cast<std::uint64_t>(t)));
    std::vector<Sequential<float>*> replica_ptrs;
    for (auto& r : replicas) replica_ptrs.push_back(&r);
    fmt::print("{}: {} parameters; {} training, {} validation, {} test images from {}\n", chosen->spec.title,
               model.param_count(), images_trained_on(data.train.count, o), o.validation, data.test.count, data.source);
    fmt::print("{}, learning rate {}, batch {}, {} epochs, seed {}, {} thread{}\n", optimizer_name(o.optimizer.kind),
               o.optimizer.learning_rate, o.batch, o.epochs, o.seed, c.threads, c.threads == 1 ? "" : "s");
    auto epoch_started = std::chrono::steady_clock::now();
    const int per_epoch = images_trained_on(data.train.count, o);
    const TrainResult r = train(
        model, data.train, o,
        [&](const TrainReport& p) {
          if (p.epoch_end) {
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_started).count();
            fmt::print(
                "epoch {}: {:.1f} s, training {:.0f} samples/s; last batches: loss {:.4f}, accuracy {:.2f}%; "
                "validation loss {:.4f}, "
                "accuracy {:.2f}%\n",
                p.epoch, seconds, per_epoch / p.epoch_seconds, p.loss, 100 * p.accuracy, p.validation.loss,
                100 * p.validation.accuracy);
            epoch_started = std::chrono::steady_clock::now();
          } else {
            fmt::print("  epoch {} batch {}/{}: loss {:.4f}, accuracy {:.2f}%, {:.0f} samples/s\n", p.epoch, p.batch,
                       p.batches, p.loss, 100 * p.accuracy, p.samples_per_second);
          }
          std::fflush(stdout);
        },
        {}, replica_ptrs);
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
    const MnistModels models = read_mnist_models(lessons_dir / "mnist-cnn.toml");  // `loaded` points into it
    LoadedModel loaded = load_mnist_checkpoint(models, load);
    const Dataset data = load_dataset_dir(mnist_data_folder(lessons_dir, data_name));
    const Evaluation e = evaluate(loaded.network, data.test, 0, data.test.count, loaded.model->spec.io);
    fmt::print("{} ({}): test accuracy {:.2f}% ({} images), test loss {:.4f}\n", load, loaded.model->spec.name,
               100 * e.accuracy, e.count, e.loss);
    fmt::print("confusion matrix (rows: true digit, columns: predicted):\n{:>6}", "");
    for (int col = 0; col < 10; ++col) fmt::print("{:>6}", col);
    fmt::print("\n");
    for (int r = 0; r < 10; ++r) {
      fmt::print("{:>6}", r);
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
                 int precision, std::uint64_t variant) {
  const auto format = parse_trace_format(format_name);
  if (!format) {
    fmt::print(stderr, "neurostep: unknown format '{}' (text, json, csv, md, tex)\n", format_name);
    return 2;
  }
  const auto lesson = open_lesson_or_say(dir, id);
  if (!lesson) return 1;
  lesson->set_decimals(precision);  // the titles and notes at the values' decimals: one rule
  Trace trace;
  if (variant > 0) {
    try {
      Variant v = apply_variant(*lesson, variant);
      trace = std::move(v.trace);
      if (*format == TraceFormat::Text) {  // which numbers these are, before the steps
        std::string drawn;
        for (const VariantNumber& n : v.numbers)
          drawn += fmt::format("{}{} = {}", drawn.empty() ? "" : ", ", n.key, format_number(n.value, 6));
        fmt::print("{}, numbers #{} (not the thesis's): {}\n", id, variant, drawn);
      }
    } catch (const VariantError& e) {
      fmt::print(stderr, "neurostep: {}\n", e.what());
      return 1;
    }
  } else {
    trace = run_guarded(*lesson);
  }
  std::cout << format_trace(trace, *format, steps, precision);
  if (!trace.steps.empty() && trace.steps.back().note.rfind("Stopped", 0) == 0) {
    fmt::print(stderr, "{}: step {} ({}): {}\n", id, trace.steps.size(), trace.steps.back().id,
               trace.steps.back().note);
    return 1;
  }
  return 0;
}

}  // namespace

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

HeadlessCommands::HeadlessCommands(CLI::App& cli) {
  list = cli.add_subcommand("list", "Print every lesson: its id, then its title");
  trace = cli.add_subcommand("trace", "Run a lesson headless and print every step");
  trace->add_option("LESSON", trace_id, "Lesson id or path to a lesson file")->required();
  trace->add_option("--format", format, "text, json, csv, md or tex")
      ->check(CLI::IsMember({"text", "json", "csv", "md", "tex"}));
  trace->add_option("--steps", steps, "Print only the first N steps")->check(CLI::NonNegativeNumber);
  trace->add_option("--precision", precision, "Decimals of the values in text and md, and of the titles and notes")
      ->check(CLI::Range(0, 17));
  trace
      ->add_option("--variant", trace_variant,
                   "The lesson with the numbers of this variant (1 to 999999999: \"numbers #4817\")")
      ->check(CLI::Range(static_cast<std::uint64_t>(1), kMaxVariant));
  exporter = cli.add_subcommand("export", "Write every plot of a lesson (and its history table) as files, headless");
  exporter->add_option("LESSON", export_id, "Lesson id or path to a lesson file")->required();
  exporter->add_option("--out", export_out, "Folder for the files (created if missing)")->required();
  exporter->add_option("--format", export_formats,
                       "Comma-separated: png, svg, pdf, csv (the plots' data and the history table), tikz (the plots "
                       "as PGFPlots .tex), md, tex (the history table)");
  exporter->add_option("--steps", export_steps, "Run the lesson to step N (default: the last step)")
      ->check(CLI::PositiveNumber);
  exporter->add_option("--width", export_options.width, "Width in points (PNG: pixels = width × scale)")
      ->check(CLI::Range(100.0, 5000.0));
  exporter->add_option("--height", export_options.height, "Height in points (default: from the plot's shape)")
      ->check(CLI::Range(0.0, 5000.0));
  exporter->add_option("--scale", export_options.scale, "PNG pixels per point")->check(CLI::Range(0.25, 8.0));
  exporter->add_option(
      "--load", export_load,
      "MNIST lesson: a saved model, whose evaluation and views inside (of the first test image) are exported");
  exporter->add_option("--data", export_data, "MNIST lesson with --load: sample, mnist, fashion, cifar10 or a folder");

  checker = cli.add_subcommand("check", "Validate lesson files: errors as file:line:col");
  checker->add_option("FILE", check_files, "Lesson files")->required();
  trainer = cli.add_subcommand("train", "Train one of the MNIST models (lessons/mnist-cnn.toml) headless");
  trainer->add_option("--model", tc.model,
                      "sougrati, lazovic2020, lenet5, symon, creus-picon, jappinen2024 or jappinen2024-ann");
  trainer->add_option(
      "--data", tc.data,
      "sample (embedded), mnist (the full set), fashion, cifar10 (after data fetch cifar10), or a folder of IDX files");
  trainer->add_option("--epochs", tc.epochs, "Epochs (default: the thesis's)")->check(CLI::Range(1, 1000));
  trainer->add_option("--batch", tc.batch, "Batch size")->check(CLI::Range(1, 4096));
  trainer->add_option("--optimizer", tc.optimizer, "sgd, adagrad, rmsprop or adam")
      ->check(CLI::IsMember({"sgd", "adagrad", "rmsprop", "adam"}));
  trainer->add_option("--lr", tc.lr, "Learning rate")->check(CLI::PositiveNumber);
  trainer->add_option("--seed", tc.seed, "Seed of the weights, shuffles and dropout");
  trainer->add_option("--validation", tc.validation, "Training images held out for validation (default: a fifth)")
      ->check(CLI::NonNegativeNumber);
  trainer->add_option("--save", tc.save, "Write the trained model to this checkpoint file");
  trainer->add_option("--threads", tc.threads, "Training threads (default: every core)")->check(CLI::Range(1, 64));
  trainer
      ->add_option("--augment", tc.rotate,
                   "Turn each training image by a random angle within ± this many degrees (Symon: 10)")
      ->check(CLI::Range(0.0, 45.0));
  worksheet = cli.add_subcommand(
      "worksheet", "Write worksheets with fresh numbers and their answer keys (LaTeX and Markdown, PDF with pdflatex)");
  worksheet->add_option("LESSON", sheets.lesson, "Lesson id or path to a lesson file")->required();
  auto* variants =
      worksheet->add_option("--variants", sheets.variants, "How many worksheets (variants --seed, --seed + 1, …)")
          ->check(CLI::Range(1, 1000));
  worksheet
      ->add_option("--seed", sheets.seed, "The first variant's number (default 1001); with --roster, the class's seed")
      ->check(CLI::Range(static_cast<std::uint64_t>(1), kMaxVariant));
  worksheet
      ->add_option("--roster", sheets.roster,
                   "A sheet per student of this CSV (name[,id]), a key for the class and class-variants.csv")
      ->excludes(variants);
  worksheet->add_option("--steps", sheets.steps, "Only steps A..B (1-based; A.. or ..B)");
  worksheet->add_option("--out", sheets.out, "Folder for the files (created if missing)")->required();
  worksheet->add_option("--format", sheets.format, "tex (.tex and .md) or pdf (also .pdf, through pdflatex)")
      ->check(CLI::IsMember({"tex", "pdf"}));
  worksheet->add_option("--precision", sheets.precision, "Decimals of the answers: 3, 4 or 6")
      ->check(CLI::IsMember({3, 4, 6}));
  slides = cli.add_subcommand("slides",
                              "Write a lesson as Beamer slides (16:9) with TikZ figures, and the PDF with pdflatex");
  slides->add_option("LESSON", deck.lesson, "Lesson id or path to a lesson file")->required();
  slides->add_option("--variant", deck.variant, "Numbers # of a variant (default: the lesson's own numbers)")
      ->check(CLI::Range(static_cast<std::uint64_t>(0), kMaxVariant));
  slides->add_option("--steps", deck.steps, "Only steps A..B (1-based; A.. or ..B)");
  slides->add_option("--out", deck.out, "Folder for the files (created if missing; default: here)");
  answer = cli.add_subcommand("answer",
                              "Judge one answer to an exercise as Try it does: right, too high/low, the slip (exit 0 "
                              "right, 1 wrong, 2 bad input, 3 more decimals wanted)");
  answer->add_option("LESSON", answering.lesson, "Lesson id or path to a lesson file")->required();
  answer->add_option("--variant", answering.variant, "The worksheet's numbers # (default: the lesson's own numbers)")
      ->check(CLI::Range(static_cast<std::uint64_t>(0), kMaxVariant));
  answer->add_option("--step", answering.step, "The step: its number (1-based) or id")->required();
  answer->add_option("--value", answering.value, "The value asked for: its name (dC_dw) or label (dC_dw[2])")
      ->required();
  answer->add_option("--element", answering.element, "Its element (1-based), for a vector or matrix")
      ->check(CLI::Range(0, 100000));
  answer->add_option("--answer", answering.answer, "The answer as typed (−0.1298, 0,5, 1e-3)")->required();
  answer->add_option("--precision", answering.precision, "The decimals the student works in: 3, 4 or 6")
      ->check(CLI::IsMember({3, 4, 6}));
  grade = cli.add_subcommand(
      "grade",
      "Judge a class's answers (CSV: student,variant,step,value,element,answer[,lesson]) and score each student");
  grade->add_option("FILE", grading.file, "The answers, CSV with a header")->required();
  grade->add_option("--lesson", grading.lesson, "The lesson of rows without a lesson column");
  grade->add_option("--out", grading.out, "Write every answer's verdict and slip here (CSV)");
  grade->add_option("--variants", grading.variants,
                    "class-variants.csv of worksheet --roster: the numbers # of rows that leave variant empty");
  grade->add_option("--precision", grading.precision, "The decimals the students work in: 3, 4 or 6")
      ->check(CLI::IsMember({3, 4, 6}));
  diagram =
      cli.add_subcommand("diagram", "Draw a model's architecture with its parameter counts (SVG, PDF, TikZ, PNG)");
  diagram
      ->add_option("NAME", drawing.name,
                   "An MNIST model (as train --model takes it), a counted architecture (alexnet, vgg16), cnn-walk, or "
                   "a playground lesson")
      ->required();
  diagram->add_option("--format", drawing.format, "Comma-separated: svg, pdf, tikz (a .tex for pdflatex), png");
  diagram->add_option("--out", drawing.out, "Folder for the files (created if missing; default: the current folder)");
  evaluator = cli.add_subcommand("eval", "Evaluate a saved model on a test set");
  evaluator->add_option("--load", eval_load, "A checkpoint written by train --save")->required();
  evaluator->add_option("--data", eval_data, "sample, mnist, fashion, cifar10, or a folder of IDX files");
}

std::optional<int> HeadlessCommands::run(const std::filesystem::path& dir) const {
  if (*list) return list_lessons(dir);
  if (*trace) return trace_lesson(dir, trace_id, format, steps, precision, trace_variant);
  if (*worksheet) return worksheet_command(dir, sheets);
  if (*slides) return slides_command(dir, deck);
  if (*exporter)
    return export_lesson_files(dir, export_id, export_out, export_formats, export_steps, export_options, export_load,
                               export_data);
  if (*checker) return check_lesson_files(check_files);
  if (*trainer) return train_command(dir, tc);
  if (*evaluator) return eval_command(dir, eval_load, eval_data);
  if (*answer) return answer_command(dir, answering);
  if (*grade) return grade_command(dir, grading);
  if (*diagram) return diagram_command(dir, drawing);
  return std::nullopt;
}

}  // namespace neurostep
