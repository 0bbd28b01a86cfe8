// cnn_walk.h — lesson kind "cnn-walk": one digit through a whole small CNN, forward and backward,
// ending in one update (Jäppinen 2024, §3.4–3.5, eqs. 59–79) — the bridge into the MNIST lesson.
//
// The network: a 28×28 digit → Conv2D (F filters k×k, valid, stride 1) → ReLU → max-pool p×p
// (stride p) → Flatten → Dense to 10 → softmax cross-entropy. Every map and gradient is the core
// layers' own result; for one picked cell per step the engine writes the sum behind it out with its
// numbers, and the sum's result is the core's value.
// Its step and value ids are declared once, in cnn_walk_ids below: the engine builds its steps with
// them, the figures and the tests look steps up by them; lessons/cnn-walk.toml names them, and
// reading it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// Files: cnn_walk_numbers.{h,cpp} the network and one pass of the digit through it, cnn_walk.cpp
// the steps, cnn_walk_figures.{h,cpp} the plots of a step, cnn_walk_file.cpp the lesson file and
// the Lesson.
#pragma once

#include "core/model_spec.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace cnn_walk_ids {
// Steps, in order (maps are (F, rows, cols)); the equation numbers are Jäppinen 2024's.
inline constexpr char kSetup[] = "setup";
inline constexpr char kForwardPrefix[] = "forward";  // what every forward step's id starts with
inline constexpr char kForwardConv[] = "forward.conv", kForwardRelu[] = "forward.relu", kForwardPool[] = "forward.pool",
                      kForwardDense[] = "forward.dense", kForwardSoftmax[] = "forward.softmax";
inline constexpr char kBackwardOutput[] = "backward.output", kBackwardDense[] = "backward.dense",
                      kBackwardPool[] = "backward.pool", kBackwardRelu[] = "backward.relu",
                      kBackwardConv[] = "backward.conv";
inline constexpr char kGradcheck[] = "gradcheck", kUpdate[] = "update", kTrain[] = "train";
// Values of kSetup: the digit, its label, the kernels (F, k, k) and their biases (F), the dense
// weights (drawn from the seed) and the count of parameters.
inline constexpr char kDigit[] = "digit", kLabel[] = "label", kKernels[] = "kernels", kKernelBias[] = "kernel_bias",
                      kDenseW[] = "dense_W", kParameters[] = "parameters";
// kForwardConv: Z and its picked cell (eq. 59); kForwardRelu: A and its picked cell; kForwardPool:
// P, its picked cell and the winner (row, col) of its window (eq. 74).
inline constexpr char kZ[] = "Z", kZCell[] = "z_cell", kA[] = "A", kACell[] = "a_cell", kP[] = "P", kPCell[] = "p_cell",
                      kWinner[] = "winner";
// kForwardDense: the logits and the picked class's sum; kForwardSoftmax: the probabilities, the
// prediction and the error E.
inline constexpr char kLogits[] = "logits", kZClass[] = "z_class", kProbabilities[] = "probabilities",
                      kPrediction[] = "prediction", kE[] = "E";
// kBackwardOutput: δ = ŷ − y. kBackwardDense: dW, db, the picked cells of both, δ_P = Wᵀδ and its
// picked cell. kBackwardPool: δ_A, δ routed to each window's winner (eqs. 72–76). kBackwardRelu:
// δ_Z = δ_A·1[Z > 0]. kBackwardConv: dK (F, k, k), db_conv (F) and the picked dK cell (eqs. 63–68).
inline constexpr char kDeltaOut[] = "delta_out", kDW[] = "dW", kDb[] = "db", kDWCell[] = "dW_cell",
                      kDbClass[] = "db_class", kDeltaP[] = "delta_P", kDeltaPCell[] = "delta_P_cell",
                      kDeltaA[] = "delta_A", kDeltaZ[] = "delta_Z", kDK[] = "dK", kDbConv[] = "db_conv",
                      kDKCell[] = "dK_cell";
// kGradcheck: the largest relative differences of finite differences from the backward pass.
inline constexpr char kMaxRelativeErrorConv[] = "max_relative_error_conv",
                      kMaxRelativeErrorDense[] = "max_relative_error_dense";
// kUpdate: the kernels after one step, E before and after it. kTrain: E after each further step on
// the same digit, the kernels after them, and how far the kernels and the dense weights moved.
inline constexpr char kKAfter[] = "K_after", kEBefore[] = "E_before", kEAfter[] = "E_after", kLosses[] = "losses",
                      kMovedK[] = "moved_K", kMovedW[] = "moved_W";
}  // namespace cnn_walk_ids

// A cell of a stack of maps: map (filter), row, column.
struct MapCell {
  int map = 0, row = 0, col = 0;
};

struct CnnWalkNumbers {
  Tensor<double> images;  // (count, 28, 28), 0–1: the digits a student can pick from
  std::vector<int> labels;
  int digit = 0;               // which image goes through the network
  bool drawn = false;          // the last image is the student's drawing (its label, the digit meant, is editable)
  Tensor<double> kernels;      // (F, 1, k, k)
  Tensor<double> kernel_bias;  // (F)
  int pool = 2;
  Tensor<double> dense_W, dense_b;  // (10, inputs), (10): drawn from `seed` (Glorot uniform), biases 0
  int seed = 1;
  double learning_rate = 0.1;
  int train_steps = 20;
  // The cells whose sums are written out.
  MapCell conv_cell, pool_cell, kernel_cell;
  int class_cell = 0;

  int filters() const { return kernels.dim(0); }
  int kernel() const { return kernels.dim(2); }
  int conv_size() const { return images.dim(1) - kernel() + 1; }  // square digits
  int pooled_size() const { return conv_size() / pool; }
  int dense_inputs() const { return filters() * pooled_size() * pooled_size(); }
  // Draws the dense layer's weights from `seed` for the current shapes.
  void draw_dense_weights();
  // Keeps the picked cells inside the maps after a shape changed.
  void clamp_cells();
  // Puts the student's drawing (28×28, 0–1) after the sample's images and picks it.
  void use_drawing(const std::vector<float>& pixels);
};

// The walk's network as a model spec: the engine builds its layers from it (build_model) and the
// diagram draws it.
ModelSpec cnn_walk_spec(const CnnWalkNumbers& numbers);

Trace run_cnn_walk(const std::string& lesson_id, const CnnWalkNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (cnn_walk_file.cpp) and its default exercises.
LessonKind cnn_walk_kind();

}  // namespace neurostep
