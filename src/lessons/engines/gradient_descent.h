// gradient_descent.h — lesson kind "gradient-descent": gradient descent on error curves and
// surfaces, the learning rate, and the optimizers of Jäppinen 2024, §2.6 (Lazović 2020, §2.4, §2.11–2.12).
// Every update is a step of the core library's Optimizer.
//
//   E₁(w) = (w − 1)² + 0.5                 one minimum (Lazović 2020, Fig. 14a)
//   E₂(w) = w⁴/4 − w² + 0.3w + 2           two minima: a local one at w ≈ 1.33, the lowest at w ≈ −1.48 (Fig. 14b)
//   E(x, y) = x²/2 + 5y²                   a long narrow valley, for the optimizers
//
// Its step and value ids are declared once, in gradient_descent_ids below: the engine builds its
// steps with them and the tests look steps up by them; lessons/gradient-descent.toml names them, and
// reading it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
//
// Files: gradient_descent_numbers.cpp (the error functions), gradient_descent.cpp (the steps),
// gradient_descent_figures.cpp (the figures of a step), gradient_descent_file.cpp (the lesson file
// and the Lesson).
#pragma once

#include <string>

#include "core/optimizer.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace gradient_descent_ids {
// Steps, in order:
//   run(name, t)  the 1-D runs, step t (from 1) of each   kW (after), kE, kDE (E′ before the step), kEta
//                 (names: kSmall, kGood, kLarge on E₁; kLocal, kDeclining on E₂)
//   opt(t)        iteration t (from 1) of the four optimizers on E(x, y): for each optimizer o,
//                 position(o) (x, y after) and error(o); Adam also kM, kV, kMHat, kVHat; AdaGrad kG;
//                 RMSProp kA
//   batch(e)      epoch e (from 1) of one sample vs the batch: kLossSample, kLossBatch (per epoch so
//                 far), kW, kB
std::string run(const char* name, int t);                                                       // "run.{name}.{t}"
std::string opt(int t);                                                                         // "opt.{t}"
std::string batch(int epoch);                                                                   // "batch.{e}"
inline constexpr char kRunPrefix[] = "run.", kOptPrefix[] = "opt.", kBatchPrefix[] = "batch.";  // each kind's start
inline constexpr char kSmall[] = "small", kGood[] = "good", kLarge[] = "large", kLocal[] = "local",
                      kDeclining[] = "declining";
inline constexpr char kW[] = "w", kE[] = "E", kDE[] = "dE", kEta[] = "eta";
std::string position(OptimizerKind o);  // optimizer_name(o): "sgd", "adagrad", "rmsprop", "adam"
std::string error(OptimizerKind o);     // "{name}_E"
inline constexpr char kG[] = "G", kA[] = "A", kM[] = "m", kV[] = "v", kMHat[] = "m_hat", kVHat[] = "v_hat";
inline constexpr char kLossSample[] = "loss_sample", kLossBatch[] = "loss_batch", kB[] = "b";
}  // namespace gradient_descent_ids

struct GradientDescentNumbers {
  double start_one = -2.0;  // the 1-D runs on E₁ start here
  double eta_small = 0.05, eta_good = 0.3, eta_large = 1.05;
  double start_two = 2.0;                   // the runs on E₂ start here
  double eta_two = 0.05;                    // a constant, small η on E₂
  double eta_declining = 0.6, decay = 0.3;  // η_t = η₀/(1 + decay·t)
  int steps = 20;
  std::vector<double> start_2d = {-4, 2};
  double eta_sgd = 0.18, eta_adagrad = 1.0, eta_rmsprop = 0.3, eta_adam = 0.5;
  int steps_2d = 30;
  std::vector<double> data_x, data_y;  // the tiny regression problem
  double eta_regression = 0.05;
  int epochs = 30;
  enum class Regression { PerSample, BatchAverage };
  Regression batch = Regression::PerSample;  // which mode the regression's steps spell out
};

Trace run_gradient_descent(const std::string& lesson_id, const GradientDescentNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (gradient_descent_file.cpp) and its default exercises.
LessonKind gradient_descent_kind();

}  // namespace neurostep
