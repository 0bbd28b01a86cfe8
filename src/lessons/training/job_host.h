// job_host.h — the other end of a Remote TrainingJob: runs the commands it receives (job_messages.h)
// on a TrainingJob of its own, in slices of the caller's thread, and gives what to send back — the
// snapshot after each slice, and once the job has ended the model it trained or loaded. The web
// page's Web Worker runs one (src/app/web/trainer_worker.cpp); no transport here.
#pragma once

#include <filesystem>
#include <string>

#include "lessons/training/training_job.h"

namespace neurostep {

class JobHost {
 public:
  JobHost() { job_.set_driver(JobDriver::Slices); }
  // A command; the files it names are already where it says. A broken one throws MessageError, and
  // one about an older job than the last started does nothing.
  void command(const std::string& message);
  // Runs the job's steps for about `budget_seconds` (at least one); true while there is more to
  // run and the job is not paused.
  bool work(double budget_seconds);
  // The job's snapshot, as a message for the Remote job.
  std::string snapshot() const;
  // Once the job has ended with a model: writes it to `checkpoint` and returns true, once per job.
  bool take_model(const std::filesystem::path& checkpoint);
  int job() const { return id_; }
  const ImageSet& test_set() const { return job_.test_set(); }  // what the model was tested on

 private:
  TrainingJob job_;
  int id_ = 0;  // the number the Remote job gave the job going on
  bool model_sent_ = true;
};

}  // namespace neurostep
