// playground_figures.h — the playground's plots, as figures every renderer draws and exports: the
// plane (decision regions or the predicted value, and the points), each unit's output over the
// plane, the loss and accuracy per epoch, and the test points' confusion matrix.
#pragma once

#include <vector>

#include "figure/figure.h"
#include "lessons/playground/playground.h"

namespace neurostep {

inline constexpr Color kClassColors[kMaxClasses] = {Color::Blue, Color::Orange, Color::Green, Color::Purple};
inline constexpr int kPlaneResolution = 48;  // cells per side of the plane's heatmap
inline constexpr int kUnitResolution = 24;   // of a unit's small heatmap

// The plane: the regions each class wins (shaded by how sure the network is) or the predicted z,
// the training points (dots) and the test points (rings), each clickable: a point's id is its index.
Figure plane_figure(const Playground& playground);
// Unit `unit` of dense layer `layer` (0-based; the last layer is the output): its a over the plane.
Figure unit_figure(const Playground& playground, int layer, int unit, bool small);
Figure loss_figure(const Playground& playground);
Figure accuracy_figure(const Playground& playground);  // empty series for regression
Figure confusion_figure(const Playground& playground);
// Every plot of the playground, for the lesson's figures (and so for Save and Export all).
std::vector<Figure> playground_figures(const Playground& playground);

}  // namespace neurostep
