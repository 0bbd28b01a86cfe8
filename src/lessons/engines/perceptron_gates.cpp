#include "lessons/engines/perceptron_gates.h"

#include <fmt/format.h>

#include <functional>

#include "core/perceptron.h"
#include "core/rational.h"
#include "lessons/engines/perceptron_numbers.h"
#include "lessons/engines/perceptron_sums.h"

namespace neurostep {

namespace ids = perceptron_ids;

namespace {

using namespace perceptron_parts;
using GateFn = std::function<int(int, int)>;

const std::string kGroup = "XOR from gates";

struct Gate {
  std::vector<Rational> w;
  int epochs = 0;  // the epoch in which no sample was misclassified; 0: not within the limit
};

int input(const PerceptronNumbers::Sample& s, std::size_t i) { return s.x[i] > 0.5 ? 1 : 0; }

// The perceptron rule of the AND and OR lessons, exactly, on the gate's truth table.
Gate train_gate(const PerceptronNumbers& in, const GateFn& gate) {
  Gate g{to_rationals(in.weights), 0};
  const Rational eta = Rational::from_decimal(in.learning_rate);
  for (int epoch = 1; epoch <= in.gate_epochs; ++epoch) {
    int errors = 0;
    for (const auto& s : in.samples) {
      const std::vector<Rational> x1 = to_rationals(with_bias_input(s.x));
      const int y = gate(input(s, 0), input(s, 1)), y_hat = heaviside(weighted_sum(g.w, x1));
      if (y_hat != y) {
        perceptron_update(g.w, x1, eta, y, y_hat);
        ++errors;
      }
    }
    if (errors == 0) {
      g.epochs = epoch;
      return g;
    }
  }
  return g;
}

// The gate's sum and output at every sample, as equations of `s` and values z, output, correct.
int classify(Step& s, const std::vector<Rational>& w, const GateFn& gate, const PerceptronNumbers& in) {
  std::vector<double> zs, outputs, correct;
  for (const auto& sample : in.samples) {
    const std::vector<double> x1 = with_bias_input(sample.x);
    const Rational z = weighted_sum(w, to_rationals(x1));
    const int out = heaviside(z), y = gate(input(sample, 0), input(sample, 1));
    Equation e = sum_equation(to_doubles(w), x1, z.to_double());
    e.symbols = fmt::format("{}: {} → ŷ = H(z) = {}, truth table {}{}", point_text(sample.x), e.symbols, out, y,
                            out == y ? " ✓" : " ✗");
    s.equations.push_back(std::move(e));
    zs.push_back(z.to_double());
    outputs.push_back(out);
    correct.push_back(out == y);
  }
  s.values.insert(s.values.end(), {vector_value(ids::kW, to_doubles(w)), vector_value(ids::kZ, zs),
                                   vector_value(ids::kOutput, outputs), vector_value(ids::kCorrect, correct)});
  int right = 0;
  for (double c : correct) right += c > 0.5;
  return right;
}

// `name` is the gate's name on screen ("AND"), `id` its step's (perceptron_ids::kGatesAnd).
void trained_step(Trace& trace, const std::string& id, const std::string& name, const Gate& g, const GateFn& gate,
                  const PerceptronNumbers& in) {
  Step s{.id = id, .group = kGroup, .title = "", .values = {scalar_value(ids::kEpochs, g.epochs)}};
  s.title = g.epochs ? fmt::format("{} trained from the same start: converged in epoch {}", name, g.epochs)
                     : fmt::format("{} trained from the same start: not converged in {} epochs", name, in.gate_epochs);
  classify(s, g.w, gate, in);
  trace.steps.push_back(std::move(s));
}

// AND's weights negated: every nonzero z changes sign, so the output flips — except on AND's line.
bool negated_step(Trace& trace, const Gate& and_gate, const GateFn& nand, const PerceptronNumbers& in) {
  std::vector<Rational> w;
  Step s{.id = ids::kGatesNotAnd, .group = kGroup, .title = "NOT(AND): AND's weights negated"};
  for (std::size_t i = 0; i < and_gate.w.size(); ++i) {
    w.push_back(Rational(0) - and_gate.w[i]);
    const std::string wi = "w" + subscript(static_cast<int>(i));
    s.equations.push_back({wi + "′ = −" + wi, "−({})", {and_gate.w[i].to_double()}, {w.back().to_double()}});
  }
  const bool works = classify(s, w, nand, in) == static_cast<int>(in.samples.size());
  std::string on_line;
  for (const auto& sample : in.samples)
    if (weighted_sum(and_gate.w, to_rationals(with_bias_input(sample.x))) == Rational(0))
      on_line += (on_line.empty() ? "" : ", ") + point_text(sample.x);
  s.note = works
               ? "Negating the weights negates every z: each output flips, and these weights compute NAND."
               : fmt::format(
                     "{} lies on AND's line: z = 0 there, and H(0) = 0 whether the weights are negated or not, so the "
                     "negated weights give 0 where NAND is 1. NAND is trained as a perceptron of its own instead.",
                     on_line);
  trace.steps.push_back(std::move(s));
  return works;
}

// One sample through the two layers: n = NAND(x), o = OR(x) (the hidden layer), ŷ = AND(n, o).
int sample_step(Trace& trace, std::size_t k, const std::vector<Rational>& nand, const std::vector<Rational>& orr,
                const std::vector<Rational>& andw, const PerceptronNumbers& in) {
  const auto& sample = in.samples[k];
  const std::vector<double> x1 = with_bias_input(sample.x);
  const Rational z_n = weighted_sum(nand, to_rationals(x1)), z_o = weighted_sum(orr, to_rationals(x1));
  const int n = heaviside(z_n), o = heaviside(z_o);
  const std::vector<double> h1 = {1.0, double(n), double(o)};
  const Rational z = weighted_sum(andw, to_rationals(h1));
  const int y_hat = heaviside(z);
  Equation e_n = sum_equation(to_doubles(nand), x1, z_n.to_double()),
           e_o = sum_equation(to_doubles(orr), x1, z_o.to_double());
  Equation e_out = sum_equation(to_doubles(andw), h1, z.to_double());
  e_n.symbols = "NAND: z₁ = w₀·1 + w₁x₁ + w₂x₂";
  e_o.symbols = "OR: z₂ = w₀·1 + w₁x₁ + w₂x₂";
  e_out.symbols = "AND on (n, o): z = w₀·1 + w₁n + w₂o";
  Step s{
      .id = ids::gates_sample(k),
      .group = kGroup,
      .title = fmt::format("{}: NAND {}, OR {} → AND({}, {}) = {}{}", point_text(sample.x), n, o, n, o, y_hat,
                           y_hat == sample.y ? " ✓" : " ✗"),
      .equations = {e_n,
                    {"n = H(z₁)", "H({})", {z_n.to_double()}, {double(n)}},
                    e_o,
                    {"o = H(z₂)", "H({})", {z_o.to_double()}, {double(o)}},
                    e_out,
                    {"ŷ = H(z)", "H({})", {z.to_double()}, {double(y_hat)}}},
      .values = {vector_value(ids::kX, x1), scalar_value(ids::kZNand, z_n.to_double()), scalar_value(ids::kN, n),
                 scalar_value(ids::kZOr, z_o.to_double()), scalar_value(ids::kO, o),
                 scalar_value(ids::kZ, z.to_double()), scalar_value(ids::kYHat, y_hat), scalar_value(ids::kY, sample.y),
                 vector_value(ids::kWNand, to_doubles(nand)), vector_value(ids::kWOr, to_doubles(orr))}};
  trace.steps.push_back(std::move(s));
  return y_hat;
}

void table_step(Trace& trace, const std::vector<double>& y_hat, const PerceptronNumbers& in,
                const std::vector<Rational>& nand, const std::vector<Rational>& orr) {
  std::vector<double> y;
  int right = 0;
  for (std::size_t k = 0; k < in.samples.size(); ++k) {
    y.push_back(in.samples[k].y);
    right += y_hat[k] == y[k];
  }
  const int n = static_cast<int>(in.samples.size());
  Step s{.id = ids::kGatesTable,
         .group = kGroup,
         .title = fmt::format("The truth table: {} of {} as XOR", right, n),
         .values = {vector_value(ids::kYHat, y_hat), vector_value(ids::kY, y), scalar_value(ids::kRight, right),
                    vector_value(ids::kWNand, to_doubles(nand)), vector_value(ids::kWOr, to_doubles(orr))}};
  for (std::size_t k = 0; k < in.samples.size(); ++k)
    s.equations.push_back(
        {fmt::format("XOR{} = AND(NAND, OR)", point_text(in.samples[k].x)), "{}", {y_hat[k]}, {y[k]}});
  s.note =
      right == n
          ? "Every output is XOR's: two perceptrons side by side (NAND and OR, a hidden layer, each drawing one line) "
            "and "
            "one on top (AND) compute what no single perceptron can. Each gate was trained on its own truth table, "
            "not the network as a whole: learning all three layers' weights from XOR's samples alone takes the "
            "differentiable network that follows."
          : fmt::format("{} of {} outputs differ from XOR: a gate above did not converge.", n - right, n);
  trace.steps.push_back(std::move(s));
}

}  // namespace

void xor_from_gates(const PerceptronNumbers& in, Trace& trace) {
  const GateFn and_fn = [](int a, int b) { return a & b; }, or_fn = [](int a, int b) { return a | b; };
  const GateFn nand_fn = [](int a, int b) { return 1 - (a & b); };
  const Gate and_gate = train_gate(in, and_fn), or_gate = train_gate(in, or_fn);
  trained_step(trace, ids::kGatesAnd, "AND", and_gate, and_fn, in);
  trace.steps.back().note =
      "Sougrati et al. write XOR with gates: “XOR(x1, x2) = AND(NOT(AND(x1, x2)), OR(x1, x2))” (ch. 2, "
      "§2.2.3). Each gate is a perceptron that can learn: here each is trained alone, on its own truth "
      "table, by the rule and from the start weights of the AND and OR lessons.";
  std::vector<Rational> nand;
  if (negated_step(trace, and_gate, nand_fn, in)) {
    for (const Rational& w : and_gate.w) nand.push_back(Rational(0) - w);
  } else {
    const Gate g = train_gate(in, nand_fn);
    trained_step(trace, ids::kGatesNand, "NAND", g, nand_fn, in);
    nand = g.w;
  }
  trained_step(trace, ids::kGatesOr, "OR", or_gate, or_fn, in);
  std::vector<double> y_hat;
  for (std::size_t k = 0; k < in.samples.size(); ++k)
    y_hat.push_back(sample_step(trace, k, nand, or_gate.w, and_gate.w, in));
  table_step(trace, y_hat, in, nand, or_gate.w);
}

}  // namespace neurostep
