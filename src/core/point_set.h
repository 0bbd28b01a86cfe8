// point_set.h — the playground's data: points in the plane [−3, 3]² with a class (0–3) or, for
// regression, a value z; each point in the training or the test part. The built-in sets are drawn
// from a seed, so the same options always give the same points.
//
//   blobs    one Gaussian blob per class (2–4), centres on a circle of radius 1.5
//   xor      the four quadrants, class 1 where x·y > 0
//   circle   class 0 inside a disc of radius 1.2, class 1 in a ring 1.8–2.8 around it
//   spirals  two interleaved spirals, 1.75 turns each
//   curve    class 1 above the curve y = f(x) the student types, class 0 below
//   surface  regression: z = f(x, y) the student types, points uniform over the plane
// `noise` (0–1) widens the blobs, jitters the points of xor/circle/spirals, and for curve and
// surface adds a Gaussian of σ = noise to y − f(x) (flipping classes near the curve) or to z.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace neurostep {

inline constexpr double kPlaneExtent = 3;  // points live in [−3, 3] × [−3, 3]
inline constexpr int kMaxClasses = 4;
inline constexpr int kMaxPoints = 2000;  // more is an error (a file, an import), never a slowdown

struct DataPoint {
  double x = 0, y = 0;
  int label = 0;      // the class, 0 … classes − 1 (classification)
  double target = 0;  // the value z (regression)
  bool test = false;  // held out: never trained on
};

struct PointSet {
  std::vector<DataPoint> points;
  int classes = 2;  // 2–4; 1 output for regression
  bool regression = false;
};

enum class PointSetKind { Blobs, Xor, Circle, Spirals, Curve, Surface };
inline constexpr PointSetKind kPointSetKinds[] = {PointSetKind::Blobs,   PointSetKind::Xor,   PointSetKind::Circle,
                                                  PointSetKind::Spirals, PointSetKind::Curve, PointSetKind::Surface};
std::string_view point_set_name(PointSetKind kind);   // "blobs", "xor", "circle", "spirals", "curve", "surface"
std::string_view point_set_title(PointSetKind kind);  // "Gaussian blobs", "XOR quadrants", …
std::optional<PointSetKind> parse_point_set(std::string_view name);

struct PointSetOptions {
  PointSetKind kind = PointSetKind::Xor;
  int count = 200;     // points in all, 4 … kMaxPoints
  double noise = 0.1;  // 0 … 1
  std::uint64_t seed = 1;
  int classes = 2;          // blobs: 2–4; the other classification sets have 2
  std::string formula;      // curve: f(x) of y = f(x); surface: f(x, y) of z = f(x, y)
  double test_ratio = 0.3;  // share of the points held out for testing, 0 … 0.9
};

// Throws ExpressionError for a bad formula and std::invalid_argument (naming the option) for an
// option out of its range. Classes are balanced (count split as evenly as they go); the test
// points are chosen by assign_test_split with the same seed.
PointSet make_point_set(const PointSetOptions& options);

// Marks round(test_ratio · n) points as test points, chosen at random from `seed` (a student's own
// points and imported ones get their split this way too). With at least 2 classes present and
// ratio > 0, every class keeps at least one training point when it has two or more points.
void assign_test_split(PointSet& set, double test_ratio, std::uint64_t seed);

// How many points are training / test points.
int training_count(const PointSet& set);
int test_count(const PointSet& set);
// The test points (test = true) or the training points, in the set's order.
std::vector<DataPoint> points_of(const PointSet& set, bool test);

}  // namespace neurostep
