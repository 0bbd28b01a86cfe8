// dropout.h — lesson kind "dropout": one layer's activations through inverted dropout into a dense
// layer, forward and backward, inference without a mask, Jäppinen's way of scaling beside the
// original one, and why training and inference agree on average (Jäppinen 2024, §3.2.4; Lazović 2020, §2.9).
//
// The network: activations a (n units) → Dropout(p, seed) → Dense (W, b; O outputs) → E = ½ Σ (z − y)².
// Every number comes from the core: Dropout<double> forward in Mode::Train (its mask and the
// dropout numbers u behind it) and in Mode::Eval, Dropout backward, Dense forward and backward, the
// loss. The equations spell out sums whose result is the core's value. Not here: training a whole
// network with and without dropout (that is the trainer's).
//
// Its step and value ids are declared once, in dropout_ids below: the engine builds its steps with
// them, its figures and tests look values up by them; lessons/dropout.toml names them, and reading it
// checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

// Values are n-vectors (one entry per unit) or O-vectors (one per output) unless said otherwise.
namespace dropout_ids {
// Steps, in this order.
inline constexpr char kMask[] = "mask", kForward[] = "forward", kNextLayer[] = "next_layer", kLoss[] = "loss",
                      kBackwardDense[] = "backward.dense", kBackwardDropout[] = "backward.dropout",
                      kGradients[] = "gradients", kGradcheck[] = "gradcheck", kInference[] = "inference",
                      kJappinen2024[] = "jappinen2024", kUnscaled[] = "unscaled", kExpectation[] = "expectation",
                      kAverage[] = "average";
inline constexpr char kBackwardPrefix[] = "backward";  // what kBackwardDense's and kBackwardDropout's ids start with
// Values of kMask: a, u (dropout numbers; NaN when p = 0: nothing is drawn), m (0 or 1),
// keep_scale = 1/(1 − p), kept (how many units).
inline constexpr char kA[] = "a", kU[] = "u", kM[] = "m", kKeepScale[] = "keep_scale", kKept[] = "kept";
// Values of kForward: a_tilde = a·m/(1 − p).
inline constexpr char kATilde[] = "a_tilde";
// Values of kNextLayer: W (O, n), b, z = Wã + b.
inline constexpr char kW[] = "W", kB[] = "b", kZ[] = "z";
// Values of kLoss: y, E = ½ Σ (z − y)², delta = ∂E/∂z = z − y.
inline constexpr char kY[] = "y", kE[] = "E", kDelta[] = "delta";
// Values of kBackwardDense: dE_da_tilde = Wᵀδ. Of kBackwardDropout: dE_da = m/(1 − p)·∂E/∂ã (exactly 0
// for a dropped unit).
inline constexpr char kDEdaTilde[] = "dE_da_tilde", kDEda[] = "dE_da";
// Values of kGradients: dW = δ·ãᵀ (O, n), db = δ.
inline constexpr char kDW[] = "dW", kDb[] = "db";
// Values of kGradcheck: numeric_dE_da (central differences, the mask held fixed), max_relative_error.
inline constexpr char kNumericDEda[] = "numeric_dE_da", kMaxRelativeError[] = "max_relative_error";
// Values of kInference: a_eval (Mode::Eval: a itself), mask_size (0: no mask), z_eval = Wa + b.
inline constexpr char kAEval[] = "a_eval", kMaskSize[] = "mask_size", kZEval[] = "z_eval";
// Values of kJappinen2024: a_masked = a·m, s = W(a·m), z_jappinen2024 = s/(1 − p) + b (= z).
inline constexpr char kAMasked[] = "a_masked", kS[] = "s", kZJappinen2024[] = "z_jappinen2024";
// Values of kUnscaled: z_unscaled = s + b, W_inference = (1 − p)·W, z_unscaled_eval = (1 − p)·Wa + b.
inline constexpr char kZUnscaled[] = "z_unscaled", kWInference[] = "W_inference", kZUnscaledEval[] = "z_unscaled_eval";
// Values of kExpectation: expected_a_tilde (= a), expected_z (= z_eval), expected_z_unscaled (= z_unscaled_eval).
inline constexpr char kExpectedATilde[] = "expected_a_tilde", kExpectedZ[] = "expected_z",
                      kExpectedZUnscaled[] = "expected_z_unscaled";
// Values of kAverage: K, kept_fraction, mean_a_tilde (n), z_average, z_average_unscaled (O),
// running_z, running_z_unscaled (K, O: the average after 1…K masks), std_error, std_error_unscaled
// (O: σ/√K, the expected distance from the limit).
inline constexpr char kK[] = "K", kKeptFraction[] = "kept_fraction", kMeanATilde[] = "mean_a_tilde",
                      kZAverage[] = "z_average", kZAverageUnscaled[] = "z_average_unscaled", kRunningZ[] = "running_z",
                      kRunningZUnscaled[] = "running_z_unscaled", kStdError[] = "std_error",
                      kStdErrorUnscaled[] = "std_error_unscaled";
}  // namespace dropout_ids

struct DropoutNumbers {
  std::vector<double> a;  // (n) the activations arriving at the dropout layer, 1–9 units
  double p = 0.5;         // the dropout ratio: each unit is dropped with probability p, 0 ≤ p < 1
  int seed = 1;           // the seed of the dropout layer's generator
  Tensor<double> W;       // (O, n) the next layer's weights, row j into output j; 1–3 outputs
  std::vector<double> b;  // (O) its biases
  std::vector<double> y;  // (O) the targets of E = ½ Σ (z − y)²
  int masks = 1000;       // K: how many masks the measured average draws, 1–10,000

  int units() const { return static_cast<int>(a.size()); }
  int outputs() const { return W.dim(0); }
};

Trace run_dropout(const std::string& lesson_id, const DropoutNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (dropout_file.cpp) and its default exercises.
LessonKind dropout_kind();

}  // namespace neurostep
