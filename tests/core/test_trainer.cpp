// Training on the embedded MNIST sample, NaN handling, cancelling, and checkpoints that survive
// corruption and a crash mid-save.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "temp_dir.h"
#include "core/io/checkpoint.h"
#include "core/io/idx.h"
#include "core/digit_preprocess.h"
#include "core/model_spec.h"
#include "core/trainer.h"

using namespace neurostep;
namespace fs = std::filesystem;

namespace {

const Dataset& sample() {
  static const Dataset d = load_dataset_dir(fs::path(NEUROSTEP_SOURCE_DIR) / "assets" / "mnist-sample");
  return d;
}

ModelSpec small_cnn() {
  ModelSpec s;
  s.name = "small";
  s.layers = {{.type = "conv", .filters = 4, .kernel = 5},
              {.type = "relu"},
              {.type = "maxpool"},
              {.type = "flatten"},
              {.type = "dense", .units = 10}};
  return s;
}

std::vector<float> weights(Sequential<float>& m) {
  std::vector<float> all;
  for (auto& p : m.params()) all.insert(all.end(), p.value->values().begin(), p.value->values().end());
  return all;
}

}  // namespace

TEST_CASE("the embedded sample: 6,000 training and 1,000 test images, 600 and 100 of each digit") {
  CHECK(sample().train.count == 6000);
  CHECK(sample().test.count == 1000);
  int sevens = 0;
  for (auto l : sample().test.labels) sevens += l == 7;
  CHECK(sevens == 100);
}

TEST_CASE("one epoch on the sample learns far above chance, and the same seed repeats the run") {
  TrainOptions o;
  o.epochs = 1;
  o.validation = 1000;
  o.report_every = 1000;
  auto run = [&] {
    Sequential<float> m = build_model<float>(small_cnn(), 3);
    const TrainResult r = train(m, sample().train, o, nullptr);
    return std::pair{r.epochs.back().validation.accuracy, evaluate(m, sample().test, 0, 1000).accuracy};
  };
  const auto [val, test] = run();
  CHECK(val > 0.8);  // chance is 0.1
  CHECK(test > 0.8);
  CHECK(run().second == test);
}

TEST_CASE("a learning rate that makes the loss NaN stops training and keeps the last good weights") {
  ModelSpec linear;
  linear.layers = {{.type = "flatten"}, {.type = "dense", .units = 10}};
  Sequential<float> m = build_model<float>(linear, 1);
  TrainOptions o;
  o.optimizer = {.kind = OptimizerKind::SGD, .learning_rate = 1e37};  // the logits overflow float
  o.epochs = 1;
  const TrainResult r = train(m, sample().train, o, nullptr);
  CHECK(r.stopped.find("too large") != std::string::npos);
  for (float w : weights(m)) REQUIRE(std::isfinite(w));
  CHECK(std::isfinite(evaluate(m, sample().test, 0, 100).loss));
}

TEST_CASE("training stops between batches when cancelled") {
  Sequential<float> m = build_model<float>(small_cnn(), 1);
  std::atomic<bool> cancel = false;
  int reports = 0;
  TrainOptions o;
  o.report_every = 2;
  const TrainResult r = train(
      m, sample().train, o,
      [&](const TrainReport&) {
        if (++reports == 3) cancel = true;
      },
      &cancel);
  CHECK(r.cancelled);
  CHECK(reports == 3);
}

TEST_CASE("checkpoint: save and load give the same weights; bad files are refused and change nothing") {
  test::TempDir dir("ckpt");
  Sequential<float> a = build_model<float>(small_cnn(), 1), b = build_model<float>(small_cnn(), 2);
  const fs::path file = dir.path / "model.ckpt";
  save_checkpoint(a, file);
  load_checkpoint(b, file);
  CHECK(weights(a) == weights(b));

  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto expect_refused = [&](const std::string& content, const char* why) {
    CAPTURE(why);
    std::ofstream(dir.path / "bad.ckpt", std::ios::binary) << content;
    Sequential<float> c = build_model<float>(small_cnn(), 3);
    const auto before = weights(c);
    CHECK_THROWS_WITH_AS(load_checkpoint(c, dir.path / "bad.ckpt"), doctest::Contains(why), CheckpointError);
    CHECK(weights(c) == before);
  };
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  expect_refused(flipped, "checksum");
  expect_refused(bytes.substr(0, bytes.size() / 3), "checksum");
  expect_refused(bytes.substr(0, 6), "truncated");
  std::string version = bytes;
  version[8] = 7;
  expect_refused(version, "version 7");
  expect_refused("hello, world, this is not a checkpoint", "not a Neurostep checkpoint");

  ModelSpec other = small_cnn();
  other.layers[0].filters = 5;
  Sequential<float> d = build_model<float>(other, 1);
  CHECK_THROWS_WITH_AS(load_checkpoint(d, file), doctest::Contains("another architecture"), CheckpointError);
}

TEST_CASE("a process killed (SIGKILL) in the middle of saving never destroys the previous checkpoint") {
  test::TempDir dir("ckpt");
  ModelSpec big = small_cnn();
  big.layers.push_back({.type = "dense", .units = 2000});  // ~20,000 weights: a save takes a moment
  Sequential<float> model = build_model<float>(big, 1);
  const fs::path file = dir.path / "model.ckpt";
  save_checkpoint(model, file);
  const auto good = weights(model);
  for (int round = 0; round < 20; ++round) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // the child saves again and again, with other weights, until it is killed
      Sequential<float> other = build_model<float>(big, 100 + static_cast<std::uint64_t>(round));
      for (;;) save_checkpoint(other, file);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(300 + 700 * round));
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    Sequential<float> loaded = build_model<float>(big, 7);
    CHECK_NOTHROW(load_checkpoint(loaded, file));  // the old or a new complete file, never a torn one
  }
  CHECK(good.size() > 20000);
}

TEST_CASE("two threads: the batch is split over a replica, and training learns the same way") {
  Sequential<float> m = build_model<float>(small_cnn(), 3), replica = build_model<float>(small_cnn(), 99);
  TrainOptions o;
  o.epochs = 1;
  o.validation = 1000;
  o.report_every = 1000;
  const TrainResult r = train(m, sample().train, o, nullptr, {}, {&replica});
  CHECK(r.epochs.back().validation.accuracy > 0.8);
  // The replica follows the model: it holds the weights of the last batch it took part in, one Adam
  // step (at most about the learning rate per weight) behind the model's.
  const std::vector<float> a = weights(replica), b = weights(m);
  for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(std::abs(a[i] - b[i]) <= 0.003f);
}

TEST_CASE("an evaluation in chunks of at most 256 images equals evaluate() bit for bit, and so does each part so far") {
  Sequential<float> m = build_model<float>(small_cnn(), 5);
  const ImageSet& test = sample().test;
  Evaluator e(m, test, 37, 900);  // 900 = 3 · 256 + 132, starting off a multiple of 32
  std::vector<int> chunks;
  while (!e.done()) {
    chunks.push_back(e.step());
    const Evaluation part = e.result(), whole = evaluate(m, test, 37, part.count);
    CHECK(part.loss == whole.loss);
    CHECK(part.accuracy == whole.accuracy);
    CHECK(part.confusion == whole.confusion);
  }
  CHECK(chunks == std::vector<int>{256, 256, 256, 132});
  int total = 0;
  for (int c : e.result().confusion) total += c;
  CHECK(total == 900);  // every image lands in one cell of the confusion matrix
  CHECK(Evaluator(m, test, 0, 0).done());
}

namespace {

// The reported numbers of a run (not its timings), to compare two runs exactly.
std::vector<double> numbers(const std::vector<TrainReport>& reports) {
  std::vector<double> all;
  for (const TrainReport& r : reports) {
    all.insert(all.end(), {double(r.epoch), double(r.batch), double(r.batches), r.loss, r.accuracy, double(r.epoch_end),
                           r.validation.loss, r.validation.accuracy, double(r.validation.count)});
    all.insert(all.end(), r.validation.confusion.begin(), r.validation.confusion.end());
  }
  return all;
}

}  // namespace

TEST_CASE("stepping a Training one unit at a time gives exactly the weights and reports of train()") {
  TrainOptions o;
  o.epochs = 2;
  o.validation = 500;   // two chunks: 256 + 244
  o.train_limit = 640;  // 20 batches of 32
  o.report_every = 6;
  o.rotate_degrees = 10;  // the angles come from the same generator as the shuffles
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    Sequential<float> a = build_model<float>(small_cnn(), 3), b = build_model<float>(small_cnn(), 3);
    Sequential<float> ra = build_model<float>(small_cnn(), 4), rb = build_model<float>(small_cnn(), 4);
    const std::vector<Sequential<float>*> replicas_a =
        threads == 2 ? std::vector{&ra} : std::vector<Sequential<float>*>{};
    const std::vector<Sequential<float>*> replicas_b =
        threads == 2 ? std::vector{&rb} : std::vector<Sequential<float>*>{};
    std::vector<TrainReport> looped, stepped;
    const TrainResult r = train(
        a, sample().train, o, [&](const TrainReport& p) { looped.push_back(p); }, nullptr, replicas_a);
    Training t(
        b, sample().train, o, [&](const TrainReport& p) { stepped.push_back(p); }, replicas_b);
    std::vector<int> images;
    while (!t.done()) images.push_back(t.step());
    CHECK(weights(a) == weights(b));
    CHECK(numbers(looped) == numbers(stepped));
    CHECK(numbers(r.epochs) == numbers(t.result().epochs));
    CHECK(looped.size() == 8);  // per epoch: batches 6, 12, 18 and 20
    // Per epoch 20 batches of 32 images, then the validation in two steps.
    std::vector<int> epoch(20, 32);
    epoch.insert(epoch.end(), {256, 244});
    std::vector<int> both = epoch;
    both.insert(both.end(), epoch.begin(), epoch.end());
    CHECK(images == both);
    CHECK(t.step() == 0);  // done: nothing more
  }
}

TEST_CASE("rotation augmentation: 0° changes nothing, 90° moves a pixel a quarter turn about the centre") {
  Tensor<float> batch({2, 1, 3, 3});
  batch.at(0, 0, 2, 1) = 1;  // bottom middle of image 0
  batch.at(1, 0, 0, 0) = 0.5f;
  const Tensor<float> before = batch;
  rotate_batch(batch, {90, 0});
  CHECK(batch.at(0, 0, 1, 0) == doctest::Approx(1));  // now the left middle
  CHECK(batch.at(0, 0, 2, 1) == doctest::Approx(0));
  for (int i = 9; i < 18; ++i) CHECK(batch[static_cast<std::size_t>(i)] == before[static_cast<std::size_t>(i)]);
}

TEST_CASE("a drawing made like an MNIST digit: cropped, scaled to 20 pixels, centred by its mass") {
  std::vector<float> canvas(100 * 100, 0.0f);
  for (int r = 10; r < 90; ++r)
    for (int c = 70; c < 78; ++c) canvas[static_cast<std::size_t>(r * 100 + c)] = 1;  // a stroke far to the right
  const auto img = mnist_from_drawing(canvas, 100);
  int top = 28, bottom = -1;
  double mass = 0, mx = 0;
  for (int r = 0; r < 28; ++r)
    for (int c = 0; c < 28; ++c) {
      const float v = img[static_cast<std::size_t>(r * 28 + c)];
      if (v > 0.5f) top = std::min(top, r), bottom = std::max(bottom, r);
      mass += v;
      mx += v * c;
    }
  CHECK(bottom - top + 1 == 20);                            // the longer side is 20 pixels
  CHECK(mx / mass == doctest::Approx(13.5).epsilon(0.05));  // centred, whatever the drawing's position
  CHECK(mnist_from_drawing(std::vector<float>(100 * 100, 0.0f), 100) == std::vector<float>(784, 0.0f));
}

TEST_CASE("Symon's network: sigmoid outputs, targets 0.01/0.99, E = ½ Σ (t − o)², one SGD step per image") {
  ModelSpec s;
  s.name = "perceptron-layer";
  s.io = {.inputs_001 = true, .sigmoid_outputs = true};
  s.layers = {{.type = "flatten"}, {.type = "dense", .units = 10, .bias = false}, {.type = "sigmoid"}};
  Sequential<float> m = build_model<float>(s, 1);
  for (auto& p : m.params()) p.value->fill(0.0f);  // every output is σ(0) = 0.5
  // Per image: ½ (0.99 − 0.5)² + 9 · ½ (0.01 − 0.5)² = 5 · 0.49² = 1.2005.
  CHECK(evaluate(m, sample().test, 0, 50, s.io).loss == doctest::Approx(1.2005).epsilon(1e-6));
  CHECK(predict_scores(m, sample().test, {0}, s.io)[3] ==
        doctest::Approx(0.5));  // the outputs themselves, not a softmax

  // One image, learning rate 0.1: Δw = η (t − o) o (1 − o) x (Symon, §4, without the 2).
  TrainOptions o{.optimizer = {.kind = OptimizerKind::SGD, .learning_rate = 0.1}, .batch = 1, .epochs = 1, .io = s.io};
  ImageSet one = sample().train;
  one.count = 1;
  train(m, one, o, nullptr);
  const int digit = one.labels[0], pixel = 14 * 28 + 14;
  const float x = 0.01f + 0.99f * one.image(0)[pixel] / 255.0f;
  const Tensor<float>& W = *m.params()[0].value;  // (10, 784)
  CHECK(W[static_cast<std::size_t>(digit * 784 + pixel)] == doctest::Approx(0.1 * (0.99 - 0.5) * 0.25 * x));
  CHECK(W[static_cast<std::size_t>(((digit + 1) % 10) * 784 + pixel)] ==
        doctest::Approx(0.1 * (0.01 - 0.5) * 0.25 * x));
}

TEST_CASE("train_limit: an epoch trains on only the first N images, and validation is still the held-out end") {
  TrainOptions o;
  o.epochs = 1;
  o.batch = 32;
  o.validation = 500;
  o.train_limit = 100;
  CHECK(images_trained_on(6000, o) == 100);
  o.train_limit = 0;
  CHECK(images_trained_on(6000, o) == 5500);
  o.train_limit = 9000;  // more than there are: all of them
  CHECK(images_trained_on(6000, o) == 5500);
  o.train_limit = 100;
  int batches = 0;
  Sequential<float> m = build_model<float>(small_cnn(), 3);
  const TrainResult r = train(m, sample().train, o, [&](const TrainReport& p) { batches = p.batches; });
  CHECK(batches == 4);  // ⌈100 / 32⌉
  CHECK(r.epochs.back().validation.count == 500);
}
