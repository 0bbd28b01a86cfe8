// mnist.h — lesson kind "mnist": the CNNs and MLPs of the theses as an architecture table with
// parameter counts against the printed ones. The models themselves (lessons/training/) are
// offered to the window's Train tab and `neurostep train` through its Trainable capability; the
// lesson's trace holds one step per model with its layers, output shapes and parameter counts.
//
// Its step and value ids are declared once, in mnist_ids below: the engine builds its steps with
// them and the tests look steps up by them; lessons/mnist-cnn.toml names them, and reading it checks
// every name against the steps the lesson makes.
// Files: mnist.cpp the steps (models → trace), mnist_figures.{h,cpp} the plot of a step,
// mnist_file.cpp the Lesson and mnist_kind() (the models' table is read by
// lessons/training/mnist_models.h).
#pragma once

#include "lessons/framework/registry.h"
#include "lessons/training/mnist_models.h"

namespace neurostep {

namespace mnist_ids {
// Steps: one per model of the file, model(NAME), in the file's order.
std::string model(const std::string& name);  // "model.{NAME}"
inline constexpr char kModelPrefix[] = "model";
inline constexpr char kAnyModel[] = "*";  // in a pattern of step ids (exercise.h): every model
// Values of model(NAME): its trainable parameters, the non-trainable ones (running statistics),
// the parameters per layer, and the learning rate it is trained with.
inline constexpr char kParams[] = "params", kNonTrainable[] = "non_trainable", kLayerParams[] = "layer_params",
                      kLearningRate[] = "learning_rate";
}  // namespace mnist_ids

Trace run_mnist(const std::string& lesson_id, const MnistModels& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (mnist_file.cpp) and its default exercises.
LessonKind mnist_kind();

}  // namespace neurostep
