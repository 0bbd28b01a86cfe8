// training_figures.h — the plots of MNIST training: live curves, a comparison's curves and note, and an
// evaluation's confusion matrix and per-digit accuracy.
#pragma once

#include <vector>

#include "core/trainer.h"
#include "figure/figure.h"
#include "lessons/training/training_job.h"

namespace neurostep {

// The live plots of a training run: loss and accuracy (training per report, validation per
// epoch), and the confusion matrix of the test set once it is known.
std::vector<Figure> training_figures(const TrainingSnapshot& snapshot);
// A comparison's curves overlaid (the finished runs and the one going on): for optimizers,
// activations and models, validation accuracy per epoch and training loss of each (the test
// accuracy of a finished run in its label); with and without dropout, training
// and validation accuracy and loss of both. Nothing if there is no comparison.
std::vector<Figure> comparison_figures(const TrainingSnapshot& snapshot);
// The name of a comparison's view: "Compare optimizers", "Sigmoid against leaky ReLU", …
const char* comparison_title(Comparison comparison);
// Once both runs of a comparison of activations or of models have ended: their measured test and
// best validation accuracies and difference, beside what the document claims (quoted); else "".
std::string comparison_note(const TrainingSnapshot& snapshot);
// A comparison of models (Jäppinen 2024, Fig. 35): the test set's confusion matrix of each finished
// run, titled with its model, trainable parameters and test accuracy, both on one colour scale so
// that their cells compare; nothing for other comparisons or before a run has ended.
std::vector<Figure> comparison_confusion_figures(const TrainingSnapshot& snapshot);
// What the model's first batch normalization layer receives and gives, one histogram per epoch;
// nothing if the model has no such layer.
std::vector<Figure> batchnorm_figures(const TrainingSnapshot& snapshot);
// The confusion matrix (counts) and the accuracy of each digit of an evaluation; with class names
// (CIFAR-10's), each class is named in the titles ("0 airplane, 1 automobile, …").
std::vector<Figure> evaluation_figures(const Evaluation& evaluation, const std::vector<std::string>& class_names = {});
// A confusion matrix (classes × classes counts, row: true class) as a figure: `title`, then which
// way it reads, and the classes' names if the data set has them (`class_names`, else 0, 1, …).
Figure confusion_figure(const std::string& title, const std::vector<int>& confusion,
                        const std::vector<std::string>& class_names);

}  // namespace neurostep
