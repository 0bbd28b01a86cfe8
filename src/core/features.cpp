#include "core/features.h"

#include <cassert>
#include <cmath>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"x", "y", "x2", "y2", "xy", "sin_x", "sin_y"};
constexpr std::string_view kLabels[] = {"x", "y", "x²", "y²", "xy", "sin x", "sin y"};
}  // namespace

std::string_view feature_name(Feature f) { return kNames[static_cast<int>(f)]; }
std::string_view feature_label(Feature f) { return kLabels[static_cast<int>(f)]; }

std::optional<Feature> parse_feature(std::string_view name) {
  for (Feature f : kFeatures)
    if (feature_name(f) == name) return f;
  return std::nullopt;
}

double feature_value(Feature f, double x, double y) {
  switch (f) {
    case Feature::X: return x;
    case Feature::Y: return y;
    case Feature::XSquared: return x * x;
    case Feature::YSquared: return y * y;
    case Feature::XY: return x * y;
    case Feature::SinX: return std::sin(x);
    case Feature::SinY: return std::sin(y);
  }
  return 0;
}

Tensor<double> feature_matrix(const std::vector<Feature>& features, const std::vector<double>& xs,
                              const std::vector<double>& ys) {
  assert(xs.size() == ys.size() && "feature_matrix: as many x as y");
  const int n = static_cast<int>(xs.size()), f = static_cast<int>(features.size());
  Tensor<double> input({n, f});  // (N, F)
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f; ++j) input.at(i, j) = feature_value(features[j], xs[i], ys[i]);
  return input;
}

}  // namespace neurostep
