// perceptron.h — lesson kind "perceptron": Rosenblatt's perceptron learning a logic gate
// (Sougrati et al., ch. 2, §2; Jäppinen 2024, §2.1.2), the thesis's own hand-worked version, and optionally
// what solves XOR, which the perceptron cannot: three trained gates, AND(NAND, OR) (ch. 2, §2.2.3,
// perceptron_gates.h), and a 2-2-1 sigmoid network (ch. 2, §4.3).
//
// Training follows the paper: decisions use exact fractions (core/rational.h), so a sum that is
// exactly 0 on paper gives ŷ = 0. A parallel run in double — what the thesis's Python code does —
// is kept, and where its decision differs the step says so (a pitfall note).
//
// Step ids and values:
//   e{E}.s{K}      epoch E (from 1), sample K (from 0): x (with x₀ = 1), y, z, y_hat, w (after the
//                  step), misclassified (0/1), z_float_run (z of a second, separate run in double
//                  precision: the same sum until the two runs first decide differently, its own after)
//   e{E}.end       errors (misclassified in the epoch), w
//   hand.classify  z, output, correct (vectors over the samples, under the stated rule), w
//   hand.update{K} w, slope, intercept (the line x₂ = slope·x₁ + intercept), for K = 1, 2, …
//   hand.result    output, correct, w
//   gates.*        XOR built from gates: see perceptron_gates.h
//   net.epoch{N}   loss, outputs (one per sample), W1, b1, W2, b2, loss_curve (every epoch so far)
#pragma once

#include "core/optimizer.h"
#include "lessons/framework/registry.h"

namespace neurostep {

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

std::unique_ptr<Lesson> make_perceptron_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
