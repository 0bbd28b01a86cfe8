// point_set.cpp — the built-in point sets, drawn from a seed, and the train/test split.
#include "core/point_set.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <stdexcept>

#include "core/expression.h"

namespace neurostep {

namespace {

// The random numbers are made here from the raw 64-bit stream rather than by std::*_distribution,
// whose algorithms the standard leaves to each library: the same seed gives the same points with
// any compiler.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  double gaussian() {                // N(0, 1) by Box–Muller
    const double u = 1 - uniform();  // (0, 1]: log(u) is finite
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * uniform());
  }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }  // bias ≤ n/2⁶⁴

 private:
  std::mt19937_64 engine_;
};

// How far the noise (0–1) moves points, per set.
constexpr double kBlobSpreadMin = 0.35, kBlobSpreadPerNoise = 0.85;
constexpr double kXorJitter = 0.5, kCircleJitter = 0.5, kSpiralJitter = 0.35;
constexpr double kBlobCentreRadius = 1.5;
constexpr double kXorPadding = 0.2;  // points keep this far from the axes, so the quadrant is clear
constexpr double kDiscRadius = 1.2, kRingInner = 1.8, kRingOuter = 2.8;
constexpr double kSpiralTurns = 1.75, kSpiralInner = 0.2, kSpiralOuter = 2.8;
// Draws per point before a formula is given up as having no usable value in the plane.
constexpr int kDrawsPerPoint = 1000;

double clamp_to_plane(double v) { return std::clamp(v, -kPlaneExtent, kPlaneExtent); }

DataPoint point(double x, double y, int label) {
  return DataPoint{.x = clamp_to_plane(x), .y = clamp_to_plane(y), .label = label};
}

// Class c gets count / classes points, the first count % classes classes one more.
int class_size(int count, int classes, int c) { return count / classes + (c < count % classes ? 1 : 0); }

void add_blobs(PointSet& set, const PointSetOptions& o, Random& rng) {
  const double spread = kBlobSpreadMin + kBlobSpreadPerNoise * o.noise;
  for (int c = 0; c < set.classes; ++c) {
    const double angle = 2 * std::numbers::pi * c / set.classes;
    const double cx = kBlobCentreRadius * std::cos(angle), cy = kBlobCentreRadius * std::sin(angle);
    for (int i = 0; i < class_size(o.count, set.classes, c); ++i) {
      const double x = cx + spread * rng.gaussian();
      set.points.push_back(point(x, cy + spread * rng.gaussian(), c));
    }
  }
}

void add_xor(PointSet& set, const PointSetOptions& o, Random& rng) {
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < class_size(o.count, 2, c); ++i) {
      // Class 1 in the quadrants where x and y have the same sign, class 0 in the other two.
      const double sx = rng.uniform() < 0.5 ? -1 : 1;
      const double sy = c == 1 ? sx : -sx;
      const double x = sx * rng.uniform(kXorPadding, kPlaneExtent) + kXorJitter * o.noise * rng.gaussian();
      const double y = sy * rng.uniform(kXorPadding, kPlaneExtent) + kXorJitter * o.noise * rng.gaussian();
      set.points.push_back(point(x, y, c));
    }
}

void add_circle(PointSet& set, const PointSetOptions& o, Random& rng) {
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < class_size(o.count, 2, c); ++i) {
      // r = √(uniform r²) spreads the points evenly over the disc's or the ring's area.
      const double r_in = c == 0 ? 0 : kRingInner, r_out = c == 0 ? kDiscRadius : kRingOuter;
      const double r = std::sqrt(rng.uniform(r_in * r_in, r_out * r_out));
      const double angle = rng.uniform(0, 2 * std::numbers::pi);
      const double x = r * std::cos(angle) + kCircleJitter * o.noise * rng.gaussian();
      set.points.push_back(point(x, r * std::sin(angle) + kCircleJitter * o.noise * rng.gaussian(), c));
    }
}

void add_spirals(PointSet& set, const PointSetOptions& o, Random& rng) {
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < class_size(o.count, 2, c); ++i) {
      // t runs from the centre (0) to the end (1); the second spiral is the first turned by π.
      const double t = rng.uniform();
      const double r = kSpiralInner + (kSpiralOuter - kSpiralInner) * t;
      const double angle = 2 * std::numbers::pi * kSpiralTurns * t + std::numbers::pi * c;
      const double x = r * std::cos(angle) + kSpiralJitter * o.noise * rng.gaussian();
      set.points.push_back(point(x, r * std::sin(angle) + kSpiralJitter * o.noise * rng.gaussian(), c));
    }
}

// Points uniform over the plane, each kept while its class still needs points: class 1 where
// y − f(x) + N(0, noise) > 0. An x where f is not finite is drawn again.
void add_curve(PointSet& set, const PointSetOptions& o, Random& rng) {
  const Expression f(o.formula, {"x"});
  int needed[2] = {class_size(o.count, 2, 0), class_size(o.count, 2, 1)};
  for (long draws = 0; needed[0] + needed[1] > 0; ++draws) {
    if (draws > static_cast<long>(kDrawsPerPoint) * o.count)
      throw ExpressionError(1, needed[0] > 0 && needed[1] > 0
                                   ? "y = f(x) has no finite value for x in [-3, 3]"
                                   : "the curve leaves no room for one class in the plane [-3, 3]²");
    const double x = rng.uniform(-kPlaneExtent, kPlaneExtent), y = rng.uniform(-kPlaneExtent, kPlaneExtent);
    const double fx = f(x);
    if (!std::isfinite(fx)) continue;
    const int label = y - fx + o.noise * rng.gaussian() > 0 ? 1 : 0;
    if (needed[label] == 0) continue;
    --needed[label];
    set.points.push_back(point(x, y, label));
  }
}

// z = f(x, y) + N(0, noise) at points uniform over the plane; where f is not finite, another point.
void add_surface(PointSet& set, const PointSetOptions& o, Random& rng) {
  const Expression f(o.formula, {"x", "y"});
  for (long draws = 0; static_cast<int>(set.points.size()) < o.count; ++draws) {
    if (draws > static_cast<long>(kDrawsPerPoint) * o.count)
      throw ExpressionError(1, "z = f(x, y) has no finite value in the plane [-3, 3]²");
    const double x = rng.uniform(-kPlaneExtent, kPlaneExtent), y = rng.uniform(-kPlaneExtent, kPlaneExtent);
    const double z = f(x, y);
    if (!std::isfinite(z)) continue;
    DataPoint p = point(x, y, 0);
    p.target = z + o.noise * rng.gaussian();
    set.points.push_back(p);
  }
}

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

void validate(const PointSetOptions& o) {
  require(o.count >= 4 && o.count <= kMaxPoints,
          "count must be 4 to " + std::to_string(kMaxPoints) + ", not " + std::to_string(o.count));
  require(o.noise >= 0 && o.noise <= 1, "noise must be 0 to 1");  // also refuses NaN
  require(o.test_ratio >= 0 && o.test_ratio <= 0.9, "test_ratio must be 0 to 0.9");
  if (o.kind == PointSetKind::Blobs)
    require(o.classes >= 2 && o.classes <= kMaxClasses,
            "classes must be 2 to " + std::to_string(kMaxClasses) + " for blobs, not " + std::to_string(o.classes));
}

}  // namespace

std::string_view point_set_name(PointSetKind kind) {
  switch (kind) {
    case PointSetKind::Blobs: return "blobs";
    case PointSetKind::Xor: return "xor";
    case PointSetKind::Circle: return "circle";
    case PointSetKind::Spirals: return "spirals";
    case PointSetKind::Curve: return "curve";
    case PointSetKind::Surface: return "surface";
  }
  return "";
}

std::string_view point_set_title(PointSetKind kind) {
  switch (kind) {
    case PointSetKind::Blobs: return "Gaussian blobs";
    case PointSetKind::Xor: return "XOR quadrants";
    case PointSetKind::Circle: return "Disc inside a ring";
    case PointSetKind::Spirals: return "Two spirals";
    case PointSetKind::Curve: return "Above or below a curve";
    case PointSetKind::Surface: return "A surface z = f(x, y)";
  }
  return "";
}

std::optional<PointSetKind> parse_point_set(std::string_view name) {
  for (PointSetKind kind : kPointSetKinds)
    if (point_set_name(kind) == name) return kind;
  return std::nullopt;
}

PointSet make_point_set(const PointSetOptions& options) {
  validate(options);
  PointSet set;
  set.classes = options.kind == PointSetKind::Blobs ? options.classes : 2;
  Random rng(options.seed);
  switch (options.kind) {
    case PointSetKind::Blobs: add_blobs(set, options, rng); break;
    case PointSetKind::Xor: add_xor(set, options, rng); break;
    case PointSetKind::Circle: add_circle(set, options, rng); break;
    case PointSetKind::Spirals: add_spirals(set, options, rng); break;
    case PointSetKind::Curve: add_curve(set, options, rng); break;
    case PointSetKind::Surface:
      set.classes = 1;
      set.regression = true;
      add_surface(set, options, rng);
      break;
  }
  assign_test_split(set, options.test_ratio, options.seed);
  return set;
}

void assign_test_split(PointSet& set, double test_ratio, std::uint64_t seed) {
  require(test_ratio >= 0 && test_ratio <= 0.9, "test_ratio must be 0 to 0.9");
  std::map<int, int> training_left;  // per class
  for (DataPoint& p : set.points) {
    p.test = false;
    ++training_left[p.label];
  }
  const bool keep_one_per_class = training_left.size() >= 2;
  // A random order (Fisher–Yates), then the first points in it that may go become test points.
  std::vector<std::size_t> order(set.points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Random rng(seed);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.index(i)]);
  const auto wanted = static_cast<std::size_t>(std::lround(test_ratio * static_cast<double>(set.points.size())));
  std::size_t marked = 0;
  for (std::size_t i : order) {
    if (marked == wanted) break;
    DataPoint& p = set.points[i];
    if (keep_one_per_class && training_left[p.label] == 1) continue;  // its class's last training point
    p.test = true;
    --training_left[p.label];
    ++marked;
  }
}

int training_count(const PointSet& set) {
  return static_cast<int>(
      std::count_if(set.points.begin(), set.points.end(), [](const DataPoint& p) { return !p.test; }));
}

int test_count(const PointSet& set) { return static_cast<int>(set.points.size()) - training_count(set); }

std::vector<DataPoint> points_of(const PointSet& set, bool test) {
  std::vector<DataPoint> out;
  for (const DataPoint& p : set.points)
    if (p.test == test) out.push_back(p);
  return out;
}

}  // namespace neurostep
