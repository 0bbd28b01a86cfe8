// perceptron.h — lesson kind "perceptron": Rosenblatt's perceptron learning a logic gate
// (Sougrati et al., ch. 2, §2; Jäppinen 2024, §2.1.2), the thesis's own hand-worked version, and optionally
// what solves XOR, which the perceptron cannot: three trained gates, AND(NAND, OR) (ch. 2, §2.2.3,
// perceptron_gates.h), and a 2-2-1 sigmoid network (ch. 2, §4.3).
//
// Training follows the paper: decisions use exact fractions (core/rational.h), so a sum that is
// exactly 0 on paper gives ŷ = 0. A parallel run in double — what the thesis's Python code does —
// is kept, and where its decision differs the step says so (a pitfall note).
//
// Its step and value ids are declared once, in perceptron_ids below: the engine builds its steps with
// them and the tests look steps up by them; lessons/perceptron-*.toml name them, and reading them
// checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// The kind's files: perceptron.cpp (the steps, run_perceptron), perceptron_gates.cpp (the steps of
// XOR from gates), perceptron_numbers.h (exact weights, the double run, the network), perceptron_sums.h
// (the sum written out), perceptron_figures.cpp (the plots of a step), perceptron_file.cpp (the lesson
// file's tables, the Lesson).
#pragma once

#include <cstddef>
#include <string>

#include "core/optimizer.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace perceptron_ids {
// Training, epoch E (from 1), sample K (from 0), until an epoch without errors or a cycle:
std::string sample(int epoch, std::size_t k);  // "e{E}.s{K}"
std::string epoch_samples(int epoch);          // "e{E}.s*": every sample step of epoch E (a pattern)
std::string epoch_end(int epoch);              // "e{E}.end"
// Values of sample(E, K): kX (with x₀ = 1), kY, kZ, kYHat, kW (after the step), kMisclassified (0/1),
// kZFloatRun (z of a second, separate run in double precision: the same sum until the two runs
// first decide differently, its own after), kWFloatRun (that run's weights before the sample).
inline constexpr char kX[] = "x", kY[] = "y", kZ[] = "z", kYHat[] = "y_hat", kW[] = "w",
                      kMisclassified[] = "misclassified", kZFloatRun[] = "z_float_run", kWFloatRun[] = "w_float_run";
// Values of epoch_end(E): kErrors (misclassified in the epoch), kW; on convergence, if the double run
// converges elsewhere or to other weights, kEpochFloatRun and kWFloatRun (its final weights).
inline constexpr char kErrors[] = "errors", kEpochFloatRun[] = "epoch_float_run";
// The thesis by hand: kHandClassify, hand_update(K) for K = 1, 2, …, kHandResult.
inline constexpr char kHandClassify[] = "hand.classify", kHandResult[] = "hand.result";
std::string hand_update(std::size_t k);  // "hand.update{K}"
// Values of kHandClassify and kHandResult: kZ, kOutput, kCorrect (vectors over the samples, under the
// stated rule), kW. Of hand_update(K): kW, kSlope, kIntercept (the line x₂ = slope·x₁ + intercept).
inline constexpr char kOutput[] = "output", kCorrect[] = "correct", kSlope[] = "slope", kIntercept[] = "intercept";
// XOR from gates (perceptron_gates.h): kGatesAnd, kGatesNotAnd, kGatesNand (only when NOT(AND) is not
// NAND), kGatesOr, gates_sample(K) per sample, kGatesTable.
inline constexpr char kGatesAnd[] = "gates.and", kGatesOr[] = "gates.or", kGatesNand[] = "gates.nand",
                      kGatesNotAnd[] = "gates.not_and", kGatesTable[] = "gates.table";
std::string gates_sample(std::size_t k);  // "gates.x{K}"
// Values of kGatesAnd, kGatesOr, kGatesNand: kEpochs (in which its training converged, 0: not within
// max_epochs), kW, kZ, kOutput, kCorrect (vectors over the samples). Of kGatesNotAnd: kW (AND's
// negated), kZ, kOutput, kCorrect.
inline constexpr char kEpochs[] = "epochs";
// Values of gates_sample(K): kX (with x₀ = 1), kZNand, kN, kZOr, kO (the hidden layer), kZ, kYHat, kY,
// kWNand, kWOr (the figure's two lines). Of kGatesTable: kYHat, kY (vectors over the samples), kRight
// (how many agree), kWNand, kWOr.
inline constexpr char kZNand[] = "z_nand", kN[] = "n", kZOr[] = "z_or", kO[] = "o", kWNand[] = "w_nand",
                      kWOr[] = "w_or", kRight[] = "right";
// The 2-2-1 network: network_epoch(N) every record_every epochs, from 0, and at the last.
std::string network_epoch(int epoch);  // "net.epoch{N}"
// Values of network_epoch(N): kLoss, kOutputs (one per sample), kW1, kB1, kW2, kB2, kLossCurve (every
// epoch so far); only kLoss when training stopped on a loss that is not finite.
inline constexpr char kLoss[] = "loss", kOutputs[] = "outputs", kW1[] = "W1", kB1[] = "b1", kW2[] = "W2", kB2[] = "b2",
                      kLossCurve[] = "loss_curve";
}  // namespace perceptron_ids

struct PerceptronNumbers {
  struct Sample {
    std::vector<double> x;  // without x₀
    int y = 0;
  };
  struct HandUpdate {
    std::vector<double> x;
    int d = 1;  // +1: "the line should be upper", −1: lower (Sougrati et al., ch. 2, §2.2.1)
  };
  struct Network {
    int hidden = 2;
    double learning_rate = 0.2;
    OptimizerKind optimizer = OptimizerKind::Adam;  // as Sougrati et al., ch. 2, §4.3
    int epochs = 2000;
    int record_every = 100;
    int seed = 1;
  };
  std::vector<double> weights;  // w₀ (bias), w₁, …
  double learning_rate = 0.2;
  std::vector<Sample> samples;
  int max_epochs = 50;
  std::vector<HandUpdate> hand_updates;  // the thesis's hand-worked updates (may be empty)
  std::optional<Network> network;
  int gate_epochs = 0;  // [gates] max_epochs: each gate's epoch limit in XOR built from gates (0: no such part)
};

Trace run_perceptron(const std::string& lesson_id, const PerceptronNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (perceptron_file.cpp) and its default exercises.
LessonKind perceptron_kind();

}  // namespace neurostep
