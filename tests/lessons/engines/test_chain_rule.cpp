// Lesson 3 — backpropagation through a 2-2-2 network. The default numbers are M. Mazur's worked
// example, whose published values are checked here as golden values from a second source.
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"
#include "lessons/engines/chain_rule.h"
#include "lessons/framework/session.h"
#include "lessons/framework/thesis_check.h"
#include "lessons/framework/capabilities.h"

using namespace neurostep;
using test::step;
namespace ids = chain_rule_ids;

namespace {
double at(const Trace& t, const std::string& id, const std::string& name, std::size_t i = 0) {
  return step(t, id).find(name)->data.at(i);
}
// The place of the last training step (the symmetry steps come after it, with a plot of their own).
int last_training(const Trace& t) {
  int at = -1;
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].id.rfind(ids::kTrainPrefix, 0) == 0) at = static_cast<int>(i);
  return at;
}
}  // namespace

TEST_CASE("Mazur's example: forward, error, δ, gradients, update, and 10,000 iterations") {
  const Trace t = load_lesson(test::lesson_path("chain-rule"))->run();
  // z⁽¹⁾₁ = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775, a = σ(0.3775) = 0.593269992
  CHECK(at(t, ids::forward(1), ids::z(1), 0) == doctest::Approx(0.3775));
  CHECK(at(t, ids::forward(1), ids::a(1), 0) == doctest::Approx(0.593269992).epsilon(1e-9));
  CHECK(at(t, ids::forward(2), ids::a(2), 0) == doctest::Approx(0.75136507).epsilon(1e-8));
  CHECK(at(t, ids::kError, ids::kE) == doctest::Approx(0.298371109).epsilon(1e-9));
  // δ⁽²⁾₁ = (0.75136507 − 0.01)·0.75136507·(1 − 0.75136507) = 0.138498562
  CHECK(at(t, ids::backward(2), ids::delta(2), 0) == doctest::Approx(0.138498562).epsilon(1e-8));
  // ∂E/∂w₅ = δ⁽²⁾₁·a⁽¹⁾₁ = 0.138498562·0.593269992 = 0.082167041
  CHECK(at(t, ids::kChain, ids::kDEdw) == doctest::Approx(0.082167041).epsilon(1e-8));
  CHECK(at(t, ids::kGradients, ids::dW(2), 0) == doctest::Approx(0.082167041).epsilon(1e-8));
  // w₅ ← 0.4 − 0.5·0.082167041 = 0.35891648; w₁ ← 0.15 − 0.5·0.000438568 = 0.149780716
  CHECK(at(t, ids::kUpdate, ids::W(2), 0) == doctest::Approx(0.35891648).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(2), 1) == doctest::Approx(0.408666186).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(2), 2) == doctest::Approx(0.511301270).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(2), 3) == doctest::Approx(0.561370121).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(1), 0) == doctest::Approx(0.149780716).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(1), 1) == doctest::Approx(0.19956143).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(1), 2) == doctest::Approx(0.24975114).epsilon(1e-8));
  CHECK(at(t, ids::kUpdate, ids::W(1), 3) == doctest::Approx(0.29950229).epsilon(1e-8));
  // Mazur updates only the weights, and so does the lesson file (biases = "fixed"). With his
  // printed w₁…w₈: E = 0.2910277737 (worked independently: 0.291027773717 from the rounded weights).
  // He prints 0.291027924 — the E of hidden δs taken through the already updated w₅…w₈.
  CHECK(at(t, ids::kErrorAfter, ids::kEAfter) == doctest::Approx(0.2910277737).epsilon(1e-10));
  CHECK(at(t, ids::kUpdate, ids::b(1), 0) == 0.35);
  CHECK(at(t, ids::kGradcheck, ids::kMaxRelativeError) < 1e-6);
  CHECK(t.steps[t.steps.size() - 3].id == ids::train(10000));  // the last training step; the symmetry steps follow
  const Step& last = step(t, ids::train(10000));
  CHECK(last.find(ids::kE)->scalar() == doctest::Approx(0.0000351019).epsilon(1e-5));
  CHECK(last.find(ids::kECurve)->data.size() == 10001);
  CHECK(at(t, ids::kChain, ids::kChosen) == 5);  // counted from 1, as the file gives it: w₅
  // Every printed value of his agrees but the two errors after training, and those say why.
  for (const CheckResult& c : check_printed_values(load_lesson(test::lesson_path("chain-rule"))->printed_values(), t)) {
    const bool his_slip = c.printed.step == ids::kErrorAfter || c.printed.step == ids::train(10000);
    CHECK_MESSAGE(c.verdict == (his_slip ? Verdict::Disagrees : Verdict::Agrees),
                  c.printed.step << " " << c.printed.value << " " << c.printed.printed);
    if (his_slip) CHECK(!c.printed.note.empty());
  }
}

TEST_CASE("with the biases learned too, the update moves them and E falls below Mazur's 0.291027924") {
  auto lesson = load_lesson(test::lesson_path("chain-rule"));
  Editable biases;
  for (Editable& e : lesson->editables())
    if (e.label == "biases") biases = e;
  REQUIRE(biases.choice);
  biases.choice.set(0);  // "updated with the weights"
  const Trace t = lesson->run();
  CHECK(at(t, ids::kErrorAfter, ids::kEAfter) < 0.291027924);
  CHECK(at(t, ids::kUpdate, ids::b(1), 0) < 0.35);
}

TEST_CASE("every activation and loss: the chain rule agrees with finite differences") {
  auto lesson = load_lesson(test::lesson_path("chain-rule"));
  ChainRuleNumbers n;
  n.sizes = {3, 4, 2, 3};
  n.input = {0.3, -0.7, 0.9};
  n.target = {0.2, 0.7, 0.1};
  n.fit_shapes();
  n.iterations = 5;
  using A = ActivationKind;
  for (const A activation : {A::Sigmoid, A::Tanh, A::ReLU, A::LeakyReLU, A::ELU})
    for (const LossKind loss : {LossKind::HalfSquaredError, LossKind::SquaredError, LossKind::SoftmaxCrossEntropy}) {
      CAPTURE(activation_name(activation));
      CAPTURE(loss_name(loss));
      n.activation = activation;
      n.loss = loss;
      const Trace t = run_chain_rule("x", n);
      CHECK(at(t, ids::kGradcheck, ids::kMaxRelativeError) < 1e-5);
    }
}

TEST_CASE("Symon's Wᵀe differs from the true gradient by the output slopes") {
  const Trace t = load_lesson(test::lesson_path("chain-rule"))->run();
  const Step& s = step(t, ids::kSymon);
  const auto& e = s.find(ids::kEOutSymon)->data;
  // Wᵀe for hidden unit 1: w⁽²⁾₁₁e₁ + w⁽²⁾₂₁e₂ = 0.4·(0.01 − 0.7514) + 0.5·(0.99 − 0.7729)
  CHECK(s.find(ids::kEHiddenWTe)->data[0] == doctest::Approx(0.4 * e[0] + 0.5 * e[1]));
  // the true −∂E/∂a⁽¹⁾₁ multiplies each e by σ′(z) of its output unit
  CHECK(s.find(ids::kMinusDEda)->data[0] != doctest::Approx(s.find(ids::kEHiddenWTe)->data[0]));
}

TEST_CASE("clicking a weight in the graph expands its chain; changing the shape reshapes the weights") {
  LessonSession session(load_lesson(test::lesson_path("chain-rule")));
  CHECK(session.lesson().offers<ClickableFigures>()->on_figure_click(0));
  session.recompute();
  CHECK(step(session.trace(), ids::kChain).title.find("w⁽¹⁾₁₁") != std::string::npos);
  auto editables = session.lesson().editables();
  REQUIRE(editables[0].label == "layers");
  *editables[0].integer = 3;
  *editables[2].integer = 4;  // units in layer 1
  session.recompute();
  CHECK(step(session.trace(), ids::kGradients).find(ids::dW(1))->data.size() == 8);
  CHECK(step(session.trace(), ids::kGradients).find(ids::dW(3)) != nullptr);
  CHECK(at(session.trace(), ids::kGradcheck, ids::kMaxRelativeError) < 1e-5);
  const auto figs = session.figures();
  REQUIRE_FALSE(figs.empty());
  int clickable = 0;
  for (const auto& s : figs[0].series) clickable += static_cast<int>(s.ids.size());
  CHECK(clickable == 2 * 4 + 4 * 2 + 2 * 2);
}

namespace {

const Annotation* annotation_with(const Figure& f, const std::string& text) {
  for (const Annotation& a : f.annotations)
    if (a.text.find(text) != std::string::npos) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("the graph shows the network as it stands at each step, and exports no instructions") {
  LessonSession session(load_lesson(test::lesson_path("chain-rule")));
  const Trace& t = session.trace();
  // Every training checkpoint carries the weights, biases, a and δ of the network at that point.
  const Step& last =
      *std::find_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.id == ids::train(10000); });
  for (const std::string& name :
       {ids::W(1), ids::b(1), ids::W(2), ids::b(2), ids::a(1), ids::a(2), ids::delta(1), ids::delta(2)})
    CHECK_MESSAGE(last.find(name), name);
  // After 10,000 updates w⁽²⁾₁₁ is far from its 0.3589 after one update; the graph shows the trained value.
  const double w5 = last.find(ids::W(2))->data[0];
  CHECK(std::abs(w5 - at(t, ids::kUpdate, ids::W(2), 0)) > 1);
  session.go_to(last_training(t));
  Figure graph = session.figures().at(0);
  CHECK(graph.title.find("click") == std::string::npos);
  CHECK(graph.title.find("Click") == std::string::npos);
  CHECK(annotation_with(graph, format_number(w5, kShownDecimals)));  // the lesson's decimals, as the math
  CHECK(graph.annotations.size() == 8 + 6);                          // every weight and every unit is labelled
  CHECK_FALSE(annotation_with(graph, "0.359"));
  // Each unit shows its bias; the output units their a of the trained network, o₁ = 0.0159.
  CHECK(annotation_with(graph, "b = 0.6"));
  CHECK(annotation_with(graph, "a = " + format_number(last.find(ids::a(2))->data[0], 4)));
  // After the update, before training: the new a, but no δ (it belongs to the weights before).
  for (int i = 0; i < session.step_count(); ++i)
    if (t.steps[static_cast<std::size_t>(i)].id == ids::kErrorAfter) session.go_to(i);
  graph = session.figures().at(0);
  CHECK(annotation_with(graph, "a = " + format_number(step(t, ids::kErrorAfter).find(ids::a(2))->data[0], 4)));
  CHECK_FALSE(annotation_with(graph, "δ = "));
  // The error over the iterations on a log scale: log₁₀ E falls from −0.53 to −4.45.
  session.go_to(last_training(t));
  const Figure curve = session.figures().at(1);
  CHECK(curve.y.label == "log₁₀ E");
  CHECK(curve.series.at(0).y.front() == doctest::Approx(std::log10(0.298371109)).epsilon(1e-6));
  CHECK(curve.series.at(0).y.back() == doctest::Approx(std::log10(0.0000351019)).epsilon(1e-4));
}

// That no label of the graph covers another or a unit, at every step, shape and screen size, is
// tests/figure/test_graph_labels.cpp's: it paints the figure as the screen does.

TEST_CASE("networks too dense for the plot leave labels out rather than stack them") {
  // Every shape the Numbers tab allows at its extremes: every weight can still be clicked on every step.
  for (const std::vector<int>& sizes :
       std::vector<std::vector<int>>{{1, 1}, {3, 4, 2, 3}, {6, 6, 6}, {2, 4, 4, 4, 2}}) {
    CAPTURE(sizes.size());
    CAPTURE(sizes[1]);
    LessonSession session(load_lesson(test::lesson_path("chain-rule")));
    *session.lesson().editables()[0].integer = static_cast<int>(sizes.size()) - 1;  // "layers"
    session.recompute();
    auto editables = session.lesson().editables();
    for (std::size_t l = 0; l < sizes.size(); ++l)
      *editables[1 + l].integer = sizes[l];  // "inputs", "units in layer l"
    session.recompute();
    for (int i = 0; i < session.step_count(); ++i) {
      if (session.trace().steps[static_cast<std::size_t>(i)].id.rfind(ids::kSymmetryPrefix, 0) == 0)
        continue;  // a plot of their own, no graph
      session.go_to(i);
      const Figure graph = session.figures().at(0);
      int clickable = 0;  // every weight can still be clicked
      for (const auto& s : graph.series) clickable += static_cast<int>(s.ids.size());
      int weights = 0;
      for (std::size_t l = 0; l + 1 < sizes.size(); ++l) weights += sizes[l] * sizes[l + 1];
      CHECK(clickable == weights);
    }
  }
}
