// cnn-walk — one digit through a whole CNN: every map and gradient of the trace against PyTorch
// (tests/reference/cnn_walk_reference.json) and against the network written out here with plain
// loops for a tiny random one; the lesson's gradient check; edits and clicks.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "lesson_paths.h"
#include "reference_json.h"
#include "lessons/engines/cnn_walk.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"
#include "lessons/framework/capabilities.h"

using namespace neurostep;
using test::step;
namespace ids = cnn_walk_ids;

namespace {

void check_close(const std::vector<double>& got, const std::vector<double>& want, const char* what, double tol = 1e-9) {
  INFO(what);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    CHECK_MESSAGE(std::abs(got[i] - want[i]) <= tol * std::max(1.0, std::abs(want[i])),
                  what << "[" << i << "]: " << got[i] << " vs " << want[i]);
}

const std::vector<double>& data(const Trace& t, const std::string& step_id, const std::string& name) {
  const Value* v = step(t, step_id).find(name);
  REQUIRE_MESSAGE(v, "no value " << name << " in " << step_id);
  return v->data;
}

// The walk's network with plain loops: valid convolution (eq. 59), ReLU, max pooling with the first
// maximum winning, dense, softmax cross-entropy, and the backward pass by the chain rule.
struct Reference {
  std::vector<double> Z, A, P, logits, probabilities, delta_out, dW, delta_P, delta_A, delta_Z, dK, db_conv;
  double E = 0;
};

Reference reference_pass(const CnnWalkNumbers& n) {
  const int s = n.images.dim(1), k = n.kernel(), F = n.filters(), c = n.conv_size(), p = n.pooled_size(), q = n.pool,
            I = n.dense_inputs();
  const auto X = [&](int r, int col) { return n.images[static_cast<std::size_t>((n.digit * s + r) * s + col)]; };
  const auto K = [&](int f, int i, int j) { return n.kernels[static_cast<std::size_t>((f * k + i) * k + j)]; };
  Reference ref;
  ref.Z.assign(static_cast<std::size_t>(F * c * c), 0);
  for (int f = 0; f < F; ++f)
    for (int r = 0; r < c; ++r)
      for (int col = 0; col < c; ++col) {
        double z = n.kernel_bias[static_cast<std::size_t>(f)];
        for (int i = 0; i < k; ++i)
          for (int j = 0; j < k; ++j) z += X(r + i, col + j) * K(f, i, j);
        ref.Z[static_cast<std::size_t>((f * c + r) * c + col)] = z;
      }
  for (double z : ref.Z) ref.A.push_back(z > 0 ? z : 0);
  std::vector<int> winner;
  for (int f = 0; f < F; ++f)
    for (int r = 0; r < p; ++r)
      for (int col = 0; col < p; ++col) {
        int best = (f * c + r * q) * c + col * q;
        for (int i = 0; i < q; ++i)
          for (int j = 0; j < q; ++j) {
            const int at = (f * c + r * q + i) * c + col * q + j;
            if (ref.A[static_cast<std::size_t>(at)] > ref.A[static_cast<std::size_t>(best)]) best = at;
          }
        winner.push_back(best);
        ref.P.push_back(ref.A[static_cast<std::size_t>(best)]);
      }
  double total = 0;
  for (int o = 0; o < 10; ++o) {
    double z = n.dense_b[static_cast<std::size_t>(o)];
    for (int i = 0; i < I; ++i)
      z += n.dense_W[static_cast<std::size_t>(o * I + i)] * ref.P[static_cast<std::size_t>(i)];
    ref.logits.push_back(z);
    total += std::exp(z);
  }
  const int label = n.labels[static_cast<std::size_t>(n.digit)];
  for (int o = 0; o < 10; ++o) {
    ref.probabilities.push_back(std::exp(ref.logits[static_cast<std::size_t>(o)]) / total);
    ref.delta_out.push_back(ref.probabilities.back() - (o == label ? 1 : 0));
  }
  ref.E = -std::log(ref.probabilities[static_cast<std::size_t>(label)]);
  ref.delta_P.assign(static_cast<std::size_t>(I), 0);
  for (int o = 0; o < 10; ++o)
    for (int i = 0; i < I; ++i) {
      ref.dW.push_back(ref.delta_out[static_cast<std::size_t>(o)] * ref.P[static_cast<std::size_t>(i)]);
      ref.delta_P[static_cast<std::size_t>(i)] +=
          n.dense_W[static_cast<std::size_t>(o * I + i)] * ref.delta_out[static_cast<std::size_t>(o)];
    }
  ref.delta_A.assign(ref.A.size(), 0);
  for (std::size_t i = 0; i < winner.size(); ++i) ref.delta_A[static_cast<std::size_t>(winner[i])] += ref.delta_P[i];
  for (std::size_t i = 0; i < ref.Z.size(); ++i) ref.delta_Z.push_back(ref.Z[i] > 0 ? ref.delta_A[i] : 0);
  for (int f = 0; f < F; ++f) {
    double db = 0;
    for (int r = 0; r < c; ++r)
      for (int col = 0; col < c; ++col) db += ref.delta_Z[static_cast<std::size_t>((f * c + r) * c + col)];
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) {
        double g = 0;
        for (int r = 0; r < c; ++r)
          for (int col = 0; col < c; ++col)
            g += ref.delta_Z[static_cast<std::size_t>((f * c + r) * c + col)] * X(r + i, col + j);
        ref.dK.push_back(g);
      }
    ref.db_conv.push_back(db);
  }
  return ref;
}

void check_against(const Trace& t, const Reference& r, double tol) {
  check_close(data(t, ids::kForwardConv, ids::kZ), r.Z, "Z", tol);
  check_close(data(t, ids::kForwardRelu, ids::kA), r.A, "A", tol);
  check_close(data(t, ids::kForwardPool, ids::kP), r.P, "P", tol);
  check_close(data(t, ids::kForwardDense, ids::kLogits), r.logits, "logits", tol);
  check_close(data(t, ids::kForwardSoftmax, ids::kProbabilities), r.probabilities, "probabilities", tol);
  check_close(data(t, ids::kForwardSoftmax, ids::kE), {r.E}, "E", tol);
  check_close(data(t, ids::kBackwardOutput, ids::kDeltaOut), r.delta_out, "delta_out", tol);
  check_close(data(t, ids::kBackwardDense, ids::kDW), r.dW, "dW", tol);
  check_close(data(t, ids::kBackwardDense, ids::kDeltaP), r.delta_P, "delta_P", tol);
  check_close(data(t, ids::kBackwardPool, ids::kDeltaA), r.delta_A, "delta_A", tol);
  check_close(data(t, ids::kBackwardRelu, ids::kDeltaZ), r.delta_Z, "delta_Z", tol);
  check_close(data(t, ids::kBackwardConv, ids::kDK), r.dK, "dK", tol);
  check_close(data(t, ids::kBackwardConv, ids::kDbConv), r.db_conv, "db_conv", tol);
}

// A tiny network with random numbers: 8×8 digits, three 3×3 kernels, 2×2 pooling.
CnnWalkNumbers tiny_numbers(unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1), pixel(0, 1);
  CnnWalkNumbers n;
  n.images = Tensor<double>({2, 8, 8});
  for (auto& v : n.images.values()) v = pixel(rng);
  n.labels = {3, 9};
  n.digit = 1;
  n.kernels = Tensor<double>({3, 1, 3, 3});
  for (auto& v : n.kernels.values()) v = u(rng);
  n.kernel_bias = Tensor<double>({3}, {0.1, -0.2, 0.05});
  n.seed = static_cast<int>(seed);
  n.draw_dense_weights();
  for (auto& v : n.dense_b.values()) v = u(rng) / 10;
  n.train_steps = 3;
  return n;
}

const nlohmann::json& cnn_walk_reference() {
  return test::reference_json("cnn_walk_reference.json", "make_cnn_walk_reference.py");
}

}  // namespace

TEST_CASE("cnn-walk: every map and gradient of the lesson's digit agrees with PyTorch") {
  const Trace t = load_lesson(test::lesson_path("cnn-walk"))->run();
  const nlohmann::json& ref = cnn_walk_reference();
  const auto want = [&](const char* name) { return ref.at(name).get<std::vector<double>>(); };
  for (auto [step_id, name] : {std::pair{ids::kForwardConv, ids::kZ},
                               {ids::kForwardRelu, ids::kA},
                               {ids::kForwardPool, ids::kP},
                               {ids::kForwardDense, ids::kLogits},
                               {ids::kForwardSoftmax, ids::kProbabilities},
                               {ids::kBackwardOutput, ids::kDeltaOut},
                               {ids::kBackwardDense, ids::kDW},
                               {ids::kBackwardDense, ids::kDb},
                               {ids::kBackwardDense, ids::kDeltaP},
                               {ids::kBackwardPool, ids::kDeltaA},
                               {ids::kBackwardRelu, ids::kDeltaZ},
                               {ids::kBackwardConv, ids::kDK},
                               {ids::kBackwardConv, ids::kDbConv},
                               {ids::kUpdate, ids::kKAfter}})
    check_close(data(t, step_id, name), want(name), name);
  check_close(data(t, ids::kForwardSoftmax, ids::kE), {ref.at("E").get<double>()}, "E");
  check_close(data(t, ids::kUpdate, ids::kEAfter), {want("losses").front()}, "E_after");
  check_close(data(t, ids::kTrain, ids::kLosses), want("losses"), "losses", 1e-8);
}

TEST_CASE("cnn-walk: the trace agrees with the network written out by hand") {
  check_against(load_lesson(test::lesson_path("cnn-walk"))->run(), reference_pass([] {
                  // The lesson's own numbers, read back through a lesson (no engine code in the reference).
                  auto lesson = load_lesson(test::lesson_path("cnn-walk"));
                  const Trace t = lesson->run();
                  CnnWalkNumbers n = tiny_numbers(1);
                  n.images = Tensor<double>({1, 28, 28}, data(t, ids::kSetup, ids::kDigit));
                  n.labels = {static_cast<int>(step(t, ids::kSetup).find(ids::kLabel)->scalar())};
                  n.digit = 0;
                  n.kernels = Tensor<double>({2, 1, 3, 3}, data(t, ids::kSetup, ids::kKernels));
                  n.kernel_bias = Tensor<double>({2}, data(t, ids::kSetup, ids::kKernelBias));
                  n.dense_W = Tensor<double>({10, 338}, data(t, ids::kSetup, ids::kDenseW));
                  n.dense_b = Tensor<double>({10});
                  return n;
                }()),
                1e-12);
  for (unsigned seed : {1u, 2u, 3u}) {
    const CnnWalkNumbers n = tiny_numbers(seed);
    check_against(run_cnn_walk("tiny", n), reference_pass(n), 1e-12);
  }
}

TEST_CASE("cnn-walk: the spelled-out sums are the core's values and the gradients pass the check") {
  const Trace t = load_lesson(test::lesson_path("cnn-walk"))->run();
  CHECK(step(t, ids::kGradcheck).find(ids::kMaxRelativeErrorConv)->scalar() < 1e-6);
  CHECK(step(t, ids::kGradcheck).find(ids::kMaxRelativeErrorDense)->scalar() < 1e-6);
  // eq. 59 for the picked cell: nine products plus the bias
  const Equation& conv = step(t, ids::kForwardConv).equations[0];
  double z = conv.args.back();
  for (std::size_t i = 0; i + 1 < conv.args.size(); i += 2) z += conv.args[i] * conv.args[i + 1];
  CHECK(z == doctest::Approx(step(t, ids::kForwardConv).find(ids::kZCell)->scalar()).epsilon(1e-12));
  // the dense sum shown as its largest terms, the rest and the bias
  const Equation& dense = step(t, ids::kForwardDense).equations[0];
  double sum = dense.args[dense.args.size() - 2] + dense.args.back();
  for (std::size_t i = 0; i + 3 < dense.args.size(); i += 2) sum += dense.args[i] * dense.args[i + 1];
  CHECK(sum == doctest::Approx(step(t, ids::kForwardDense).find(ids::kZClass)->scalar()).epsilon(1e-12));
  // one update lowers E, and more steps lower it further
  CHECK(step(t, ids::kUpdate).find(ids::kEAfter)->scalar() < step(t, ids::kUpdate).find(ids::kEBefore)->scalar());
  CHECK(data(t, ids::kTrain, ids::kLosses).back() < step(t, ids::kUpdate).find(ids::kEAfter)->scalar());
}

TEST_CASE("cnn-walk: editing a kernel changes every later step and nothing earlier") {
  LessonSession session(load_lesson(test::lesson_path("cnn-walk")));
  const Trace before = session.trace();
  bool found = false;
  for (Editable& e : session.lesson().editables())
    if (e.label == "K[1,2,3]") {
      *e.number += 0.25;
      found = true;
    }
  REQUIRE(found);
  session.recompute();
  const Trace& after = session.trace();
  REQUIRE(after.steps.size() == before.steps.size());
  for (std::size_t i = 0; i < after.steps.size(); ++i) {
    bool same = true;
    for (std::size_t v = 0; v < after.steps[i].values.size(); ++v) {
      const bool edited =
          after.steps[i].values[v].name == ids::kKernels;  // the setup lists the edited kernels themselves
      same = same && (edited || after.steps[i].values[v].data == before.steps[i].values[v].data);
    }
    INFO(after.steps[i].id);
    CHECK(same == (after.steps[i].id == ids::kSetup));
  }
}

TEST_CASE("cnn-walk: clicking a cell picks it, and the sums follow") {
  LessonSession session(load_lesson(test::lesson_path("cnn-walk")));
  session.go_to(1);
  std::vector<Figure> figs = session.figures();
  const Figure* z_map = nullptr;
  for (const Figure& f : figs)
    if (f.title.find("map 1") != std::string::npos) z_map = &f;  // the first map (maps count from 1)
  REQUIRE(z_map);
  const int id = z_map->heatmaps[0].click_id + 5 * 26 + 17;  // the first map, row 6, column 18
  REQUIRE(session.lesson().offers<ClickableFigures>()->on_figure_click(id));
  session.recompute();
  const Step& conv = step(session.trace(), ids::kForwardConv);
  CHECK(conv.equations[0].symbols.rfind("Z[1,6,18]", 0) == 0);
  const auto& Z = conv.find(ids::kZ)->data;
  CHECK(conv.find(ids::kZCell)->scalar() == Z[5 * 26 + 17]);
  CHECK_FALSE(session.lesson().offers<ClickableFigures>()->on_figure_click(id));  // the same cell again changes nothing
}

TEST_CASE("cnn-walk: mistakes in the lesson file are reported where they are") {
  std::ifstream in(test::lesson_path("cnn-walk"));
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto error_for = [&](const std::string& from, const std::string& to) -> std::string {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    try {
      parse_lesson(text, test::lesson_path("cnn-walk"));
    } catch (const LessonError& e) {
      return std::to_string(e.line) + ": " + e.message;
    }
    return "no error";
  };
  CHECK(error_for("bias = [-0.1, -0.5]", "bias = [-0.1]").find("2") != std::string::npos);
  CHECK(error_for("pool_cell = [1, 10, 6]", "pool_cell = [1, 13, 6]").find("outside") != std::string::npos);
  CHECK(error_for("pool_cell = [1, 10, 6]", "pool_cell = [2, 1, 6]").find("outside") != std::string::npos);
  CHECK(error_for("index = 0 ", "index = 5000 ").find("index") != std::string::npos);
  CHECK(error_for("[-0.5, 0.0, 0.5],\n   [-1.0", "[-0.5, 0.0],\n   [-1.0").find("every row") != std::string::npos);
  CHECK(error_for("learning_rate = 0.02", "learning_rate = -1").find("out of range") != std::string::npos);
  const std::string where = error_for("pool_cell = [1, 10, 6]", "pool_cell = [1, 13, 6]");
  CHECK(where.rfind("41:", 0) == 0);  // the line of pool_cell
}

TEST_CASE("cnn-walk: a drawing goes through the network as the digit, with the label the student gives it") {
  LessonSession session(load_lesson(test::lesson_path("cnn-walk")));
  REQUIRE(session.lesson().offers<TakesDrawing>());
  std::vector<float> drawing(28 * 28, 0.0f);
  for (int r = 4; r < 24; ++r) drawing[static_cast<std::size_t>(r * 28 + 14)] = 1.0f;  // a "1"
  REQUIRE(session.lesson().offers<TakesDrawing>()->use_drawing(drawing));
  for (Editable& e : session.lesson().editables())
    if (e.label == "your drawing is a") *e.integer = 1;
  session.recompute();
  const Trace& t = session.trace();
  const std::vector<double>& digit = data(t, ids::kSetup, ids::kDigit);
  CHECK(digit[10 * 28 + 14] == 1.0);
  CHECK(digit[10 * 28 + 13] == 0.0);
  CHECK(step(t, ids::kSetup).find(ids::kLabel)->scalar() == 1);
  CHECK(data(t, ids::kBackwardOutput, ids::kDeltaOut)[1] < 0);  // the true class is the one the student named
  const auto last_image = [&] {
    for (Editable& e : session.lesson().editables())
      if (e.label == "image (the last is your drawing)") return e.max;
    return -1.0;
  };
  CHECK(last_image() == 1000);  // the sample's 1,000 images, then the drawing
  REQUIRE(session.lesson().offers<TakesDrawing>()->use_drawing(drawing));  // a second drawing takes the same slot
  CHECK(last_image() == 1000);
}
