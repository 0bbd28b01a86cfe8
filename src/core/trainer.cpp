#include "core/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/loss.h"
#include "core/softmax.h"

namespace neurostep {

Tensor<float> image_batch(const ImageSet& set, const std::vector<int>& indices, const ModelIO& io) {
  const int n = static_cast<int>(indices.size()), pixels = static_cast<int>(set.image_bytes());
  Tensor<float> x({n, set.channels, set.rows, set.cols});
  for (int i = 0; i < n; ++i) {
    const std::uint8_t* img = set.image(indices[static_cast<std::size_t>(i)]);
    float* out = x.data() + static_cast<std::size_t>(i) * pixels;
    for (int p = 0; p < pixels; ++p) out[p] = io.inputs_001 ? 0.01f + 0.99f * img[p] / 255.0f : img[p] / 255.0f;
  }
  return x;
}

Tensor<float> image_input(const std::vector<float>& pixels, int rows, int cols, const ModelIO& io) {
  const int n = static_cast<int>(pixels.size() / static_cast<std::size_t>(rows * cols));
  Tensor<float> x({n, 1, rows, cols}, pixels);
  if (io.inputs_001) x.array() = 0.01f + 0.99f * x.array();
  return x;
}

void rotate_batch(Tensor<float>& batch, const std::vector<double>& degrees, float background) {
  const int n = batch.dim(0), h = batch.dim(2), w = batch.dim(3);
  const double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
  std::vector<float> src(static_cast<std::size_t>(h * w));
  for (int i = 0; i < n; ++i) {
    float* img = batch.data() + static_cast<std::size_t>(i) * h * w;
    std::copy(img, img + h * w, src.begin());
    const double a = degrees[static_cast<std::size_t>(i)] * M_PI / 180, c = std::cos(a), s = std::sin(a);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        // The source position that lands on (x, y): the inverse rotation about the centre.
        const double sx = c * (x - cx) + s * (y - cy) + cx, sy = -s * (x - cx) + c * (y - cy) + cy;
        const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
        const double fx = sx - x0, fy = sy - y0;
        auto at = [&](int yy, int xx) {
          return (yy >= 0 && yy < h && xx >= 0 && xx < w) ? src[static_cast<std::size_t>(yy * w + xx)] : background;
        };
        img[y * w + x] = static_cast<float>((1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
                                            fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1)));
      }
  }
}

namespace {

int correct(const Tensor<float>& logits, const std::vector<int>& y) {
  int right = 0;
  const int classes = logits.dim(1);
  for (std::size_t i = 0; i < y.size(); ++i) {
    const float* row = logits.data() + i * static_cast<std::size_t>(classes);
    right += static_cast<int>(std::max_element(row, row + classes) - row) == y[i];
  }
  return right;
}

}  // namespace

std::vector<int> labels_of(const ImageSet& set, const std::vector<int>& indices) {
  std::vector<int> y;
  for (int i : indices) y.push_back(set.labels[static_cast<std::size_t>(i)]);
  return y;
}

LossResult<float> batch_loss(const Tensor<float>& outputs, const std::vector<int>& y, const ModelIO& io) {
  Tensor<float> targets = one_hot<float>(y, outputs.dim(1));
  if (!io.sigmoid_outputs) return compute_loss(LossKind::SoftmaxCrossEntropy, outputs, targets, Reduction::Sum);
  targets.array() = 0.01f + 0.98f * targets.array();  // targets 0.01 and 0.99 (Symon, §5.2)
  return compute_loss(LossKind::HalfSquaredError, outputs, targets, Reduction::Sum);
}

Tensor<float> predict_scores(Sequential<float>& model, const Tensor<float>& images, const ModelIO& io) {
  const Tensor<float> out = model.forward(images, Mode::Eval);
  return io.sigmoid_outputs ? out : softmax_rows(out);
}

Tensor<float> predict_scores(Sequential<float>& model, const ImageSet& set, const std::vector<int>& indices,
                             const ModelIO& io) {
  return predict_scores(model, image_batch(set, indices, io), io);
}

Evaluator::Evaluator(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io)
    : model_(&model), set_(&set), first_(first), next_(first), end_(first + count), io_(io) {}

int Evaluator::step() {
  const int stop = std::min(end_, next_ + kChunk), taken = stop - next_;
  while (next_ < stop) {  // a chunk is whole batches from `first`, as evaluate() has always cut them
    std::vector<int> idx(static_cast<std::size_t>(std::min(kBatch, stop - next_)));
    std::iota(idx.begin(), idx.end(), next_);
    const auto y = labels_of(*set_, idx);
    const Tensor<float> logits = model_->forward(image_batch(*set_, idx, io_), Mode::Eval);  // (n, classes)
    loss_sum_ += batch_loss(logits, y, io_).value;
    right_ += correct(logits, y);
    for (std::size_t i = 0; i < y.size(); ++i) {
      const float* row = logits.data() + i * static_cast<std::size_t>(logits.dim(1));
      const int predicted = static_cast<int>(std::max_element(row, row + logits.dim(1)) - row);
      if (y[i] < 10 && predicted < 10) ++confusion_[static_cast<std::size_t>(y[i] * 10 + predicted)];
    }
    next_ += static_cast<int>(idx.size());
  }
  return taken;
}

Evaluation Evaluator::result() const {
  const int count = next_ - first_;
  return {.loss = count ? loss_sum_ / count : 0,
          .accuracy = count ? static_cast<double>(right_) / count : 0,
          .count = count,
          .confusion = confusion_};
}

Evaluation evaluate(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io) {
  Evaluator e(model, set, first, count, io);
  while (!e.done()) e.step();
  return e.result();
}

namespace {

// Forward and backward of one part of a batch; the loss is summed here and divided by the whole
// batch size, so that the parts' gradients add up to the gradient of the batch mean.
struct PartResult {
  double loss = 0;
  int right = 0;
};

PartResult forward_backward(Sequential<float>& m, const ImageSet& data, const std::vector<int>& idx, int batch_size,
                            const ModelIO& io, const std::vector<double>& degrees) {
  if (idx.empty()) {
    m.zero_grad();
    return {};
  }
  const auto y = labels_of(data, idx);
  Tensor<float> x = image_batch(data, idx, io);
  if (!degrees.empty()) rotate_batch(x, degrees, io.inputs_001 ? 0.01f : 0.0f);
  const Tensor<float> logits = m.forward(std::move(x), Mode::Train);
  auto loss = batch_loss(logits, y, io);
  loss.grad.array() /= static_cast<float>(batch_size);
  m.zero_grad();
  m.backward(std::move(loss.grad), /*want_input_grad=*/false);
  return {loss.value, correct(logits, y)};
}

}  // namespace

int images_trained_on(int count, const TrainOptions& o) {
  const int held_in = count - o.validation;
  return o.train_limit > 0 ? std::min(o.train_limit, held_in) : held_in;
}

Training::Training(Sequential<float>& model, const ImageSet& data, const TrainOptions& o,
                   std::function<void(const TrainReport&)> report, std::vector<Sequential<float>*> replicas)
    : model_(model),
      data_(data),
      o_(o),
      report_(std::move(report)),
      replicas_(std::move(replicas)),
      replica_current_(replicas_.size(), false),
      params_(model.params()),
      last_good_(params_.size()),
      optimizer_(o.optimizer),
      rng_(o.seed),
      order_(static_cast<std::size_t>(images_trained_on(data.count, o))),
      batches_((static_cast<int>(order_.size()) + o.batch - 1) / o.batch),
      workers_(replicas_.empty() ? nullptr : std::make_unique<WorkerThreads>(replicas_.size())) {
  assert(std::all_of(replicas_.begin(), replicas_.end(),
                     [&](Sequential<float>* r) { return r->params().size() == params_.size(); }) &&
         "Training: a replica has another architecture");
  const Shape images = {data.channels, data.rows, data.cols};
  if (data.count > 0 && model.input_shape().size() == 3 && model.input_shape() != images)
    throw ShapeError(fmt::format(
        "the model takes images of {}×{}×{} (channels × rows × cols) but these are {}×{}×{}: choose a data set "
        "of its size (CIFAR-10 is 3×32×32, MNIST and Fashion-MNIST 1×28×28)",
        model.input_shape()[0], model.input_shape()[1], model.input_shape()[2], images[0], images[1], images[2]));
  std::iota(order_.begin(), order_.end(), 0);
  done_ = o.epochs < 1 || batches_ == 0;
}

int Training::step() {
  if (done_) return 0;
  if (!validation_) return train_batch();
  const int images = validation_->step();
  if (validation_->done()) {
    pending_.validation = validation_->result();
    validation_.reset();
    deliver(pending_);
  }
  return images;
}

int Training::train_batch() {
  const auto started = std::chrono::steady_clock::now();
  if (batch_ == 0) std::shuffle(order_.begin(), order_.end(), rng_);
  const int train_count = static_cast<int>(order_.size());
  const std::vector<int> idx(order_.begin() + batch_ * o_.batch,
                             order_.begin() + std::min(train_count, (batch_ + 1) * o_.batch));
  int right = 0;
  const double loss = run_parts(idx, right);
  if (restore_if_not_finite(loss)) return static_cast<int>(idx.size());
  for (std::size_t k = 0; k < params_.size(); ++k) last_good_[k] = *params_[k].value;
  optimizer_.step(params_);
  std::fill(replica_current_.begin(), replica_current_.end(), false);
  loss_sum_ += loss;
  right_ += right;
  seen_ += static_cast<int>(idx.size());
  const auto took = std::chrono::steady_clock::now() - started;
  busy_ += took;
  epoch_busy_ += took;
  if (++batch_ % o_.report_every == 0 || batch_ == batches_) end_report();
  return static_cast<int>(idx.size());
}

double Training::run_parts(const std::vector<int>& idx, int& right) {
  // Split the batch over the model and its replicas, one part per thread, but not into parts of
  // fewer than kMinPart images: starting a thread costs more than a few images take (Symon
  // trains one image at a time).
  constexpr std::size_t kMinPart = 8;
  const std::size_t n = idx.size(), parts = std::clamp<std::size_t>(n / kMinPart, 1, replicas_.size() + 1);
  std::vector<std::vector<int>> part(parts);
  for (std::size_t t = 0; t < parts; ++t)
    part[t].assign(idx.begin() + static_cast<std::ptrdiff_t>(n * t / parts),
                   idx.begin() + static_cast<std::ptrdiff_t>(n * (t + 1) / parts));
  std::vector<std::vector<double>> angles(parts);  // drawn here, on one thread, so a run is reproducible
  if (o_.rotate_degrees > 0) {
    std::uniform_real_distribution<double> turn(-o_.rotate_degrees, o_.rotate_degrees);
    for (std::size_t t = 0; t < parts; ++t)
      for (std::size_t i = 0; i < part[t].size(); ++i) angles[t].push_back(turn(rng_));
  }
  for (std::size_t t = 1; t < parts; ++t)
    if (!replica_current_[t - 1]) {
      const auto rp = replicas_[t - 1]->params();
      for (std::size_t k = 0; k < params_.size(); ++k) *rp[k].value = *params_[k].value;
      replica_current_[t - 1] = true;
    }
  std::vector<PartResult> results(parts);
  const auto one_part = [&](std::size_t t) {
    results[t] =
        forward_backward(t == 0 ? model_ : *replicas_[t - 1], data_, part[t], static_cast<int>(n), o_.io, angles[t]);
  };
  if (workers_)
    workers_->run(parts, one_part);
  else
    one_part(0);
  double loss = 0;
  for (const PartResult& r : results) {
    loss += r.loss;
    right += r.right;
  }
  for (std::size_t t = 1; t < parts; ++t) {  // add the replicas' gradients to the model's
    const auto rp = replicas_[t - 1]->params();
    for (std::size_t k = 0; k < params_.size(); ++k) params_[k].grad->array() += rp[k].grad->array();
  }
  return loss;
}

bool Training::restore_if_not_finite(double loss) {
  bool finite = std::isfinite(loss);
  for (const auto& p : params_) finite = finite && all_finite(*p.grad);
  if (finite) return false;
  for (std::size_t k = 0; k < params_.size(); ++k)
    if (!last_good_[k].empty()) *params_[k].value = last_good_[k];
  result_.stopped = fmt::format(
      "The loss became {} in epoch {}, batch {}: the learning rate {} is too large. Training "
      "stopped; the weights from before that batch were kept.",
      std::isnan(loss) ? "NaN" : "infinite", epoch_, batch_ + 1, o_.optimizer.learning_rate);
  done_ = true;
  return true;
}

void Training::end_report() {
  const bool last = batch_ == batches_;
  TrainReport r{epoch_,
                batch_,
                batches_,
                loss_sum_ / seen_,
                static_cast<double>(right_) / seen_,
                seen_ / std::max(busy_.count(), 1e-9),
                last,
                0,
                {}};
  if (last) r.epoch_seconds = epoch_busy_.count();
  if (last && o_.validation > 0) {  // the report waits for the validation, evaluated over the next steps
    pending_ = std::move(r);
    validation_.emplace(model_, data_, data_.count - o_.validation, o_.validation, o_.io);
    return;
  }
  deliver(std::move(r));
}

void Training::deliver(TrainReport r) {
  if (report_) report_(r);
  if (r.epoch_end) result_.epochs.push_back(std::move(r));
  loss_sum_ = 0;
  right_ = seen_ = 0;
  busy_ = {};
  if (batch_ < batches_) return;
  batch_ = 0;
  epoch_busy_ = {};
  done_ = ++epoch_ > o_.epochs;
}

TrainResult train(Sequential<float>& model, const ImageSet& data, const TrainOptions& options,
                  const std::function<void(const TrainReport&)>& report, const std::atomic<bool>* cancel,
                  const std::vector<Sequential<float>*>& replicas) {
  Training training(model, data, options, report, replicas);
  while (!training.done()) {
    if (cancel && cancel->load()) {
      TrainResult r = training.result();
      r.cancelled = true;
      return r;
    }
    training.step();
  }
  return training.result();
}

}  // namespace neurostep
