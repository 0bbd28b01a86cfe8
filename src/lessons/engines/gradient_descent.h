// gradient_descent.h — lesson kind "gradient-descent": gradient descent on error curves and
// surfaces, the learning rate, and the optimizers of Jäppinen 2024, §2.6 (Lazović 2020, §2.4, §2.11–2.12).
// Every update is a step of the core library's Optimizer.
//
//   E₁(w) = (w − 1)² + 0.5                 one minimum (Lazović 2020, Fig. 14a)
//   E₂(w) = w⁴/4 − w² + 0.3w + 2           two minima: a local one at w ≈ 1.33, the lowest at w ≈ −1.48 (Fig. 14b)
//   E(x, y) = x²/2 + 5y²                   a long narrow valley, for the optimizers
//
// Steps and values:
//   run.{name}.{t}   w (after), E, dE (E′ before the step), eta            — 1-D runs
//   opt.{t}          for each optimizer o in sgd, adagrad, rmsprop, adam: {o} (x, y after),
//                    {o}_E; adam also m, v, m_hat, v_hat; adagrad G; rmsprop A
//   batch.{e}        loss_sample, loss_batch (per epoch so far), w, b     — one sample vs the batch
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

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

std::unique_ptr<Lesson> make_gradient_descent_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                     LessonTable& root);

}  // namespace neurostep
