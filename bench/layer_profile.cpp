// layer_profile.cpp — where one thread's training time goes, layer by layer (bench/layer_profile.sh).
//
// Trains a model of lessons/mnist-cnn.toml for one epoch of the full MNIST (48,000 images, batch
// 32, the model's own optimizer, seed 1) the way the trainer does — forward, the trainer's loss
// summed and divided by the batch, backward without the image's gradient, one optimizer step — but
// timing each layer's forward and backward pass and the optimizer step separately. Prints, per
// layer, its time per image, its share, its matrix-product arithmetic (multiply-adds counted as 2
// floating-point operations: forward, and backward for the weights and, where wanted, the input)
// and the rate it reached. Never run by the tests.
// Usage: layer_profile LESSONS_DIR MODEL [DATA [IMAGES]]   (DATA: mnist, sample, … or a folder; default mnist)
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <vector>

#include "core/io/idx.h"
#include "core/kernels.h"
#include "core/optimizer.h"
#include "lessons/training/mnist_models.h"

using namespace neurostep;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Multiply-adds of one image through a Dense or Conv2D layer: each weight (not bias) is used once
// per output position (Dense: one position).
double multiply_adds(Layer<float>& layer, const Shape& output) {
  const auto params = layer.params();
  if (params.empty() || params[0].name != "W" || (layer.kind() != "Dense" && layer.kind() != "Conv2D")) return 0;
  const double positions = output.size() == 3 ? static_cast<double>(output[1]) * output[2] : 1.0;
  return static_cast<double>(params[0].value->size()) * positions;
}

struct LayerTime {
  double forward = 0, backward = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: layer_profile LESSONS_DIR MODEL [DATA [IMAGES]]\n");
    return 2;
  }
  const std::filesystem::path lessons = argv[1];
  const MnistModels models = read_mnist_models(lessons / "mnist-cnn.toml");
  const MnistModel* chosen = find_model(models, current_model_name(argv[2]));
  if (!chosen) {
    fmt::print(stderr, "layer_profile: no model '{}'\n", argv[2]);
    return 2;
  }
  const Dataset data = load_dataset_dir(mnist_data_folder(lessons, argc > 3 ? argv[3] : "mnist"));
  const int images = argc > 4 ? std::atoi(argv[4]) : 48'000, batch = 32;

  Sequential<float> model = build_model<float>(chosen->spec, 1);
  Optimizer<float> optimizer(chosen->train.optimizer);
  const auto params = model.params();
  std::vector<int> order(static_cast<std::size_t>(std::min(images, data.train.count)));
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(1));

  // Which layers compute ∂E/∂x (as Sequential::backward decides: not below the first layer with
  // parameters).
  std::vector<bool> input_grad(model.size());
  for (std::size_t l = 0; l < model.size(); ++l) {
    model.layer(l).set_input_grad_wanted(input_grad[l]);
    if (l + 1 < model.size()) input_grad[l + 1] = input_grad[l] || !model.layer(l).params().empty();
  }

  std::vector<LayerTime> times(model.size());
  double loss_time = 0, step_time = 0, data_time = 0;
  const auto started = Clock::now();
  for (std::size_t first = 0; first + batch <= order.size(); first += batch) {
    auto t = Clock::now();
    const std::vector<int> idx(order.begin() + static_cast<long>(first),
                               order.begin() + static_cast<long>(first) + batch);
    const std::vector<int> labels = labels_of(data.train, idx);
    Tensor<float> x = image_batch(data.train, idx, chosen->spec.io);
    data_time += seconds_since(t);
    for (std::size_t l = 0; l < model.size(); ++l) {
      t = Clock::now();
      x = model.layer(l).forward(std::move(x), Mode::Train);
      times[l].forward += seconds_since(t);
    }
    t = Clock::now();
    auto loss = batch_loss(x, labels, chosen->spec.io);
    loss.grad.array() /= static_cast<float>(batch);
    model.zero_grad();
    loss_time += seconds_since(t);
    Tensor<float> dy = std::move(loss.grad);
    for (std::size_t l = model.size(); l-- > 0 && !dy.empty();) {
      t = Clock::now();
      dy = model.layer(l).backward(std::move(dy));
      times[l].backward += seconds_since(t);
    }
    t = Clock::now();
    optimizer.step(params);
    step_time += seconds_since(t);
  }
  const double total = seconds_since(started), trained = static_cast<double>(order.size() / batch * batch);

  fmt::print("{}: one thread, kernels {}, {} images of batch {} in {:.2f} s: {:.0f} images/s\n", chosen->spec.title,
             kernels().name, trained, batch, total, trained / total);
  fmt::print("{:<46} {:>13} {:>8} {:>8} {:>6} {:>7} {:>8}\n", "layer", "output", "fwd µs", "bwd µs", "share", "MFLOP",
             "GFLOP/s");
  double flop_total = 0;
  const auto summary = model.summary();
  for (std::size_t l = 0; l < model.size(); ++l) {
    const double macs = multiply_adds(model.layer(l), summary[l].output);
    const double flop = 2 * macs * (input_grad[l] ? 3 : 2);  // forward, ∂E/∂W, and ∂E/∂x if wanted
    flop_total += flop;
    const double seconds = times[l].forward + times[l].backward;
    fmt::print("{:<46} {:>13} {:>8.1f} {:>8.1f} {:>5.1f}% {:>7.3f} {:>8}\n", summary[l].layer,
               shape_string(summary[l].output), 1e6 * times[l].forward / trained, 1e6 * times[l].backward / trained,
               100 * seconds / total, flop / 1e6,
               macs > 0 ? fmt::format("{:.1f}", flop * trained / seconds / 1e9) : "");
  }
  for (const auto& [name, seconds] : {std::pair{"loss", loss_time}, std::pair{"optimizer step", step_time},
                                      std::pair{"batches from uint8", data_time}})
    fmt::print("{:<46} {:>13} {:>8.1f} {:>8} {:>5.1f}%\n", name, "", 1e6 * seconds / trained, "",
               100 * seconds / total);
  // A sparse pass skips zeros (conv2d_sparse.cpp), so a layer's rate is that of the dense
  // arithmetic it stands for, and may pass what the CPU could do densely.
  fmt::print(
      "matrix-product arithmetic (as dense products): {:.2f} MFLOP per image, {:.1f} GFLOP/s over the whole step\n",
      flop_total / 1e6, flop_total * trained / total / 1e9);
}
