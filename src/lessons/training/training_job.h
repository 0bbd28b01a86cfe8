// training_job.h — training an MNIST model for the window, without ever making it wait long.
//
// The job's work is a queue of short steps: load the data; for each run, build the model, then one
// mini-batch per step (at an epoch's end the validation set in chunks of at most 256 images, and
// the batch-norm snapshot); then the test set in chunks, the search for mistakes, and the results.
// Two drivers run the same steps: Thread (the desktop) loops over them on a std::thread of its
// own at a lower priority, and Slices runs them on the caller's thread in advance(), called once
// per frame with a time budget (the web page's Web Worker runs a job so). A third, Remote, runs
// none here: it sends its commands elsewhere (the web page's worker, through JobHost) and mirrors
// the snapshots and the trained model that come back (training_job_remote.cpp). Progress and curves are published
// in a small snapshot under a mutex, which the window copies every frame. Pause, resume and cancel
// take effect between steps. No GUI code here: the same job could drive any front end.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
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

// Who runs the job's steps: a worker thread, the caller in slices (see advance()), or whoever
// set_remote() sends the commands to.
enum class JobDriver { Thread, Slices, Remote };
enum class CommandKind;  // job_messages.h

// Remote mode's way out: delivers a command (job_messages.h) and the files it names (the data
// set's files, a checkpoint to load), which the other side needs at the same paths.
using RemoteSend = std::function<void(const std::string& command, const std::vector<std::filesystem::path>& files)>;

enum class JobState { Idle, Loading, Training, Paused, Finished, Failed, Cancelled };

// What a job trains: one run, or the same model from the same weights several times to compare —
// with each optimizer, with its dropout layers and without them, or with every hidden activation
// a sigmoid and then a leaky ReLU (Creus & Picón, §III) — or two models on the same data in the same
// order (Models: the model's `versus`, then the model; Jäppinen 2024, Fig. 35).
enum class Comparison { None, Optimizers, Dropout, Activations, Models };

// Whether Comparison::Activations has something to change in `spec`: a hidden sigmoid or leaky
// ReLU (the MLPs of Creus & Picón and Symon).
bool compares_activations(const ModelSpec& spec);

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
  std::vector<std::uint8_t> pixels;  // channels planes of rows × cols (MNIST's one 28 × 28; CIFAR-10's red,
                                     // green and blue 32 × 32)
  int label = 0;
  std::vector<float> probabilities;  // one per class
  int rows = 28, cols = 28, channels = 1;
  int predicted() const;
};

// The learning curves of one run: training loss and accuracy per report (`at` in epochs), and
// validation loss and accuracy per epoch.
struct Curves {
  std::string label;  // in a comparison: the optimizer and its learning rate, the activation, the model
  std::vector<double> at, loss, accuracy;
  std::vector<double> val_epoch, val_loss, val_accuracy;
  double test_accuracy = 0;  // in a comparison: after the run
  std::vector<int>
      confusion;  // in a comparison: the test set's after the run, classes × classes (row: true, column: predicted)
};

struct TrainingSnapshot {
  int run = 0;        // counts the runs started, so that views of an older model can tell
  std::string model;  // the name of the model trained or loaded ("sougrati")
  JobState state = JobState::Idle;
  std::string message;  // what happened (an error, a NaN stop, the data source)
  int epoch = 0, epochs = 0, batch = 0, batches = 0;
  bool sigmoid_outputs = false;  // the model's loss is squared error (Symon)
  double samples_per_second = 0, eta_seconds = 0;
  Curves curves;                 // of the run going on (or the last)
  std::vector<Curves> compared;  // a comparison's finished runs
  Comparison comparison = Comparison::None;
  int compare_run = 0, compare_runs = 0;     // which run of a comparison is going on (from 1)
  std::string batchnorm_layer;               // the first BatchNorm layer's description, if the model has one
  std::vector<BatchNormSnapshot> batchnorm;  // its inputs and outputs after each epoch
  std::optional<Evaluation> test;            // after training
  std::vector<std::string> class_names;      // the data set's names of its classes; empty: the classes are 0–9
  std::vector<ExampleImage> mistakes;        // misclassified test images (the first 12)
  std::vector<ExampleImage> samples;         // random test images (6), right or wrong
  std::vector<std::string> layers;           // the trained model's layers (layer_labels)
  int first_weighted_layer = 0;              // the first layer with weights: whose maps to show first
  int test_count = 0;                        // test images to explore
};

// What to look at inside the trained model: a test image (or the drawing), whose layer's
// feature maps, and how much noise.
struct ExploreRequest {
  int image = 0;                              // index into the test set
  std::optional<std::vector<float>> drawing;  // 28×28 (0–1): look at this instead
  int layer = 0;
  double noise = 0.3;  // σ
};
struct Exploration {
  ExampleImage image;           // the image looked at, and what the model says of it
  std::vector<Figure> figures;  // feature maps, first-layer filters, noise, backwards query (see mnist_explore.h)
};

class TrainingJob {
 public:
  ~TrainingJob();

  // Chosen once, before the first start() or load(); Thread by default. `threads`: how many train
  // in Thread mode (the model and its replicas), 0 for one per core; in Slices mode the model
  // trains alone.
  void set_driver(JobDriver driver, unsigned threads = 0);
  // Slices mode: runs steps until `budget_seconds` have passed, at least one (so that a step longer
  // than the budget still makes progress). Nothing in Thread mode, while paused, or with no work.
  void advance(double budget_seconds);
  // Remote mode, chosen instead of set_driver(): the steps run where `send` delivers the commands.
  // Whoever runs them reports back through the three calls below (on this job's thread).
  void set_remote(RemoteSend send);
  // A snapshot message (job_messages.h): one of an older job is ignored, a broken one fails the job.
  void receive_snapshot(const std::string& message);
  // The model job `job` trained or loaded, as a checkpoint file, and the test set it was tested
  // on (to explore): sent before the snapshot that says the job has ended.
  void receive_model(int job, const std::filesystem::path& checkpoint, ImageSet test);
  // The other side stopped (a crashed worker): a running job fails, saying `why`.
  void remote_failed(const std::string& why);

  // The most images one step of the current job has taken (a batch, or a chunk of at most 256):
  // what a frame may have to wait for in Slices mode.
  int largest_step() const { return largest_step_; }

  // Starts training `spec` on the IDX files in `data_dir`; returns immediately. A comparison
  // trains it several times from the same initial weights and shuffles: Optimizers with SGD,
  // AdaGrad, RMSProp and Adam (Sougrati et al., Fig. 22), each at Keras's default learning rate (0.01,
  // 0.001, 0.001, 0.001), the explored model then being Adam's; Dropout as it is and with every
  // dropout rate 0 (the explored model is then the one without); Activations with every hidden
  // activation (each but a last layer) a sigmoid, then a leaky ReLU of slope 0.01 (that one is
  // kept); Models `versus`, then `spec` (kept), with the same options, so the same shuffles.
  void start(const ModelSpec& spec, const std::filesystem::path& data_dir, const TrainOptions& options,
             Comparison comparison = Comparison::None, const std::optional<ModelSpec>& versus = std::nullopt);
  // Loads a saved model (whichever model of `models` has its architecture) and evaluates it on the
  // test set in `data_dir`, in steps like training; afterwards it is explored and classifies like a
  // model trained here. A file that does not load leaves the job Failed with the reason.
  void load(const MnistModels& models, const std::filesystem::path& checkpoint, const std::filesystem::path& data_dir);
  void pause();
  void resume();
  void cancel();
  bool running() const;

  TrainingSnapshot snapshot() const;
  // The class probabilities of one 28×28 image (values 0–1) by the trained model; empty while
  // training runs, before there is a model, or for a model of other images (CIFAR-10).
  std::vector<float> classify(const std::vector<float>& image);

  // Looks inside the trained model (see mnist_explore.h); nothing while training runs, before
  // there is a model, or for a model of other images than 28×28 digits.
  std::optional<Exploration> explore(const ExploreRequest& request);
  bool takes_digits() const;  // whether the model's images are 28×28 digits (classify, explore)

  // Writes the trained model (after Finished or Cancelled) as a checkpoint; throws on failure.
  void save(const std::filesystem::path& path);
  // The test set of the last job (to send it with the model, in Remote mode); empty before.
  const ImageSet& test_set() const { return test_; }

 private:
  struct Run {  // one model trained with one set of options
    ModelSpec spec;
    TrainOptions options;
    std::string label;  // "Adam, learning rate 0.001", "without dropout"
  };
  using Task = std::function<bool()>;  // runs one step of a piece of work; true once that piece is complete
  // What the steps of one job share; touched only by whoever runs the steps. It stays in one place
  // (behind work_) because the Training refers to its data and replicas.
  struct Work {
    std::deque<Task> tasks;
    Dataset data;
    std::vector<Run> runs;
    std::size_t run = 0;  // which of the runs is going on
    std::vector<Sequential<float>> replicas;
    std::optional<Training> training;     // the run going on
    int batchnorm_epoch = 0;              // an epoch whose batch-norm snapshot is due (a step of its own)
    TrainResult result;                   // of the last run
    std::optional<Evaluator> evaluation;  // of the test set, going on
    Evaluation test;
    int searched = 0;          // test images searched for mistakes
    std::vector<int> wrong;    // the mistakes found (the first 12)
    std::uint64_t seed = 1;    // picks the random examples
    std::string source, done;  // where the data came from; what the final message says first
  };
  static std::vector<Run> runs_of(const ModelSpec& spec, const TrainOptions& options, Comparison comparison,
                                  const std::optional<ModelSpec>& versus);
  void begin(Comparison comparison, int compare_runs,
             int epochs);  // a fresh snapshot and work for a new job, on the UI thread
  void launch();           // Thread mode: starts the worker on the queued tasks
  void work_on_thread();
  bool step();  // runs the next task once; false when no work is left
  void count_images(std::size_t images);
  // The tasks, in the order start() and load() queue them.
  bool load_data(const std::filesystem::path& data_dir);
  bool load_model(const MnistModels& models, const std::filesystem::path& checkpoint,
                  const std::filesystem::path& data_dir);
  bool begin_run(std::size_t k);  // builds run k's model and its Training
  bool train_step();
  std::optional<Evaluation> test_chunk();  // one chunk of the test evaluation; the evaluation once complete
  bool search_step();                      // one chunk of the search for mistakes
  bool publish_test_results();
  void queue_test_results();
  void publish_report(const TrainReport& r, const TrainOptions& options, double runs_after);
  // Records what the first BatchNorm layer receives and gives for held-out images, after `epoch`;
  // returns how many images it looked at.
  int record_batchnorm(const ImageSet& train_set, const TrainOptions& options, int epoch);
  void set_state(JobState s, std::string message = "");
  void describe_model(int test_count);  // the model's layers, under the lock
  // Remote mode (training_job_remote.cpp).
  void start_remote(const ModelSpec& spec, const std::filesystem::path& data_dir, const TrainOptions& options,
                    Comparison comparison, const std::optional<ModelSpec>& versus);
  void load_remote(const MnistModels& models, const std::filesystem::path& checkpoint,
                   const std::filesystem::path& data_dir);
  void send_remote(CommandKind kind);  // pause, resume or cancel the job going on
  void cancel_remote();

  mutable std::mutex mutex_;        // guards snap_, and paused_ and stop_ for resume_
  std::condition_variable resume_;  // Thread mode: wakes a paused worker
  TrainingSnapshot snap_;
  JobDriver driver_ = JobDriver::Thread;
  unsigned threads_ = 0;  // Thread mode's training threads; 0: one per core
  std::atomic<bool> paused_{false}, stop_{false};
  std::atomic<int> largest_step_{0};
  std::unique_ptr<Work> work_;
  std::unique_ptr<Sequential<float>> model_;  // touched by the steps only while the job runs
  ModelIO io_;                                // the model's input scaling and outputs
  ImageSet test_;                             // the test set of the last run, for exploring
  std::thread worker_;
  RemoteSend remote_;          // Remote mode: where commands go
  MnistModels remote_models_;  // Remote mode: the models a model sent back may be
  bool remote_ended_ = false;  // Remote mode: the job was ended here (cancelled, failed): its later news is old
};

}  // namespace neurostep
