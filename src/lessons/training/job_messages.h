// job_messages.h — what a TrainingJob in Remote mode and the JobHost that runs it elsewhere (the
// web page's Web Worker) tell each other, as JSON text: the commands (start, load, pause, resume,
// cancel) and the snapshots that come back. Every message carries the job's number (the page's
// TrainingSnapshot::run), so that news of an older job is told apart. The trained weights travel
// beside these messages as checkpoint bytes (core/io/checkpoint.h), not in them.
//
// Parsing checks every field; a message that does not parse throws MessageError saying what is
// wrong, which the page shows in the Train tab. No transport here: the page's is src/app/web/.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "lessons/training/mnist_models.h"
#include "lessons/training/training_job.h"

namespace neurostep {

struct MessageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class CommandKind { Start, Load, Pause, Resume, Cancel };

// One command and what it needs; a field a kind does not use stays empty.
struct JobCommand {
  CommandKind kind = CommandKind::Pause;
  int job = 0;
  ModelSpec spec;                            // Start
  TrainOptions options;                      // Start
  Comparison comparison = Comparison::None;  // Start
  std::optional<ModelSpec> versus;           // Start, comparing models: the other one
  MnistModels models;                        // Load: the models a checkpoint may belong to
  std::filesystem::path data_dir;            // Start, Load
  std::filesystem::path checkpoint;          // Load
};

std::string command_json(const JobCommand& command);
JobCommand parse_command(const std::string& text);  // throws MessageError

// A snapshot of job `job`, and the same read back.
std::string snapshot_json(int job, const TrainingSnapshot& snapshot);
struct JobNews {
  int job = 0;
  TrainingSnapshot snapshot;
};
JobNews parse_snapshot(const std::string& text);  // throws MessageError

}  // namespace neurostep
