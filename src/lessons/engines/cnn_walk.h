// cnn_walk.h — lesson kind "cnn-walk": one digit through a whole small CNN, forward and backward,
// ending in one update (Jäppinen 2024, §3.4–3.5, eqs. 59–79) — the bridge into the MNIST lesson.
//
// The network: a 28×28 digit → Conv2D (F filters k×k, valid, stride 1) → ReLU → max-pool p×p
// (stride p) → Flatten → Dense to 10 → softmax cross-entropy. Every map and gradient is the core
// layers' own result; for one picked cell per step the engine writes the sum behind it out with its
// numbers, and the sum's result is the core's value.
// Steps and values (maps are (F, rows, cols)):
//   setup             digit, label, kernels, kernel_bias, dense_W (drawn from the seed), parameters (count)
//   forward.conv      Z, z_cell                       eq. 59
//   forward.relu      A, a_cell
//   forward.pool      P, p_cell, winner (row, col)    eq. 74
//   forward.dense     logits, z_class                 (largest terms of the weighted sum shown)
//   forward.softmax   probabilities, prediction, E
//   backward.output   delta_out = ŷ − y
//   backward.dense    dW, db, dW_cell, db_class, delta_P (= Wᵀδ), delta_P_cell
//   backward.pool     delta_A (δ routed to each window's winner)   eqs. 72–76
//   backward.relu     delta_Z = δ_A·1[Z > 0]
//   backward.conv     dK (F, k, k), db_conv (F), dK_cell           eqs. 63–68
//   gradcheck         max_relative_error_conv, max_relative_error_dense (finite differences)
//   update            K_after, E_before, E_after, and the picked kernel entry's update
//   train             losses (E after each further step on the same digit), K_after, moved_K, moved_W
#pragma once

#include "core/model_spec.h"
#include "lessons/framework/registry.h"

namespace neurostep {

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

std::unique_ptr<Lesson> make_cnn_walk_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
