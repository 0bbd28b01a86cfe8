// sigmoid_neuron.h — lesson kind "sigmoid-neuron": one sigmoid neuron without bias, one
// gradient-descent step per sample (Lazović 2020, §2.13; the cross-entropy variant is Jäppinen 2024, eqs. 4–8).
//
// For every sample the trace has seven steps, each computed by the core library:
//   z = Σ wᵢxᵢ (Dense forward) → a = σ(z) (Sigmoid forward) → C (loss) → σ′(z) →
//   ∂C/∂wᵢ = ∂C/∂a·∂a/∂z·∂z/∂wᵢ (loss gradient, Sigmoid and Dense backward) →
//   wᵢ ← wᵢ − η·∂C/∂wᵢ (SGD step) → C recomputed with the new weights.
// With cross-entropy ∂C/∂a = (a − y)/(a(1 − a)) and the σ′ factor cancels: ∂C/∂wᵢ = (a − y)xᵢ.
//
// Step ids: [epoch{e}.]sample{k}.{z, a, C, dsigma, gradient, update, C_after} (epoch prefix from the
// second epoch on). Values (scalars unless noted): x (vector), y, w (vector, the weights at that
// step), z, a, C, dsigma (σ′(z)), dC_da, dC_dw (vector), C_after.
#pragma once

#include "core/loss.h"
#include "lessons/framework/registry.h"

namespace neurostep {

struct SigmoidNeuronNumbers {
  struct Sample {
    std::vector<double> x;
    double y = 0;
  };
  std::vector<double> weights;
  std::vector<Sample> samples;
  double learning_rate = 1;
  LossKind loss = LossKind::SquaredError;  // (a − y)², or the binary cross-entropy
  int epochs = 1;
};

Trace run_sigmoid_neuron(const std::string& lesson_id, const SigmoidNeuronNumbers& numbers);

std::unique_ptr<Lesson> make_sigmoid_neuron_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                   LessonTable& root);

}  // namespace neurostep
