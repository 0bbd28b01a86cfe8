#include "core/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>

#include "core/loss.h"
#include "core/softmax.h"

namespace neurostep {

Tensor<float> image_batch(const ImageSet& set, const std::vector<int>& indices, const ModelIO& io) {
  const int n = static_cast<int>(indices.size()), pixels = set.rows * set.cols;
  Tensor<float> x({n, 1, set.rows, set.cols});
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
        auto at = [&](int yy, int xx) { return (yy >= 0 && yy < h && xx >= 0 && xx < w) ? src[static_cast<std::size_t>(yy * w + xx)] : background; };
        img[y * w + x] = static_cast<float>((1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
                                            fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1)));
      }
  }
}

namespace {

std::vector<int> labels_of(const ImageSet& set, const std::vector<int>& indices) {
  std::vector<int> y;
  for (int i : indices) y.push_back(set.labels[static_cast<std::size_t>(i)]);
  return y;
}

int correct(const Tensor<float>& logits, const std::vector<int>& y) {
  int right = 0;
  const int classes = logits.dim(1);
  for (std::size_t i = 0; i < y.size(); ++i) {
    const float* row = logits.data() + i * static_cast<std::size_t>(classes);
    right += static_cast<int>(std::max_element(row, row + classes) - row) == y[i];
  }
  return right;
}

// The loss of a batch of outputs against the labels, summed over the batch, with its gradient.
LossResult<float> batch_loss(const Tensor<float>& outputs, const std::vector<int>& y, const ModelIO& io) {
  Tensor<float> targets = one_hot<float>(y, outputs.dim(1));
  if (!io.sigmoid_outputs) return compute_loss(LossKind::SoftmaxCrossEntropy, outputs, targets, Reduction::Sum);
  targets.array() = 0.01f + 0.98f * targets.array();  // targets 0.01 and 0.99 (seed 004 §5.2)
  return compute_loss(LossKind::HalfSquaredError, outputs, targets, Reduction::Sum);
}

}  // namespace

Tensor<float> predict_scores(Sequential<float>& model, const Tensor<float>& images, const ModelIO& io) {
  const Tensor<float> out = model.forward(images, Mode::Eval);
  return io.sigmoid_outputs ? out : softmax_rows(out);
}

Tensor<float> predict_scores(Sequential<float>& model, const ImageSet& set, const std::vector<int>& indices, const ModelIO& io) {
  return predict_scores(model, image_batch(set, indices, io), io);
}

Evaluation evaluate(Sequential<float>& model, const ImageSet& set, int first, int count, const ModelIO& io) {
  Evaluation e;
  e.confusion.assign(100, 0);
  const int batch = 32;
  double loss_sum = 0;
  int right = 0;
  for (int start = first; start < first + count; start += batch) {
    std::vector<int> idx(static_cast<std::size_t>(std::min(batch, first + count - start)));
    std::iota(idx.begin(), idx.end(), start);
    const auto y = labels_of(set, idx);
    const Tensor<float> logits = model.forward(image_batch(set, idx, io), Mode::Eval);
    loss_sum += batch_loss(logits, y, io).value;
    right += correct(logits, y);
    for (std::size_t i = 0; i < y.size(); ++i) {
      const float* row = logits.data() + i * static_cast<std::size_t>(logits.dim(1));
      const int predicted = static_cast<int>(std::max_element(row, row + logits.dim(1)) - row);
      if (y[i] < 10 && predicted < 10) ++e.confusion[static_cast<std::size_t>(y[i] * 10 + predicted)];
    }
  }
  e.count = count;
  e.loss = count ? loss_sum / count : 0;
  e.accuracy = count ? static_cast<double>(right) / count : 0;
  return e;
}

namespace {

// Forward and backward of one part of a batch; the loss is summed here and divided by the whole
// batch size, so that the parts' gradients add up to the gradient of the batch mean.
struct PartResult {
  double loss = 0;
  int right = 0;
};

PartResult forward_backward(Sequential<float>& m, const ImageSet& data, const std::vector<int>& idx, int batch_size, const ModelIO& io,
                            const std::vector<double>& degrees) {
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

TrainResult train(Sequential<float>& model, const ImageSet& data, const TrainOptions& o,
                  const std::function<void(const TrainReport&)>& report, std::stop_token stop,
                  const std::vector<Sequential<float>*>& replicas) {
  TrainResult result;
  const int train_count = images_trained_on(data.count, o);
  std::vector<int> order(static_cast<std::size_t>(train_count));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  Optimizer<float> optimizer(o.optimizer);
  const auto params = model.params();
  std::vector<Tensor<float>> last_good(params.size());
  const int batches = (train_count + o.batch - 1) / o.batch;
  // A replica's weights are brought up to date only when it next takes part in a batch (small
  // batches use fewer threads), so that batches of one image do not copy the model every time.
  std::vector<bool> replica_current(replicas.size(), false);
  assert(std::all_of(replicas.begin(), replicas.end(), [&](Sequential<float>* r) { return r->params().size() == params.size(); }) &&
         "train: a replica has another architecture");

  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    double loss_sum = 0;
    int right = 0, seen = 0;
    const auto epoch_started = std::chrono::steady_clock::now();
    auto started = epoch_started;
    for (int b = 0; b < batches; ++b) {
      if (stop.stop_requested()) {
        result.cancelled = true;
        return result;
      }
      const std::vector<int> idx(order.begin() + b * o.batch, order.begin() + std::min(train_count, (b + 1) * o.batch));
      // Split the batch over the model and its replicas, one part per thread, but not into parts of
      // fewer than kMinPart images: starting a thread costs more than a few images take (seed 004
      // trains one image at a time).
      constexpr std::size_t kMinPart = 8;
      const std::size_t n = idx.size(), parts = std::clamp<std::size_t>(n / kMinPart, 1, replicas.size() + 1);
      std::vector<std::vector<int>> part(parts);
      for (std::size_t t = 0; t < parts; ++t)
        part[t].assign(idx.begin() + static_cast<std::ptrdiff_t>(n * t / parts), idx.begin() + static_cast<std::ptrdiff_t>(n * (t + 1) / parts));
      std::vector<PartResult> results(parts);
      std::vector<std::vector<double>> angles(parts);  // drawn here, on one thread, so a run is reproducible
      if (o.rotate_degrees > 0) {
        std::uniform_real_distribution<double> turn(-o.rotate_degrees, o.rotate_degrees);
        for (std::size_t t = 0; t < parts; ++t)
          for (std::size_t i = 0; i < part[t].size(); ++i) angles[t].push_back(turn(rng));
      }
      for (std::size_t t = 1; t < parts; ++t)
        if (!replica_current[t - 1]) {
          const auto rp = replicas[t - 1]->params();
          for (std::size_t k = 0; k < params.size(); ++k) *rp[k].value = *params[k].value;
          replica_current[t - 1] = true;
        }
      {
        std::vector<std::jthread> workers;
        for (std::size_t t = 1; t < parts; ++t)
          workers.emplace_back([&, t] {
            results[t] = forward_backward(*replicas[t - 1], data, part[t], static_cast<int>(n), o.io, angles[t]);
          });
        results[0] = forward_backward(model, data, part[0], static_cast<int>(n), o.io, angles[0]);
      }
      double batch_loss = 0;
      int batch_right = 0;
      for (const PartResult& r : results) {
        batch_loss += r.loss;
        batch_right += r.right;
      }
      for (std::size_t t = 1; t < parts; ++t) {  // add the replicas' gradients to the model's
        const auto rp = replicas[t - 1]->params();
        for (std::size_t k = 0; k < params.size(); ++k) params[k].grad->array() += rp[k].grad->array();
      }
      bool finite = std::isfinite(batch_loss);
      for (const auto& p : params) finite = finite && all_finite(*p.grad);
      if (!finite) {
        for (std::size_t k = 0; k < params.size(); ++k)
          if (!last_good[k].empty()) *params[k].value = last_good[k];
        result.stopped = fmt::format("The loss became {} in epoch {}, batch {}: the learning rate {} is too large. Training "
                                     "stopped; the weights from before that batch were kept.",
                                     std::isnan(batch_loss) ? "NaN" : "infinite", epoch, b + 1, o.optimizer.learning_rate);
        return result;
      }
      for (std::size_t k = 0; k < params.size(); ++k) last_good[k] = *params[k].value;
      optimizer.step(params);
      std::fill(replica_current.begin(), replica_current.end(), false);
      loss_sum += batch_loss;
      right += batch_right;
      seen += static_cast<int>(n);
      const bool last = b + 1 == batches;
      if ((b + 1) % o.report_every == 0 || last) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        TrainReport r{epoch, b + 1, batches, loss_sum / seen, static_cast<double>(right) / seen, seen / std::max(seconds, 1e-9), last, 0, {}};
        if (last) r.epoch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_started).count();
        if (last && o.validation > 0) r.validation = evaluate(model, data, data.count - o.validation, o.validation, o.io);
        if (report) report(r);
        if (last) result.epochs.push_back(r);
        loss_sum = 0;
        right = seen = 0;
        started = std::chrono::steady_clock::now();
      }
    }
  }
  return result;
}

}  // namespace neurostep
