// commands.h — the headless subcommands of `neurostep`: list, trace, export, check, train, eval,
// worksheet, answer, grade and diagram. Each adds its options to the command line and runs without a window; errors go
// to stderr with a non-zero exit code (file:line:col for lesson files).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/native/answer_command.h"
#include "app/native/diagram_command.h"
#include "app/native/slides_command.h"
#include "app/worksheet_command.h"
#include "export/figure_files.h"

namespace neurostep {

struct TrainArguments {
  std::string model = "sougrati", data = "sample", save, optimizer;
  int epochs = 0, batch = 0, validation = -1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double rotate = 0;
  double lr = 0;
  std::uint64_t seed = 1;
};

class Lesson;
// Loads the lesson with this id (or at this path), or says why not on stderr.
std::unique_ptr<Lesson> open_lesson_or_say(const std::filesystem::path& dir, const std::string& id);

struct HeadlessCommands {
  CLI::App *list = nullptr, *trace = nullptr, *exporter = nullptr, *checker = nullptr, *trainer = nullptr,
           *evaluator = nullptr, *worksheet = nullptr, *answer = nullptr, *grade = nullptr, *diagram = nullptr,
           *slides = nullptr;
  AnswerArguments answering;
  GradeArguments grading;
  std::string trace_id, format = "text";
  std::uint64_t trace_variant = 0;  // 0: the lesson file's own numbers
  WorksheetArguments sheets;
  DiagramArguments drawing;
  SlidesArguments deck;
  int steps = -1, precision = 4;
  std::string export_id, export_out, export_formats = "png,svg,pdf,csv,md,tex";
  int export_steps = -1;
  ExportOptions export_options;
  std::string export_load, export_data = "sample";
  std::vector<std::string> check_files;
  TrainArguments tc;
  std::string eval_load, eval_data = "sample";

  explicit HeadlessCommands(CLI::App& cli);            // adds the subcommands and their options to `cli`
  HeadlessCommands(const HeadlessCommands&) = delete;  // `cli` holds pointers into it
  // Runs the subcommand the command line gave and returns its exit code; nullopt if none was given.
  std::optional<int> run(const std::filesystem::path& lessons_dir) const;
};

}  // namespace neurostep
