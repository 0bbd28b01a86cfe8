// training_job_remote.cpp — TrainingJob's Remote driver: the job's steps run elsewhere (the web
// page's Web Worker, which runs a JobHost); here the commands go out and the snapshots and the
// trained model come back. The snapshot shown is the last one received, with the pause or cancel
// decided here kept until the other side has heard of it.
#include <fmt/format.h>

#include <cassert>

#include "core/io/checkpoint.h"
#include "lessons/training/job_messages.h"
#include "lessons/training/training_job.h"

namespace neurostep {

namespace {

// The files of a data set's folder, all of which the other side needs (none if it is missing:
// the other side then says so as the desktop program does).
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    if (entry.is_regular_file()) files.push_back(entry.path());
  return files;
}

}  // namespace

void TrainingJob::set_remote(RemoteSend send) {
  assert(!work_ && "TrainingJob::set_remote: choose the driver before the first start()");
  driver_ = JobDriver::Remote;
  remote_ = std::move(send);
}

void TrainingJob::start_remote(const ModelSpec& spec, const std::filesystem::path& data_dir,
                               const TrainOptions& options, Comparison comparison,
                               const std::optional<ModelSpec>& versus) {
  const std::vector<Run> runs = runs_of(spec, options, comparison, versus);
  begin(comparison, comparison == Comparison::None ? 0 : static_cast<int>(runs.size()), options.epochs);
  model_.reset();  // the model of the last job is no longer the one the Train tab talks of
  ModelSpec kept =
      runs.back()
          .spec;  // the model a comparison keeps: its last run's (without dropout, leaky ReLU, `spec` after `versus`)
  kept.io = options.io;  // what the model sent back takes and gives
  remote_models_ = MnistModels{{MnistModel{.spec = kept}}};
  int job = 0;
  {
    std::lock_guard lock(mutex_);
    snap_.model = spec.name;
    job = snap_.run;
  }
  remote_(command_json({.kind = CommandKind::Start,
                        .job = job,
                        .spec = spec,
                        .options = options,
                        .comparison = comparison,
                        .versus = versus,
                        .data_dir = data_dir}),
          files_in(data_dir));
}

void TrainingJob::load_remote(const MnistModels& models, const std::filesystem::path& checkpoint,
                              const std::filesystem::path& data_dir) {
  begin(Comparison::None, 0, 0);
  model_.reset();
  remote_models_ = models;
  std::vector<std::filesystem::path> files = files_in(data_dir);
  std::error_code error;
  if (std::filesystem::is_regular_file(checkpoint, error)) files.push_back(checkpoint);
  remote_(command_json({.kind = CommandKind::Load,
                        .job = snapshot().run,
                        .models = models,
                        .data_dir = data_dir,
                        .checkpoint = checkpoint}),
          files);
}

void TrainingJob::send_remote(CommandKind kind) { remote_(command_json({.kind = kind, .job = snapshot().run}), {}); }

void TrainingJob::cancel_remote() {
  if (!remote_ || !running()) return;
  send_remote(CommandKind::Cancel);
  remote_ended_ = true;  // the model reached comes back all the same (receive_model)
  set_state(JobState::Cancelled, "Training was cancelled; the model keeps the weights it had reached.");
}

void TrainingJob::receive_snapshot(const std::string& message) {
  JobNews news;
  try {
    news = parse_snapshot(message);
  } catch (const MessageError& e) {
    if (running()) send_remote(CommandKind::Cancel);  // the other side may be well: it need not go on
    return remote_failed(fmt::format("the page could not read what the training worker sent: {}", e.what()));
  }
  std::lock_guard lock(mutex_);
  if (news.job != snap_.run || remote_ended_) return;
  TrainingSnapshot& s = news.snapshot;
  s.run = snap_.run;
  // A pause or resume sent from here that the other side had not received yet when it wrote this.
  if (s.state == JobState::Training || s.state == JobState::Paused)
    s.state = paused_ ? JobState::Paused : JobState::Training;
  snap_ = std::move(s);
}

void TrainingJob::receive_model(int job, const std::filesystem::path& checkpoint, ImageSet test) {
  if (job != snapshot().run) return;
  try {
    LoadedModel loaded = load_mnist_checkpoint(remote_models_, checkpoint);
    io_ = loaded.model->spec.io;
    model_ = std::make_unique<Sequential<float>>(std::move(loaded.network));
    test_ = std::move(test);
  } catch (const std::exception& e) {
    remote_failed(fmt::format("the model the training worker sent does not load: {}", e.what()));
  }
}

void TrainingJob::remote_failed(const std::string& why) {
  if (!running()) return;  // nothing was lost: the next job starts afresh
  std::lock_guard lock(mutex_);
  remote_ended_ = true;
  snap_.state = JobState::Failed;
  snap_.message = fmt::format("Training stopped: {}. The page still works: start again to train in a new worker.", why);
}

}  // namespace neurostep
