// trainer.h — mini-batch training of a classifier on an image set, and its evaluation.
//
// Images stay uint8 in memory; each batch is converted to float (pixel/255, or to [0.01, 1] for
// Symon's scaling) when it is used. The loss is softmax + cross-entropy on the model's logits
// (or Symon's squared error on sigmoid outputs, see ModelIO), averaged over the batch. Every
// batch is checked: a loss that is NaN or infinite stops training with a message, and the weights
// from before that batch are put back (the last good weights).
// Training is a `Training` advanced one unit of work at a time (a mini-batch, or a chunk of the
// validation set after an epoch), so that a caller without threads (the web page) can spread it over
// frames; train() is the loop over those steps, cancelled between them through a flag. Reproducible:
// the same seed and the same number of threads give the same shuffles, dropout masks and weights,
// whether stepped or looped.
//
// Threads: with replicas (copies of the model with the same architecture), each batch is split
// into equal parts of at least 8 images; the model and every replica taking part run forward and
// backward on one part each, each on a thread kept for the whole run (core/worker_threads.h), the
// gradients are added up, and one optimizer step updates the model, whose weights are copied to a
// replica before it next takes part.
// (BatchNorm then normalizes each part by its own statistics.)
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/evaluation.h"
#include "core/image_set.h"
#include "core/loss.h"
#include "core/model_spec.h"
#include "core/optimizer.h"
#include "core/sequential.h"
#include "core/worker_threads.h"

namespace neurostep {

struct TrainOptions {
  OptimizerOptions optimizer{.kind = OptimizerKind::Adam, .learning_rate = 0.001, .epsilon_inside_sqrt = false};
  int batch = 32;
  int epochs = 5;
  std::uint64_t seed = 1;
  int validation = 0;         // the last N training images are held out for validation
  int train_limit = 0;        // train on only the first N of the others (few images overfit); 0: all
  int report_every = 50;      // batches between progress reports
  ModelIO io;                 // inputs and outputs (Symon's scaling and sigmoid outputs)
  double rotate_degrees = 0;  // augmentation: each training image turned by a random angle in ±this (Symon, §6.4: 10)
};

// What the trainer reports while it runs (on the training thread).
struct TrainReport {
  int epoch = 0, batch = 0, batches = 0;  // epoch from 1; batch within it
  double loss = 0, accuracy = 0;          // running averages since the last report
  double samples_per_second = 0;
  bool epoch_end = false;
  double epoch_seconds = 0;  // at the end of an epoch: the time its batches took (without validation)
  Evaluation validation;     // at the end of an epoch (if there is a validation split)
};

struct TrainResult {
  std::vector<TrainReport> epochs;  // one per finished epoch
  bool cancelled = false;
  std::string stopped;  // why training stopped early (NaN), empty otherwise
};

// The given images of `set` as a (count, channels, rows, cols) batch.
// How many of `count` images one epoch trains on: those not held out for validation, at most train_limit.
int images_trained_on(int count, const TrainOptions& options);

Tensor<float> image_batch(const ImageSet& set, const std::vector<int>& indices, const ModelIO& io = {});
std::vector<int> labels_of(const ImageSet& set, const std::vector<int>& indices);  // their labels, in that order
// The loss of a batch of outputs against the labels, summed over the batch, with its gradient:
// softmax cross-entropy on logits, or Symon's squared error towards 0.01 and 0.99 (ModelIO).
LossResult<float> batch_loss(const Tensor<float>& outputs, const std::vector<int>& labels, const ModelIO& io);
// Images' pixels (0–1, rows × cols each, one image after another) as an (N, 1, rows, cols) batch.
Tensor<float> image_input(const std::vector<float>& pixels, int rows, int cols, const ModelIO& io = {});

// Turns each image of a (N, 1, H, W) batch about its centre by its own angle (degrees), with
// bilinear interpolation; what turns in from outside the image is `background`.
void rotate_batch(Tensor<float>& batch, const std::vector<double>& degrees, float background = 0);

// Evaluation of images [first, first + count) of `set` a chunk at a time: the same batches of 32,
// summed in the same order, so the result equals evaluate() over the whole range bit for bit.
class Evaluator {
 public:
  static constexpr int kBatch = 32, kChunk = 256;  // images per forward pass; at most per step (8 batches)
  Evaluator(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io = {});
  int step();  // evaluates the next chunk (at most kChunk images); returns how many images it took
  bool done() const { return next_ == end_; }
  Evaluation result() const;  // of the images evaluated so far

 private:
  Sequential<float>* model_;
  const ImageSet* set_;
  int first_, next_, end_;
  ModelIO io_;
  double loss_sum_ = 0;  // summed over the images, divided by their count in result()
  int right_ = 0;
  std::vector<int> confusion_ = std::vector<int>(100, 0);
};

// One training run, resumable: each step() does one unit of work — a mini-batch, or at an epoch's
// end one chunk of the validation set (Evaluator::kChunk images) — and reports through `report` as
// train() does. The model, data and replicas must outlive it. Reported speeds count only the time
// spent inside step(), so a caller's pauses between steps do not slow them down.
class Training {
 public:
  Training(Sequential<float>& model, const ImageSet& data, const TrainOptions& options,
           std::function<void(const TrainReport&)> report, std::vector<Sequential<float>*> replicas = {});
  int step();  // one unit of work; returns the images it took (a batch or a chunk); nothing once done()
  bool done() const { return done_; }
  const TrainResult& result() const { return result_; }  // the epochs so far, or why training stopped

 private:
  int train_batch();
  double run_parts(const std::vector<int>& idx,
                   int& right);  // forward/backward split over the replicas; the batch's loss
  bool restore_if_not_finite(double loss);
  void end_report();            // a report is due: starts the validation first at an epoch's end
  void deliver(TrainReport r);  // calls `report` and moves on to the next batch or epoch

  Sequential<float>& model_;
  const ImageSet& data_;
  TrainOptions o_;
  std::function<void(const TrainReport&)> report_;
  std::vector<Sequential<float>*> replicas_;
  std::vector<bool> replica_current_;  // a replica gets the model's weights only when it next takes part
  std::vector<Param<float>> params_;
  std::vector<Tensor<float>> last_good_;
  Optimizer<float> optimizer_;
  std::mt19937_64 rng_;
  std::vector<int> order_;
  int batches_, epoch_ = 1, batch_ = 0;  // batch_: the next batch of epoch_, from 0
  double loss_sum_ = 0;                  // since the last report
  int right_ = 0, seen_ = 0;
  std::chrono::duration<double> busy_{0}, epoch_busy_{0};  // time in train_batch since the last report, in this epoch
  std::optional<Evaluator> validation_;                    // at an epoch's end, until done
  TrainReport pending_;                                    // the epoch's last report, waiting for its validation
  TrainResult result_;
  bool done_ = false;
  std::unique_ptr<WorkerThreads> workers_;  // one per replica, for the whole run (none without replicas)
};

// Trains `model` to the end (a loop over Training::step()); stops between steps when `cancel` is
// set (then result.cancelled). `cancel` may be null.
TrainResult train(Sequential<float>& model, const ImageSet& data, const TrainOptions& options,
                  const std::function<void(const TrainReport&)>& report, const std::atomic<bool>* cancel = nullptr,
                  const std::vector<Sequential<float>*>& replicas = {});

// What the model says of each image, (N, 10): the class probabilities (softmax of the logits), or
// for sigmoid outputs the outputs themselves (each in (0, 1), not summing to 1).
Tensor<float> predict_scores(Sequential<float>& model, const Tensor<float>& images, const ModelIO& io = {});
Tensor<float> predict_scores(Sequential<float>& model, const ImageSet& set, const std::vector<int>& indices,
                             const ModelIO& io = {});

// Loss, accuracy and confusion matrix on images [first, first + count) of `set`.
Evaluation evaluate(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io = {});

}  // namespace neurostep
