// training_job.h — training an MNIST model on a worker thread, for the window.
//
// The job loads the data, builds the model and trains it on its own thread (std::jthread); the
// window never waits on it. Progress and curves are published in a small snapshot under a mutex,
// which the window copies every frame. Pause, resume and cancel take effect between batches.
// No GUI code here: the same job could drive any front end.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/model_spec.h"
#include "core/trainer.h"

namespace neurostep {

enum class JobState { Idle, Loading, Training, Paused, Finished, Failed, Cancelled };

// A test image with what the trained model thinks of it.
struct ExampleImage {
  std::vector<std::uint8_t> pixels;  // 28 × 28
  int label = 0;
  std::vector<float> probabilities;  // one per class
  int predicted() const;
};

struct TrainingSnapshot {
  JobState state = JobState::Idle;
  std::string message;          // what happened (an error, a NaN stop, the data source)
  int epoch = 0, epochs = 0, batch = 0, batches = 0;
  bool sigmoid_outputs = false;                              // the model's loss is squared error (seed 004)
  double samples_per_second = 0, eta_seconds = 0;
  std::vector<double> at, loss, accuracy;                    // training, per report; `at` in epochs
  std::vector<double> val_epoch, val_loss, val_accuracy;     // validation, per epoch
  std::optional<Evaluation> test;                            // after training
  std::vector<ExampleImage> mistakes;                        // misclassified test images (the first 12)
  std::vector<ExampleImage> samples;                         // random test images (6), right or wrong
};

class TrainingJob {
 public:
  ~TrainingJob();

  // Starts training `spec` on the IDX files in `data_dir`; returns immediately.
  void start(const ModelSpec& spec, const std::filesystem::path& data_dir, const TrainOptions& options);
  void pause();
  void resume();
  void cancel();
  bool running() const;

  TrainingSnapshot snapshot() const;
  // The class probabilities of one 28×28 image (values 0–1) by the trained model; empty while
  // training runs or before there is a model.
  std::vector<float> classify(const std::vector<float>& image);

  // Writes the trained model (after Finished or Cancelled) as a checkpoint; throws on failure.
  void save(const std::filesystem::path& path);

 private:
  void run(std::stop_token stop, ModelSpec spec, std::filesystem::path data_dir, TrainOptions options);
  void set_state(JobState s, std::string message = "");

  mutable std::mutex mutex_;
  std::condition_variable_any resume_;
  TrainingSnapshot snap_;
  std::atomic<bool> paused_{false};
  std::unique_ptr<Sequential<float>> model_;  // touched by the worker only while it runs
  ModelIO io_;                                // the model's input scaling and outputs
  std::jthread worker_;
};

}  // namespace neurostep
