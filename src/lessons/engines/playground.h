// playground.h — lesson kind "playground": the student's own 2-D data and a small network they
// shape and train (issue 17). The state and its commands live in lessons/playground/; this is the
// lesson around it: the file, the trace of the next mini-batch step, the plots.
//
// Steps and values (layer l = 1 … L, L the output layer; every equation is for the batch's first
// point, every value for the whole batch):
//   data            points (n × 3: x, y, class or z), train_count, test_count
//   network         W{l}, b{l}: the current weights
//   batch           batch (point numbers, 1-based), X (N × features)
//   forward.{l}     z, a                       z = W·a⁽ˡ⁻¹⁾ + b, a = f(z); the output's a is ŷ
//   loss            per_point, E_data, E_reg, E
//   backward.{l}    delta                      δ⁽ᴸ⁾ = (ŷ − y)/N; δ⁽ˡ⁾ = f′(z)·(W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾)
//   update.{l}      dW, db, W_after, b_after   ∂E/∂W = Σₙ δₙ·aₙᵀ (+ the penalty's), one optimizer step
//   progress        train_loss, test_loss, train_accuracy, test_accuracy (per epoch), confusion
#pragma once

#include "lessons/framework/registry.h"
#include "lessons/playground/playground.h"

namespace neurostep {

// The steps of the next mini-batch from the playground's current state (computed on a copy).
Trace run_playground(const std::string& lesson_id, const Playground& playground);

std::unique_ptr<Lesson> make_playground_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
