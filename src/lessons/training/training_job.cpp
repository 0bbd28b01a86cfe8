#include "lessons/training/training_job.h"

#include <fmt/format.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <random>

#include "core/io/checkpoint.h"
#include "core/io/idx.h"
#include "figure/diagram.h"
#include "lessons/training/job_messages.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/mnist_explore.h"

namespace neurostep {

const char* job_state_name(JobState state) {
  switch (state) {
    case JobState::Idle: return "idle";
    case JobState::Loading: return "loading the data";
    case JobState::Training: return "training";
    case JobState::Paused: return "paused";
    case JobState::Finished: return "finished";
    case JobState::Failed: return "stopped";
    case JobState::Cancelled: return "cancelled";
  }
  return "";
}

int ExampleImage::predicted() const {
  return static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
}

namespace {
// What the model thinks of the given test images.
std::vector<ExampleImage> examples(Sequential<float>& model, const ImageSet& set, const std::vector<int>& indices,
                                   const ModelIO& io) {
  std::vector<ExampleImage> out;
  if (indices.empty()) return out;
  const Tensor<float> p = predict_scores(model, set, indices, io);
  const std::size_t classes = static_cast<std::size_t>(p.dim(1));
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const std::uint8_t* img = set.image(indices[i]);
    out.push_back(
        {std::vector<std::uint8_t>(img, img + set.image_bytes()), set.labels[static_cast<std::size_t>(indices[i])],
         std::vector<float>(p.data() + i * classes, p.data() + (i + 1) * classes), set.rows, set.cols, set.channels});
  }
  return out;
}
}  // namespace

TrainingJob::~TrainingJob() { cancel(); }

void TrainingJob::set_driver(JobDriver driver, unsigned threads) {
  assert(!worker_.joinable() && !work_ && "TrainingJob::set_driver: choose the driver before the first start()");
  driver_ = driver;
  threads_ = threads;
}

void TrainingJob::set_state(JobState s, std::string message) {
  std::lock_guard lock(mutex_);
  snap_.state = s;
  if (!message.empty()) snap_.message = std::move(message);
}

void TrainingJob::begin(Comparison comparison, int compare_runs, int epochs) {
  cancel();
  std::lock_guard lock(mutex_);
  snap_ = TrainingSnapshot{.run = snap_.run + 1};
  snap_.state = JobState::Loading;
  snap_.epochs = epochs;
  snap_.comparison = comparison;
  snap_.compare_runs = compare_runs;
  paused_ = stop_ = false;
  largest_step_ = 0;
  remote_ended_ = false;
  work_ = driver_ == JobDriver::Remote ? nullptr : std::make_unique<Work>();
}

namespace {

constexpr const char* kActivationTypes[] = {"relu", "sigmoid", "tanh", "leaky_relu", "elu"};
bool is_activation(const std::string& type) {
  return std::find(std::begin(kActivationTypes), std::end(kActivationTypes), type) != std::end(kActivationTypes);
}

// `spec` with every hidden activation (every one but a last layer, which is an output) of `type`.
ModelSpec with_hidden_activations(ModelSpec spec, const char* type) {
  for (std::size_t i = 0; i + 1 < spec.layers.size(); ++i)
    if (is_activation(spec.layers[i].type)) {
      spec.layers[i].type = type;
      spec.layers[i].slope = 0.01;  // Creus & Picón, §II.C.1: x/100 for x < 0
    }
  return spec;
}

// "Jäppinen's fully connected Fashion-MNIST network: 111,146 parameters": what a compared model is called (its title
// without the parenthesis, which a plot's legend has no room for).
std::string model_label(const ModelSpec& spec) {
  const std::string name = spec.title.empty() ? spec.name : spec.title.substr(0, spec.title.find(" ("));
  return fmt::format("{}: {} parameters", name, thousands(build_model<float>(spec, 1).param_count()));
}

}  // namespace

bool compares_activations(const ModelSpec& spec) {
  for (std::size_t i = 0; i + 1 < spec.layers.size(); ++i)
    if (spec.layers[i].type == "sigmoid" || spec.layers[i].type == "leaky_relu") return true;
  return false;
}

std::vector<TrainingJob::Run> TrainingJob::runs_of(const ModelSpec& spec, const TrainOptions& options,
                                                   Comparison comparison, const std::optional<ModelSpec>& versus) {
  const auto optimizer_label = [](const TrainOptions& o) {
    return fmt::format("{}, learning rate {}", optimizer_title(o.optimizer.kind), o.optimizer.learning_rate);
  };
  std::vector<Run> runs;
  if (comparison == Comparison::Optimizers) {
    for (const auto& [kind, rate] : {std::pair{OptimizerKind::SGD, 0.01},
                                     {OptimizerKind::AdaGrad, 0.001},
                                     {OptimizerKind::RMSProp, 0.001},
                                     {OptimizerKind::Adam, 0.001}}) {
      TrainOptions o = options;
      o.optimizer.kind = kind;
      o.optimizer.learning_rate = rate;
      runs.push_back({spec, o, optimizer_label(o)});
    }
  } else if (comparison == Comparison::Dropout) {
    ModelSpec without = spec;
    std::string rates;
    for (LayerSpec& l : without.layers)
      if (l.type == "dropout") {
        rates += fmt::format("{}{}", rates.empty() ? "" : ", ", l.rate);
        l.rate = 0;
      }
    runs = {{spec, options, fmt::format("with dropout (p = {})", rates)}, {without, options, "without dropout"}};
  } else if (comparison == Comparison::Activations) {
    runs = {{with_hidden_activations(spec, "sigmoid"), options, "sigmoid"},
            {with_hidden_activations(spec, "leaky_relu"), options, "leaky ReLU (slope 0.01)"}};
  } else if (comparison == Comparison::Models) {
    if (!versus)
      throw std::invalid_argument("TrainingJob::start: a comparison of models needs the model to compare with");
    runs = {{*versus, options, model_label(*versus)},
            {spec, options, model_label(spec)}};  // the model chosen last: it is kept
  } else {
    runs.push_back({spec, options, optimizer_label(options)});
  }
  return runs;
}

void TrainingJob::start(const ModelSpec& spec, const std::filesystem::path& data_dir, const TrainOptions& options,
                        Comparison comparison, const std::optional<ModelSpec>& versus) {
  if (driver_ == JobDriver::Remote) return start_remote(spec, data_dir, options, comparison, versus);
  std::vector<Run> runs = runs_of(spec, options, comparison, versus);
  begin(comparison, comparison == Comparison::None ? 0 : static_cast<int>(runs.size()), options.epochs);
  {
    std::lock_guard lock(mutex_);
    snap_.model = spec.name;
  }
  Work& w = *work_;
  w.runs = std::move(runs);
  w.seed = w.runs.back().options.seed;
  if (w.runs.size() > 1) w.done = fmt::format("The model kept is the last run's ({}).", w.runs.back().label);
  w.tasks.push_back([this, data_dir] { return load_data(data_dir); });
  for (std::size_t k = 0; k < w.runs.size(); ++k) {  // one run, or one per compared setting, each from the same weights
    w.tasks.push_back([this, k] { return begin_run(k); });
    w.tasks.push_back([this] { return train_step(); });
    if (w.runs.size() > 1)  // a comparison keeps every run's curves and test accuracy
      w.tasks.push_back([this] {
        const std::optional<Evaluation> test = test_chunk();
        if (!test) return false;
        std::lock_guard lock(mutex_);
        snap_.compared.push_back(snap_.curves);
        snap_.compared.back().test_accuracy = test->accuracy;
        snap_.compared.back().confusion = test->confusion;
        return true;
      });
  }
  queue_test_results();
  launch();
}

void TrainingJob::load(const MnistModels& models, const std::filesystem::path& checkpoint,
                       const std::filesystem::path& data_dir) {
  if (driver_ == JobDriver::Remote) return load_remote(models, checkpoint, data_dir);
  begin(Comparison::None, 0, 0);
  work_->tasks.push_back([this, models, checkpoint, data_dir] { return load_model(models, checkpoint, data_dir); });
  queue_test_results();
  launch();
}

void TrainingJob::queue_test_results() {
  work_->tasks.push_back([this] {
    const std::optional<Evaluation> test = test_chunk();
    if (test) work_->test = *test;
    return test.has_value();
  });
  work_->tasks.push_back([this] { return search_step(); });
  work_->tasks.push_back([this] { return publish_test_results(); });
}

void TrainingJob::launch() {
  if (driver_ == JobDriver::Thread) worker_ = std::thread([this] { work_on_thread(); });
}

void TrainingJob::work_on_thread() {
#ifdef __linux__
  // Training gives way to the window: a lower priority for this thread and the threads it starts
  // (Linux keeps a nice value per thread, named by its thread id, and new threads inherit it).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
  while (!stop_ && step()) {
    std::unique_lock lock(mutex_);
    resume_.wait(lock, [&] { return !paused_ || stop_; });
  }
}

void TrainingJob::advance(double budget_seconds) {
  if (driver_ != JobDriver::Slices || paused_) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(budget_seconds);
  while (step() && std::chrono::steady_clock::now() < until) {
  }
}

bool TrainingJob::step() {
  if (!work_ || work_->tasks.empty()) return false;
  try {
    if (work_->tasks.front()()) work_->tasks.pop_front();
  } catch (const std::exception& e) {
    work_->tasks.clear();
    set_state(JobState::Failed, e.what());
  }
  if (!work_->tasks.empty()) return true;
  work_.reset();  // done: the training set and the replicas are no longer needed
  return false;
}

void TrainingJob::count_images(std::size_t images) {
  largest_step_ = std::max(largest_step_.load(), static_cast<int>(images));
}

void TrainingJob::pause() {
  {
    std::lock_guard lock(mutex_);
    if (snap_.state != JobState::Training) return;
    paused_ = true;
    snap_.state = JobState::Paused;
  }
  if (driver_ == JobDriver::Remote) send_remote(CommandKind::Pause);
}

void TrainingJob::resume() {
  {
    std::lock_guard lock(mutex_);
    if (snap_.state != JobState::Paused) return;
    paused_ = false;
    snap_.state = JobState::Training;
  }
  resume_.notify_all();
  if (driver_ == JobDriver::Remote) send_remote(CommandKind::Resume);
}

void TrainingJob::cancel() {
  if (driver_ == JobDriver::Remote) return cancel_remote();
  {
    std::lock_guard lock(mutex_);  // under the lock, so that a worker about to wait sees it
    stop_ = true;
  }
  resume_.notify_all();
  if (worker_.joinable()) worker_.join();  // it stops after the step it is in
  if (!work_) return;                      // the job had ended by itself
  work_.reset();
  set_state(JobState::Cancelled, "Training was cancelled; the model keeps the weights it had reached.");
}

bool TrainingJob::running() const {
  const JobState s = snapshot().state;
  return s == JobState::Loading || s == JobState::Training || s == JobState::Paused;
}

TrainingSnapshot TrainingJob::snapshot() const {
  std::lock_guard lock(mutex_);
  return snap_;
}

// The views inside a model and a drawn digit's scores are the MNIST models': 28×28 images, one
// channel (not a CIFAR-10 model's); a job that holds no test set has trained on digits.
bool TrainingJob::takes_digits() const {
  return test_.count == 0 || (test_.channels == 1 && test_.rows == 28 && test_.cols == 28);
}

std::vector<float> TrainingJob::classify(const std::vector<float>& image) {
  if (running() || !model_ || !takes_digits()) return {};
  return predict_scores(*model_, image_input(image, 28, 28, io_), io_).values();
}

std::optional<Exploration> TrainingJob::explore(const ExploreRequest& r) {
  if (running() || !model_ || test_.count == 0 || !takes_digits()) return std::nullopt;
  Exploration e;
  const int index = std::clamp(r.image, 0, test_.count - 1);
  const std::vector<float> pixels = r.drawing ? *r.drawing : image_batch(test_, {index}).values();
  e.image.label = r.drawing ? -1 : test_.labels[static_cast<std::size_t>(index)];
  for (float v : pixels)
    e.image.pixels.push_back(static_cast<std::uint8_t>(std::lround(255 * std::clamp(v, 0.0f, 1.0f))));
  e.image.probabilities = predict_scores(*model_, image_input(pixels, 28, 28, io_), io_).values();
  e.figures = inside_figures(*model_, io_, pixels, e.image.label, std::max(0, r.layer), r.noise);
  return e;
}

void TrainingJob::save(const std::filesystem::path& path) {
  if (running() || !model_) throw std::runtime_error("there is no trained model to save yet");
  save_checkpoint(*model_, path);
}

void TrainingJob::describe_model(int test_count) {
  std::lock_guard lock(mutex_);
  snap_.layers = layer_labels(*model_);
  snap_.first_weighted_layer = 0;
  while (snap_.first_weighted_layer + 1 < static_cast<int>(model_->size()) &&
         model_->layer(static_cast<std::size_t>(snap_.first_weighted_layer)).params().empty())
    ++snap_.first_weighted_layer;
  snap_.test_count = test_count;
  snap_.sigmoid_outputs = io_.sigmoid_outputs;
}

bool TrainingJob::load_data(const std::filesystem::path& data_dir) {
  Work& w = *work_;
  w.data = load_dataset_dir(data_dir);
  for (Run& r : w.runs) {
    if (r.options.validation <= 0) r.options.validation = w.data.train.count / 5;
    r.options.report_every = 10;
  }
  const TrainOptions& first = w.runs.front().options;
  io_ = first.io;
  test_ = w.data.test;  // kept for exploring the model afterwards
  {
    std::lock_guard lock(mutex_);
    snap_.class_names = test_.class_names;
  }
  w.source =
      fmt::format("{} training, {} validation and {} test images from {}", images_trained_on(w.data.train.count, first),
                  first.validation, w.data.test.count, w.data.source);
  return true;
}

bool TrainingJob::load_model(const MnistModels& models, const std::filesystem::path& checkpoint,
                             const std::filesystem::path& data_dir) {
  Work& w = *work_;
  w.data = load_dataset_dir(data_dir);
  LoadedModel loaded = load_mnist_checkpoint(models, checkpoint);
  io_ = loaded.model->spec.io;
  test_ = w.data.test;
  model_ = std::make_unique<Sequential<float>>(std::move(loaded.network));
  describe_model(w.data.test.count);
  {
    std::lock_guard lock(mutex_);
    snap_.class_names = test_.class_names;
  }
  w.done = fmt::format("Loaded {} ({}).", checkpoint.string(), loaded.model->spec.title);
  std::lock_guard lock(mutex_);
  snap_.model = loaded.model->spec.name;
  return true;
}

bool TrainingJob::begin_run(std::size_t k) {
  Work& w = *work_;
  const Run& run = w.runs[k];
  const std::size_t n = w.runs.size();
  w.run = k;
  model_ = std::make_unique<Sequential<float>>(build_model<float>(run.spec, run.options.seed));
  // In Thread mode every core trains: one replica of the model per extra core (the window's thread
  // mostly waits for the screen). In Slices mode the window's thread is the only one.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = driver_ == JobDriver::Slices ? 1 : threads_ > 0 ? threads_ : cores;
  w.replicas.clear();
  for (unsigned t = 1; t < threads; ++t) w.replicas.push_back(build_model<float>(run.spec, run.options.seed + t));
  std::vector<Sequential<float>*> replicas;
  for (auto& r : w.replicas) replicas.push_back(&r);
  describe_model(w.data.test.count);
  {
    std::lock_guard lock(mutex_);
    snap_.state = paused_ ? JobState::Paused : JobState::Training;
    snap_.curves = Curves{.label = run.label};
    snap_.batchnorm.clear();
    snap_.compare_run = n > 1 ? static_cast<int>(k) + 1 : 0;
    snap_.message = n > 1 ? fmt::format("Comparing, run {} of {}: {}. {}", k + 1, n, run.label, w.source) : w.source;
  }
  w.training.emplace(
      *model_, w.data.train, run.options,
      [this, k, n](const TrainReport& r) {
        publish_report(r, work_->runs[k].options, static_cast<double>(n - k - 1));
        if (r.epoch_end) work_->batchnorm_epoch = r.epoch;
      },
      replicas);
  return true;
}

bool TrainingJob::train_step() {
  Work& w = *work_;
  if (w.batchnorm_epoch > 0) {  // the snapshot of the epoch just ended, before the next batch
    count_images(static_cast<std::size_t>(record_batchnorm(w.data.train, w.runs[w.run].options, w.batchnorm_epoch)));
    w.batchnorm_epoch = 0;
  } else {
    count_images(static_cast<std::size_t>(w.training->step()));
  }
  if (w.batchnorm_epoch > 0 || !w.training->done()) return false;
  w.result = w.training->result();
  w.training.reset();
  return true;
}

std::optional<Evaluation> TrainingJob::test_chunk() {
  Work& w = *work_;
  if (!w.evaluation) w.evaluation.emplace(*model_, w.data.test, 0, w.data.test.count, io_);
  count_images(static_cast<std::size_t>(w.evaluation->step()));
  if (!w.evaluation->done()) return std::nullopt;
  const Evaluation e = w.evaluation->result();
  w.evaluation.reset();
  return e;
}

bool TrainingJob::search_step() {
  Work& w = *work_;
  const ImageSet& test = w.data.test;
  std::vector<int> idx;
  for (int i = w.searched; i < std::min(test.count, w.searched + Evaluator::kChunk); ++i) idx.push_back(i);
  const std::vector<ExampleImage> seen = examples(*model_, test, idx, io_);
  for (std::size_t i = 0; i < seen.size() && w.wrong.size() < 12; ++i)
    if (seen[i].predicted() != seen[i].label) w.wrong.push_back(idx[i]);
  w.searched += static_cast<int>(idx.size());
  count_images(idx.size());
  return w.wrong.size() == 12 || w.searched >= test.count;
}

bool TrainingJob::publish_test_results() {
  const Work& w = *work_;
  const ImageSet& test = w.data.test;
  std::vector<int> random;  // 6 images picked at random (with the run's seed)
  std::mt19937 pick(static_cast<unsigned>(w.seed));
  for (int i = 0; i < 6; ++i) random.push_back(static_cast<int>(pick() % static_cast<unsigned>(test.count)));
  std::vector<ExampleImage> mistakes = examples(*model_, test, w.wrong, io_),
                            samples = examples(*model_, test, random, io_);
  const std::string& stopped = w.result.stopped;
  std::lock_guard lock(mutex_);
  snap_.mistakes = std::move(mistakes);
  snap_.samples = std::move(samples);
  snap_.test = w.test;
  snap_.state = stopped.empty() ? JobState::Finished : JobState::Failed;
  snap_.message = stopped.empty() ? fmt::format("{}{}Test accuracy {:.2f}% on {} images.", w.done,
                                                w.done.empty() ? "" : " ", 100 * w.test.accuracy, w.test.count)
                                  : stopped;
  return true;
}

void TrainingJob::publish_report(const TrainReport& r, const TrainOptions& options, double runs_after) {
  std::lock_guard lock(mutex_);
  snap_.epoch = r.epoch;
  snap_.batch = r.batch;
  snap_.batches = r.batches;
  snap_.samples_per_second = r.samples_per_second;
  const double done = (r.epoch - 1) + static_cast<double>(r.batch) / r.batches;
  const double left =
      (options.epochs * (1 + runs_after) - done) * r.batches * options.batch;  // with a comparison's runs still to come
  snap_.eta_seconds = r.samples_per_second > 0 ? left / r.samples_per_second : 0;
  Curves& c = snap_.curves;
  c.at.push_back(done);
  c.loss.push_back(r.loss);
  c.accuracy.push_back(r.accuracy);
  if (r.epoch_end) {
    c.val_epoch.push_back(r.epoch);
    c.val_loss.push_back(r.validation.loss);
    c.val_accuracy.push_back(r.validation.accuracy);
  }
}

namespace {

// A histogram of `values` in 40 bins over their range, as densities (the area is 1).
Distribution distribution_of(const std::vector<float>& values) {
  Distribution d;
  if (values.empty()) return d;
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const double lo = *lo_it, hi = std::max(*hi_it, *lo_it + 1e-6f);
  constexpr int kBins = 40;
  const double width = (hi - lo) / kBins;
  std::vector<double> counts(kBins, 0);
  double sum = 0, squares = 0;
  for (float v : values) {
    counts[static_cast<std::size_t>(std::min(kBins - 1, static_cast<int>((v - lo) / width)))] += 1;
    sum += v;
    squares += static_cast<double>(v) * v;
  }
  const double count = static_cast<double>(values.size());
  d.mean = sum / count;
  d.sd = std::sqrt(std::max(0.0, squares / count - d.mean * d.mean));
  for (int b = 0; b < kBins; ++b) {
    d.x.push_back(lo + (b + 0.5) * width);
    d.density.push_back(counts[static_cast<std::size_t>(b)] / (count * width));
  }
  return d;
}

}  // namespace

int TrainingJob::record_batchnorm(const ImageSet& train_set, const TrainOptions& options, int epoch) {
  std::size_t bn = 0;
  while (bn < model_->size() && model_->layer(bn).kind() != "BatchNorm") ++bn;
  if (bn == model_->size() || options.validation <= 0) return 0;
  std::vector<int> held_out;  // the first 128 validation images
  for (int i = train_set.count - options.validation; i < train_set.count && held_out.size() < 128; ++i)
    held_out.push_back(i);
  const Tensor<float> images = image_batch(train_set, held_out, options.io);
  model_->keep_outputs(true);
  model_->forward(images, Mode::Eval);
  const std::vector<float>& in = bn == 0 ? images.values() : model_->outputs()[bn - 1].values();
  BatchNormSnapshot s{epoch, distribution_of(in), distribution_of(model_->outputs()[bn].values())};
  model_->keep_outputs(false);
  std::lock_guard lock(mutex_);
  snap_.batchnorm_layer = fmt::format("layer {}, {}", bn + 1, model_->layer(bn).describe());
  snap_.batchnorm.push_back(std::move(s));
  return static_cast<int>(held_out.size());
}

}  // namespace neurostep
