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
#include "figure/figure.h"
#include "lessons/training/mnist_models.h"

namespace neurostep {

enum class JobState { Idle, Loading, Training, Paused, Finished, Failed, Cancelled };

// What a job trains: one run, or the same model from the same weights several times to compare —
// with each optimizer, or with its dropout layers and without them.
enum class Comparison { None, Optimizers, Dropout };

// The distribution of a layer's values over held-out images, as a histogram (its bins' centres
// and the density in each), and its mean and standard deviation.
struct Distribution {
  std::vector<double> x, density;
  double mean = 0, sd = 0;
};
// What the model's first batch normalization layer receives and gives after an epoch.
struct BatchNormSnapshot {
  int epoch = 0;
  Distribution input, output;
};
const char* job_state_name(JobState state);  // "loading the data", as the Train tab says it

// A test image with what the trained model thinks of it.
struct ExampleImage {
  std::vector<std::uint8_t> pixels;  // 28 × 28
  int label = 0;
  std::vector<float> probabilities;  // one per class
  int predicted() const;
};

// The learning curves of one run: training loss and accuracy per report (`at` in epochs), and
// validation loss and accuracy per epoch.
struct Curves {
  std::string label;  // in a comparison: the optimizer and its learning rate
  std::vector<double> at, loss, accuracy;
  std::vector<double> val_epoch, val_loss, val_accuracy;
  double test_accuracy = 0;  // in a comparison: after the run
};

struct TrainingSnapshot {
  int run = 0;                  // counts the runs started, so that views of an older model can tell
  std::string model;            // the name of the model trained or loaded ("seed003")
  JobState state = JobState::Idle;
  std::string message;          // what happened (an error, a NaN stop, the data source)
  int epoch = 0, epochs = 0, batch = 0, batches = 0;
  bool sigmoid_outputs = false;                              // the model's loss is squared error (seed 004)
  double samples_per_second = 0, eta_seconds = 0;
  Curves curves;                                             // of the run going on (or the last)
  std::vector<Curves> compared;                              // an optimizer comparison's finished runs
  Comparison comparison = Comparison::None;
  int compare_run = 0, compare_runs = 0;                     // which run of a comparison is going on (from 1)
  std::string batchnorm_layer;                               // the first BatchNorm layer's description, if the model has one
  std::vector<BatchNormSnapshot> batchnorm;                  // its inputs and outputs after each epoch
  std::optional<Evaluation> test;                            // after training
  std::vector<ExampleImage> mistakes;                        // misclassified test images (the first 12)
  std::vector<ExampleImage> samples;                         // random test images (6), right or wrong
  std::vector<std::string> layers;                           // the trained model's layers (layer_labels)
  int first_weighted_layer = 0;                              // the first layer with weights: whose maps to show first
  int test_count = 0;                                        // test images to explore
};

// What to look at inside the trained model: a test image (or the drawing), whose layer's
// feature maps, and how much noise.
struct ExploreRequest {
  int image = 0;                       // index into the test set
  std::optional<std::vector<float>> drawing;  // 28×28 (0–1): look at this instead
  int layer = 0;
  double noise = 0.3;                  // σ
};
struct Exploration {
  ExampleImage image;         // the image looked at, and what the model says of it
  std::vector<Figure> figures;  // feature maps, first-layer filters, noise, backwards query (see mnist_explore.h)
};

class TrainingJob {
 public:
  ~TrainingJob();

  // Starts training `spec` on the IDX files in `data_dir`; returns immediately. A comparison
  // trains it several times from the same initial weights and shuffles: Optimizers with SGD,
  // AdaGrad, RMSProp and Adam (seed 003 Fig. 22), each at Keras's default learning rate (0.01,
  // 0.001, 0.001, 0.001), the explored model then being Adam's; Dropout as it is and with every
  // dropout rate 0 (the explored model is then the one without).
  void start(const ModelSpec& spec, const std::filesystem::path& data_dir, const TrainOptions& options,
             Comparison comparison = Comparison::None);
  // Loads a saved model (whichever model of `models` has its architecture) and evaluates it on the
  // test set in `data_dir`, on the worker thread; afterwards it is explored and classifies like a
  // model trained here. A file that does not load leaves the job Failed with the reason.
  void load(const MnistModels& models, const std::filesystem::path& checkpoint, const std::filesystem::path& data_dir);
  void pause();
  void resume();
  void cancel();
  bool running() const;

  TrainingSnapshot snapshot() const;
  // The class probabilities of one 28×28 image (values 0–1) by the trained model; empty while
  // training runs or before there is a model.
  std::vector<float> classify(const std::vector<float>& image);

  // Looks inside the trained model (see mnist_explore.h); nothing while training runs or before
  // there is a model.
  std::optional<Exploration> explore(const ExploreRequest& request);

  // Writes the trained model (after Finished or Cancelled) as a checkpoint; throws on failure.
  void save(const std::filesystem::path& path);

 private:
  struct Run {  // one model trained with one set of options
    ModelSpec spec;
    TrainOptions options;
    std::string label;  // "Adam, learning rate 0.001", "without dropout"
  };
  static std::vector<Run> runs_of(const ModelSpec& spec, const TrainOptions& options, Comparison comparison);
  void run(std::stop_token stop, std::filesystem::path data_dir, std::vector<Run> runs);
  // Trains run k of n (from 0) on `data`, publishing its progress; `source` says where the data came from.
  TrainResult train_run(std::stop_token stop, const Dataset& data, const Run& run, std::size_t k, std::size_t n, const std::string& source);
  void publish_report(const TrainReport& r, const TrainOptions& options, double runs_after);
  // Records what the first BatchNorm layer receives and gives for held-out images, after `epoch`.
  void record_batchnorm(const ImageSet& train_set, const TrainOptions& options, int epoch);
  void set_state(JobState s, std::string message = "");
  void begin(Comparison comparison, int compare_runs, int epochs);  // a fresh snapshot for a new run, on the UI thread
  void describe_model(int test_count);                          // the model's layers, under the lock
  // Evaluates the model on the test set and publishes it with mistakes and random examples.
  void publish_test_results(const ImageSet& test, std::uint64_t seed, const std::string& stopped, const std::string& done);

  mutable std::mutex mutex_;
  std::condition_variable_any resume_;
  TrainingSnapshot snap_;
  std::atomic<bool> paused_{false};
  std::unique_ptr<Sequential<float>> model_;  // touched by the worker only while it runs
  ModelIO io_;                                // the model's input scaling and outputs
  ImageSet test_;                             // the test set of the last run, for exploring
  std::jthread worker_;
};

}  // namespace neurostep
