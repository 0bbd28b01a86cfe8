// trainer.h — mini-batch training of a classifier on an image set, and its evaluation.
//
// Images stay uint8 in memory; each batch is converted to float (pixel/255, or to [0.01, 1] for
// seed 004's scaling) when it is used. The loss is softmax + cross-entropy on the model's logits
// (or seed 004's squared error on sigmoid outputs, see ModelIO), averaged over the batch. Every
// batch is checked: a loss that is NaN or infinite stops training with a message, and the weights
// from before that batch are put back (the last good weights).
// Training can be cancelled through a std::stop_token between batches. Reproducible: the same
// seed and the same number of threads give the same shuffles, dropout masks and weights.
//
// Threads: with replicas (copies of the model with the same architecture), each batch is split
// into equal parts of at least 8 images; the model and every replica taking part run forward and
// backward on one part each on their own thread, the gradients are added up, and one optimizer
// step updates the model, whose weights are copied to a replica before it next takes part.
// (BatchNorm then normalizes each part by its own statistics.)
#pragma once

#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/evaluation.h"
#include "core/idx.h"
#include "core/model_spec.h"
#include "core/optimizer.h"
#include "core/sequential.h"

namespace neurostep {

struct TrainOptions {
  OptimizerOptions optimizer{.kind = OptimizerKind::Adam, .learning_rate = 0.001, .epsilon_inside_sqrt = false};
  int batch = 32;
  int epochs = 5;
  std::uint64_t seed = 1;
  int validation = 0;            // the last N training images are held out for validation
  int train_limit = 0;           // train on only the first N of the others (few images overfit); 0: all
  int report_every = 50;         // batches between progress reports
  ModelIO io;                    // inputs and outputs (seed 004's scaling and sigmoid outputs)
  double rotate_degrees = 0;     // augmentation: each training image turned by a random angle in ±this (seed 004 §6.4: 10)
};


// What the trainer reports while it runs (on the training thread).
struct TrainReport {
  int epoch = 0, batch = 0, batches = 0;  // epoch from 1; batch within it
  double loss = 0, accuracy = 0;          // running averages since the last report
  double samples_per_second = 0;
  bool epoch_end = false;
  double epoch_seconds = 0;               // at the end of an epoch: the time its batches took (without validation)
  Evaluation validation;                  // at the end of an epoch (if there is a validation split)
};

struct TrainResult {
  std::vector<TrainReport> epochs;  // one per finished epoch
  bool cancelled = false;
  std::string stopped;              // why training stopped early (NaN), empty otherwise
};

// The given images of `set` as an (count, 1, rows, cols) batch.
// How many of `count` images one epoch trains on: those not held out for validation, at most train_limit.
int images_trained_on(int count, const TrainOptions& options);

Tensor<float> image_batch(const ImageSet& set, const std::vector<int>& indices, const ModelIO& io = {});
// Images' pixels (0–1, rows × cols each, one image after another) as an (N, 1, rows, cols) batch.
Tensor<float> image_input(const std::vector<float>& pixels, int rows, int cols, const ModelIO& io = {});

// Turns each image of a (N, 1, H, W) batch about its centre by its own angle (degrees), with
// bilinear interpolation; what turns in from outside the image is `background`.
void rotate_batch(Tensor<float>& batch, const std::vector<double>& degrees, float background = 0);

TrainResult train(Sequential<float>& model, const ImageSet& data, const TrainOptions& options,
                  const std::function<void(const TrainReport&)>& report, std::stop_token stop = {},
                  const std::vector<Sequential<float>*>& replicas = {});

// What the model says of each image, (N, 10): the class probabilities (softmax of the logits), or
// for sigmoid outputs the outputs themselves (each in (0, 1), not summing to 1).
Tensor<float> predict_scores(Sequential<float>& model, const Tensor<float>& images, const ModelIO& io = {});
Tensor<float> predict_scores(Sequential<float>& model, const ImageSet& set, const std::vector<int>& indices, const ModelIO& io = {});

// Loss, accuracy and confusion matrix on images [first, first + count) of `set`.
Evaluation evaluate(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io = {});

}  // namespace neurostep
