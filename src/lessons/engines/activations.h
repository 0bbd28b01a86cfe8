// activations.h — lesson kind "activations": the activation functions and their derivatives, the
// softmax Jacobian, vanishing gradients, the loss functions, and why Symon scales its numbers
// (Jäppinen 2024, §2.2–2.3; Lazović 2020, §2.6–2.7, §2.11; Creus & Picón, §II.C; Symon, §5).
//
// Its step and value ids are declared once, in activations_ids below: the engine builds its steps
// with them and the tests look steps up by them; lessons/activations.toml names them, and reading it
// checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// The kind's files: activations.cpp (the steps, run_activations), activations_logistic.cpp and
// activations_errors.cpp (the steps of the bias and of two more error functions),
// activations_numbers.h (the functions it shows and its own small computations),
// activations_figures.cpp (the plot of a step), activations_file.cpp (the lesson file's table, the Lesson).
#pragma once

#include <string>
#include <string_view>

#include "lessons/framework/registry.h"

namespace neurostep {

namespace activations_ids {
// The functions, in the lesson's order; each has a step function(name).
inline constexpr char kSigmoid[] = "sigmoid", kTanh[] = "tanh", kRelu[] = "relu", kLeakyRelu[] = "leaky_relu",
                      kPrelu[] = "prelu", kElu[] = "elu";
inline constexpr char kFunctionPrefix[] = "f";  // what each function step's id starts with
std::string function(std::string_view name);    // "f.{name}"; function("*") matches every one
// Values of function(name): kZ, kF (f(z)), kDf (f′(z)); function(kPrelu) also kDparam (∂f/∂b).
inline constexpr char kZ[] = "z", kF[] = "f", kDf[] = "df", kDparam[] = "dparam";
// kDeriveSigmoid: the lines of Jäppinen 2024, eq. 12 evaluated at z; values kZ, kDf.
inline constexpr char kDeriveSigmoid[] = "derive.sigmoid";
// kBiasShift: σ(w·x + b) for each of the lesson's biases b, read at one x, and where each curve
// crosses ½ (x = −b/w; Lazović 2020, §2.11, Fig. 13). Values kW, kX, kBiases, kA (σ(w·x + b) per b),
// kMidpoints (−b/w per b; none when w = 0).
inline constexpr char kBiasShift[] = "bias.shift";
inline constexpr char kW[] = "w", kX[] = "x", kBiases[] = "biases", kA[] = "a", kMidpoints[] = "midpoints";
// kLogistic: the general logistic f(x) = L/(1 + e^(−k(x − x₀))) of Lazović 2020, §2.6.1, at the same
// x. Values kL, kK, kX0, kX, kF, kDf, kSlopeMid (k·L/4, the slope at x₀), kSigma (σ(x)).
inline constexpr char kLogistic[] = "logistic";
inline constexpr char kL[] = "L", kK[] = "k", kX0[] = "x0", kSlopeMid[] = "slope_mid", kSigma[] = "sigma";
// kSoftmax: values kZ (the logits), kYHat. kJacobian (eq. 25): kJ, kNumericJ, kMaxError.
// kSoftmaxCe: kE, kDelta (ŷ − y from the fused loss), kNumericDelta, kMaxError.
inline constexpr char kSoftmax[] = "softmax", kJacobian[] = "jacobian", kSoftmaxCe[] = "softmax_ce";
inline constexpr char kYHat[] = "y_hat", kJ[] = "J", kNumericJ[] = "numeric_J", kMaxError[] = "max_error", kE[] = "E",
                      kDelta[] = "delta", kNumericDelta[] = "numeric_delta";
// kVanishing: values kSigmoid, kTanh, kRelu: |∂a_L/∂x| through L = 1…depth stacked layers of each.
inline constexpr char kVanishing[] = "vanishing";
// The losses, each a step loss(name): values kP, kY, kE, kDEdp; loss(kCrossEntropy) is −ln p of the
// true class, without kY.
inline constexpr char kSquaredError[] = "squared_error", kHalfSquaredError[] = "half_squared_error",
                      kBinaryCrossEntropy[] = "binary_cross_entropy", kCrossEntropy[] = "cross_entropy";
inline constexpr char kLossPrefix[] = "loss";  // what each loss step's id starts with
std::string loss(std::string_view name);       // "loss.{name}"
inline constexpr char kP[] = "p", kY[] = "y", kDEdp[] = "dE_dp";
// kAbsoluteError: |a − y| and its slope sign(a − y) beside (a − y)² and 2(a − y), at the lesson's
// prediction a and target y (Lazović 2020, §2.7). Values kA, kY, kEAbs, kDEAbs, kESq, kDESq.
inline constexpr char kAbsoluteError[] = "absolute_error";
inline constexpr char kEAbs[] = "E_abs", kDEAbs[] = "dE_abs", kESq[] = "E_sq", kDESq[] = "dE_sq";
// kCrossEntropyLog2: the cross-entropy with ln and with log₂ (Sougrati et al., ch. 4, §2, Fig. 23).
// Values kP, kE, kE2, kDEdp, kDE2dp, kDelta, kDelta2, kLn2, kFactor (1/ln 2).
inline constexpr char kCrossEntropyLog2[] = "cross_entropy.log2";
inline constexpr char kE2[] = "E_2", kDE2dp[] = "dE2_dp", kDelta2[] = "delta_2", kLn2[] = "ln2", kFactor[] = "factor";
// kScaling: the saturation numbers of Symon, §5: values kZFor099, kSlopeAt099, kSlopeAt10.
inline constexpr char kScaling[] = "scaling";
inline constexpr char kZFor099[] = "z_for_0_99", kSlopeAt099[] = "slope_at_0_99", kSlopeAt10[] = "slope_at_10";
}  // namespace activations_ids

struct ActivationsNumbers {
  double z = 0.5;  // where f(z) and f′(z) are read
  double leaky_slope = 0.01, prelu_b = 0.25, elu_alpha = 1.0;
  std::vector<double> softmax_z = {1, 2, 3};
  int target_class = 2;                     // the true class for softmax + cross-entropy (0-based)
  int depth = 10;                           // stacked layers for the vanishing-gradient plot
  double chain_input = 0.5;                 // the input of that stack
  double prediction = 0.7, target = 1.0;    // where the losses are read
  std::vector<double> biases = {-5, 0, 5};  // σ(w·x + b) for each b (Lazović 2020, Fig. 13: b = −5)
  double bias_weight = 1, bias_input = 2;   // w, and the x where those curves and the logistic are read
  double logistic_height = 1, logistic_steepness = 1, logistic_midpoint = 0;  // L, k, x₀ of the general logistic
};

Trace run_activations(const std::string& lesson_id, const ActivationsNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (activations_file.cpp) and its default exercises.
LessonKind activations_kind();

}  // namespace neurostep
