// sigmoid_neuron.h — lesson kind "sigmoid-neuron": one sigmoid neuron without bias, one
// gradient-descent step per sample (Lazović 2020, §2.13; the cross-entropy variant is Jäppinen 2024, eqs. 4–8).
//
// For every sample the trace has seven steps, each computed by the core library:
//   z = Σ wᵢxᵢ (Dense forward) → a = σ(z) (Sigmoid forward) → C (loss) → σ′(z) →
//   ∂C/∂wᵢ = ∂C/∂a·∂a/∂z·∂z/∂wᵢ (loss gradient, Sigmoid and Dense backward) →
//   wᵢ ← wᵢ − η·∂C/∂wᵢ (SGD step) → C recomputed with the new weights.
// With cross-entropy ∂C/∂a = (a − y)/(a(1 − a)) and the σ′ factor cancels: ∂C/∂wᵢ = (a − y)xᵢ.
//
//
// Its step and value ids are declared once, in sigmoid_neuron_ids below: the engine builds its steps
// with them and the tests look steps up by them; lessons/sigmoid-neuron.toml names them, and reading
// it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
//
// Files: sigmoid_neuron.cpp (the steps), sigmoid_neuron_figures.cpp (the figures of a step),
// sigmoid_neuron_file.cpp (the lesson file and the Lesson).
#pragma once

#include <string>

#include "core/loss.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace sigmoid_neuron_ids {
// Steps: seven per sample k (from 0) of epoch e (from 1), step(e, k, phase) =
// "[epoch{e}.]sample{k}.{phase}" (the epoch part from the second epoch on), in this order; every one
// has kW (vector, the weights as they stand after the step), then:
//   kWeightedSum  "z"         kX (vector), kY, kZ
//   kActivation   "a"         kA
//   kError        "C"         kC
//   kSlope        "dsigma"    kDsigma (σ′(z))
//   kGradient     "gradient"  kDCda, kDCdw (vector)
//   kUpdate       "update"    kEta
//   kErrorAfter   "C_after"   kZAfter, kAAfter, kCAfter
inline constexpr char kWeightedSum[] = "z", kActivation[] = "a", kError[] = "C", kSlope[] = "dsigma",
                      kGradient[] = "gradient", kUpdate[] = "update", kErrorAfter[] = "C_after";
std::string step(int epoch, std::size_t sample, const char* phase);  // "[epoch{e}.]sample{k}.{phase}"
std::string every_sample(const char* phase);                         // "sample*.{phase}", as an exercise names it
// Values (scalars unless noted).
inline constexpr char kW[] = "w", kX[] = "x", kY[] = "y", kZ[] = "z", kA[] = "a", kC[] = "C", kDsigma[] = "dsigma",
                      kDCda[] = "dC_da", kDCdw[] = "dC_dw", kEta[] = "eta", kZAfter[] = "z_after",
                      kAAfter[] = "a_after", kCAfter[] = "C_after";
}  // namespace sigmoid_neuron_ids

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

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (sigmoid_neuron_file.cpp) and its default exercises.
LessonKind sigmoid_neuron_kind();

}  // namespace neurostep
