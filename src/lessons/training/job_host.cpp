#include "lessons/training/job_host.h"

#include "lessons/training/job_messages.h"

namespace neurostep {

void JobHost::command(const std::string& message) {
  const JobCommand c = parse_command(message);
  if (c.job < id_) return;  // a new job has started since
  switch (c.kind) {
    case CommandKind::Start:
    case CommandKind::Load:
      id_ = c.job;
      model_sent_ = false;
      if (c.kind == CommandKind::Start)
        job_.start(c.spec, c.data_dir, c.options, c.comparison, c.versus);
      else
        job_.load(c.models, c.checkpoint, c.data_dir);
      break;
    case CommandKind::Pause: job_.pause(); break;
    case CommandKind::Resume: job_.resume(); break;
    case CommandKind::Cancel: job_.cancel(); break;
  }
}

bool JobHost::work(double budget_seconds) {
  job_.advance(budget_seconds);
  return job_.running() && job_.snapshot().state != JobState::Paused;
}

std::string JobHost::snapshot() const { return snapshot_json(id_, job_.snapshot()); }

bool JobHost::take_model(const std::filesystem::path& checkpoint) {
  if (model_sent_ || job_.running()) return false;
  model_sent_ = true;
  try {
    job_.save(checkpoint);
    return true;
  } catch (const std::exception&) {
    return false;  // there was no model (the data or the checkpoint did not load): the snapshot says why
  }
}

}  // namespace neurostep
