// features.h — the inputs the playground's network sees of a point (x, y): any of x, y, x², y²,
// xy, sin x, sin y, in this order. They are computed, not learned: the network's first layer
// takes one input per chosen feature.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/tensor.h"

namespace neurostep {

enum class Feature { X, Y, XSquared, YSquared, XY, SinX, SinY };
inline constexpr Feature kFeatures[] = {Feature::X,  Feature::Y,    Feature::XSquared, Feature::YSquared,
                                        Feature::XY, Feature::SinX, Feature::SinY};

std::string_view feature_name(Feature f);   // as lesson files write it: "x", "y", "x2", "y2", "xy", "sin_x", "sin_y"
std::string_view feature_label(Feature f);  // as the screen shows it: "x", "y", "x²", "y²", "xy", "sin x", "sin y"
std::optional<Feature> parse_feature(std::string_view name);

double feature_value(Feature f, double x, double y);

// The (N, F) input matrix of the points (xs[i], ys[i]) for the chosen features, in their order.
Tensor<double> feature_matrix(const std::vector<Feature>& features, const std::vector<double>& xs,
                              const std::vector<double>& ys);

}  // namespace neurostep
