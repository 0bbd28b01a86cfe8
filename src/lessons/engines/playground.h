// playground.h — lesson kind "playground": the student's own 2-D data and a small network they
// shape and train (issue 17). The state and its commands live in lessons/playground/; this is the
// lesson around it: the file, the trace of the next mini-batch step, the plots.
//
// Its step and value ids are declared once, in playground_ids below: the engine builds its steps
// with them, the figures and the tests look steps up by them; lessons/playground-*.toml name them,
// and reading them checks every name against the steps the lesson makes.
// Files: playground.cpp the steps (the playground's next mini-batch → trace), playground_figures.cpp
// the plots of a step, playground_file.cpp the lesson file, the Lesson and playground_kind().
#pragma once

#include "lessons/framework/registry.h"
#include "lessons/playground/playground.h"

namespace neurostep {

namespace playground_ids {
// Steps, in order, for layers l = 1 … L (L the output layer; every equation is for the batch's
// first point, every value for the whole batch). With no training points the trace ends at kBatch.
inline constexpr char kData[] = "data", kNetwork[] = "network", kBatch[] = "batch", kLoss[] = "loss",
                      kProgress[] = "progress";
std::string forward(int l);  // "forward.{l}": z = W·a⁽ˡ⁻¹⁾ + b, a = f(z); the output's a is ŷ
std::string backward(int l);  // "backward.{l}": δ⁽ᴸ⁾ = (ŷ − y)/N; δ⁽ˡ⁾ = f′(z)·(W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾)
std::string update(int l);     // "update.{l}": ∂E/∂W = Σₙ δₙ·aₙᵀ (+ the penalty's), one optimizer step
std::string every_backward();  // a pattern of step ids (exercise.h): every backward(l)
inline constexpr char kForwardPrefix[] = "forward", kBackwardPrefix[] = "backward",
                      kUpdatePrefix[] = "update";  // what each one's id starts with
// Values of kData: the points (n × 3: x, y, class or z), how many train and test.
inline constexpr char kPoints[] = "points", kTrainCount[] = "train_count", kTestCount[] = "test_count";
// Values of kNetwork: weights(l) and biases(l), the current parameters of each layer.
std::string weights(int l);  // "W{l}"
std::string biases(int l);   // "b{l}"
// Values of kBatch: the batch's point numbers (1-based) and its features X (N × features).
inline constexpr char kBatchPoints[] = "batch", kX[] = "X";
// Values of forward(l): z and a; of kLoss: each point's error, E_data, E_reg and E.
inline constexpr char kZ[] = "z", kA[] = "a";
inline constexpr char kPerPoint[] = "per_point", kEData[] = "E_data", kEReg[] = "E_reg", kE[] = "E";
// Values of backward(l): δ; of update(l): the gradients and the parameters after the step.
inline constexpr char kDelta[] = "delta";
inline constexpr char kDW[] = "dW", kDb[] = "db", kWAfter[] = "W_after", kBAfter[] = "b_after";
// Values of kProgress: per epoch the losses and accuracies; the test points' confusion matrix
// (classification only).
inline constexpr char kTrainLoss[] = "train_loss", kTestLoss[] = "test_loss", kTrainAccuracy[] = "train_accuracy",
                      kTestAccuracy[] = "test_accuracy", kConfusion[] = "confusion";
}  // namespace playground_ids

// The steps of the next mini-batch from the playground's current state (computed on a copy).
Trace run_playground(const std::string& lesson_id, const Playground& playground);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (playground_file.cpp) and its default exercises.
LessonKind playground_kind();

}  // namespace neurostep
