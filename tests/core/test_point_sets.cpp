// The playground's data: the built-in point sets, the formulas the student types, and CSV files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "core/expression.h"
#include "core/io/point_csv.h"
#include "core/point_set.h"

using namespace neurostep;

namespace {

PointSetOptions options_for(PointSetKind kind) {
  PointSetOptions o;
  o.kind = kind;
  o.count = 301;  // odd: one class gets the extra point
  if (kind == PointSetKind::Blobs) o.classes = 3;
  if (kind == PointSetKind::Curve) o.formula = "sin(3x)/2";
  if (kind == PointSetKind::Surface) o.formula = "x^2 - y";
  return o;
}

bool same_points(const PointSet& a, const PointSet& b) {
  if (a.points.size() != b.points.size() || a.classes != b.classes || a.regression != b.regression) return false;
  for (std::size_t i = 0; i < a.points.size(); ++i) {
    const DataPoint &p = a.points[i], &q = b.points[i];
    if (p.x != q.x || p.y != q.y || p.label != q.label || p.target != q.target || p.test != q.test) return false;
  }
  return true;
}

std::vector<int> class_sizes(const PointSet& set) {
  std::vector<int> sizes(static_cast<std::size_t>(set.classes), 0);
  for (const DataPoint& p : set.points) ++sizes[static_cast<std::size_t>(p.label)];
  return sizes;
}

// The 1-based column an ExpressionError names, and its message; column 0 when nothing is thrown.
std::pair<int, std::string> expression_error(const std::string& text, std::vector<std::string> variables = {"x"}) {
  try {
    Expression e(text, std::move(variables));
  } catch (const ExpressionError& e) {
    CHECK(std::string(e.what()) == "column " + std::to_string(e.column) + ": " + e.message);
    return {e.column, e.message};
  }
  return {0, ""};
}

// The line a CsvError names (0 when the text reads), its message checked for the word `expect`.
int csv_error_line(const std::string& text, const std::string& expect, bool regression = false) {
  try {
    read_points_csv(text, regression);
  } catch (const CsvError& e) {
    CHECK(std::string(e.what()) == "line " + std::to_string(e.line) + ": " + e.message);
    CHECK_MESSAGE(e.message.find(expect) != std::string::npos, e.message);
    return e.line;
  }
  return 0;
}

}  // namespace

TEST_CASE("every built-in set is drawn from its seed: the same seed, the same points; another, others") {
  for (PointSetKind kind : kPointSetKinds) {
    CAPTURE(point_set_name(kind));
    PointSetOptions o = options_for(kind);
    const PointSet a = make_point_set(o);
    CHECK(same_points(a, make_point_set(o)));
    o.seed = 2;
    CHECK_FALSE(same_points(a, make_point_set(o)));
    CHECK(a.points.size() == 301);
    CHECK(parse_point_set(point_set_name(kind)) == kind);
    CHECK_FALSE(point_set_title(kind).empty());
  }
  CHECK_FALSE(parse_point_set("moons").has_value());
}

TEST_CASE("the classes are balanced and every point lies in the plane, even at full noise") {
  for (PointSetKind kind : kPointSetKinds)
    for (double noise : {0.0, 1.0}) {
      CAPTURE(point_set_name(kind));
      CAPTURE(noise);
      PointSetOptions o = options_for(kind);
      o.noise = noise;
      const PointSet set = make_point_set(o);
      for (const DataPoint& p : set.points) {
        REQUIRE(std::abs(p.x) <= kPlaneExtent);
        REQUIRE(std::abs(p.y) <= kPlaneExtent);
      }
      if (set.regression) continue;
      const std::vector<int> sizes = class_sizes(set);
      const auto [smallest, largest] = std::ranges::minmax(sizes);
      CHECK(largest - smallest <= 1);  // 301 points: 151 + 150, or 101 + 100 + 100
    }
}

TEST_CASE("blobs have 2 to 4 classes; the other classification sets 2, the surface 1 value") {
  PointSetOptions o = options_for(PointSetKind::Blobs);
  o.classes = 4;
  CHECK(class_sizes(make_point_set(o)) == std::vector<int>{76, 75, 75, 75});
  CHECK(make_point_set(options_for(PointSetKind::Spirals)).classes == 2);
  const PointSet surface = make_point_set(options_for(PointSetKind::Surface));
  CHECK(surface.regression);
  CHECK(surface.classes == 1);
}

TEST_CASE("at noise 0 the xor labels are the sign of x·y and the circle's radii are apart") {
  PointSetOptions o = options_for(PointSetKind::Xor);
  o.noise = 0;
  for (const DataPoint& p : make_point_set(o).points) CHECK(p.label == (p.x * p.y > 0 ? 1 : 0));
  o.kind = PointSetKind::Circle;
  for (const DataPoint& p : make_point_set(o).points) {
    const double r = std::hypot(p.x, p.y);
    if (p.label == 0)
      CHECK(r <= 1.2 + 1e-12);
    else
      CHECK((r >= 1.8 - 1e-12 && r <= 2.8 + 1e-12));
  }
}

TEST_CASE("the curve set: class 1 above y = f(x), exactly so at noise 0") {
  PointSetOptions o = options_for(PointSetKind::Curve);
  o.noise = 0;
  for (const DataPoint& p : make_point_set(o).points) CHECK(p.label == (p.y > std::sin(3 * p.x) / 2 ? 1 : 0));
  // log(x) has no value for x ≤ 0: those x are drawn again, never kept.
  o.formula = "log(x)";
  for (const DataPoint& p : make_point_set(o).points) CHECK(p.x > 0);
}

TEST_CASE("the surface set: z = f(x, y), plus a Gaussian of σ = noise") {
  PointSetOptions o = options_for(PointSetKind::Surface);
  o.noise = 0;
  for (const DataPoint& p : make_point_set(o).points) CHECK(p.target == doctest::Approx(p.x * p.x - p.y));
  o.noise = 0.5;
  double sum_sq = 0;
  const PointSet set = make_point_set(o);
  for (const DataPoint& p : set.points) sum_sq += std::pow(p.target - (p.x * p.x - p.y), 2);
  CHECK(std::sqrt(sum_sq / static_cast<double>(set.points.size())) == doctest::Approx(0.5).epsilon(0.15));
}

TEST_CASE("a formula that is bad, or has no value anywhere, is refused with ExpressionError") {
  PointSetOptions o = options_for(PointSetKind::Curve);
  o.formula = "sin(";
  CHECK_THROWS_AS(make_point_set(o), ExpressionError);
  o.formula = "sqrt(-1 - x^2)";  // NaN for every x
  CHECK_THROWS_AS(make_point_set(o), ExpressionError);
  o.formula = "10";  // the whole plane lies below the curve: no room for class 1
  CHECK_THROWS_AS(make_point_set(o), ExpressionError);
  o = options_for(PointSetKind::Surface);
  o.formula = "log(-1 - x^2 - y^2)";
  CHECK_THROWS_AS(make_point_set(o), ExpressionError);
  o.formula = "z";
  CHECK_THROWS_AS(make_point_set(o), ExpressionError);
}

TEST_CASE("options out of their range are refused, naming the option") {
  auto refused = [](PointSetOptions o, const std::string& option) {
    try {
      make_point_set(o);
    } catch (const std::invalid_argument& e) {
      CHECK_MESSAGE(std::string(e.what()).find(option) != std::string::npos, e.what());
      return true;
    }
    return false;
  };
  PointSetOptions o;
  o.count = 3;
  CHECK(refused(o, "count"));
  o.count = kMaxPoints + 1;
  CHECK(refused(o, "count"));
  o = {};
  o.noise = 1.5;
  CHECK(refused(o, "noise"));
  o.noise = std::nan("");
  CHECK(refused(o, "noise"));
  o = {};
  o.test_ratio = 0.95;
  CHECK(refused(o, "test_ratio"));
  o = {};
  o.kind = PointSetKind::Blobs;
  o.classes = 5;
  CHECK(refused(o, "classes"));
  o.classes = 1;
  CHECK(refused(o, "classes"));
}

TEST_CASE("the test split: round(ratio · n) test points, every class keeps a training point") {
  PointSetOptions o = options_for(PointSetKind::Xor);
  o.count = 200;
  o.test_ratio = 0.3;
  PointSet set = make_point_set(o);
  CHECK(test_count(set) == 60);  // 0.3 · 200
  CHECK(training_count(set) == 140);
  assign_test_split(set, 0.25, 7);
  CHECK(test_count(set) == 50);
  assign_test_split(set, 0, 7);
  CHECK(test_count(set) == 0);

  // Two points of class 0 and two of class 1: round(0.9 · 4) = 4 would take all, so each class
  // keeps one and two become test points.
  PointSet tiny;
  for (int label : {0, 0, 1, 1}) tiny.points.push_back(DataPoint{.label = label});
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    assign_test_split(tiny, 0.9, seed);
    CHECK(test_count(tiny) == 2);
    const auto trained = [&](int label) {
      return std::ranges::count_if(tiny.points, [&](const DataPoint& p) { return p.label == label && !p.test; });
    };
    CHECK(trained(0) == 1);
    CHECK(trained(1) == 1);
  }
}

TEST_CASE("formulas with products written as on paper") {
  const Expression three_x("3x", {"x"});
  CHECK(three_x(2) == 6);
  CHECK(Expression("2(x+1)", {"x"})(2) == 6);      // 2·3
  CHECK(Expression("(x+1)(x-1)", {"x"})(3) == 8);  // 4·2
  CHECK(Expression("2sin(x)", {"x"})(1) == doctest::Approx(2 * std::sin(1.0)));
  CHECK(Expression("x^2 + y^2", {"x", "y"})(3, 4) == 25);
  CHECK(Expression("1e-3x", {"x"})(2) == doctest::Approx(0.002));
  CHECK(Expression("2.5E+2x", {"x"})(2) == 500);
  CHECK(Expression("sin(3x)/2", {"x"})(0.5) == doctest::Approx(std::sin(1.5) / 2));
  CHECK(Expression("x y", {"x", "y"})(3, 4) == 12);
  CHECK(Expression("2pi x", {"x"})(1) == doctest::Approx(2 * std::numbers::pi));
  CHECK(Expression("x(x + 1)", {"x"})(2) == 6);
  CHECK(Expression("2_e", {"x"})(0) == doctest::Approx(2 * std::numbers::e));
  CHECK(Expression("sqrt(x)", {"x"})(9) == 3);
  CHECK(Expression("max(x, 1)", {"x"})(0) == 1);
  CHECK(std::isnan(Expression("log(x)", {"x"})(-1)));  // the caller checks
  CHECK(three_x.text() == "3x");
  // The signs the app itself prints: · and × multiply, − subtracts.
  CHECK(Expression("x·y", {"x", "y"})(3, 4) == 12);
  CHECK(Expression("3 × x − 1", {"x"})(2) == 5);
  CHECK(Expression("2·(−x)", {"x"})(2) == -4);
  CHECK(expression_error("x·z") == std::pair<int, std::string>{3, "unknown name \"z\" (use x)"});  // "·" is one column
}

TEST_CASE("a malformed formula names the column of the typed text") {
  CHECK(expression_error("sin(") == std::pair<int, std::string>{5, "missing )"});
  CHECK(expression_error("3 +").first == 4);  // after the "+"
  CHECK(expression_error("x $ 2") == std::pair<int, std::string>{3, "unexpected \"$\""});
  CHECK(expression_error("z + 1") == std::pair<int, std::string>{1, "unknown name \"z\" (use x)"});
  CHECK(expression_error("x + z", {"x", "y"}) == std::pair<int, std::string>{5, "unknown name \"z\" (use x and y)"});
  CHECK(expression_error("") == std::pair<int, std::string>{1, "empty formula"});
  CHECK(expression_error("   ") == std::pair<int, std::string>{1, "empty formula"});
  CHECK(expression_error(")(").first == 1);
  // The "*" put in before "z" does not shift the column: 3 (typed) is 4 in "2*x*z".
  CHECK(expression_error("2xz").first == 2);  // "xz" is one name
  CHECK(expression_error("2x z") == std::pair<int, std::string>{4, "unknown name \"z\" (use x)"});
  CHECK(expression_error("2(x)(x)(x) + 1e-3x w").first == 20);
  CHECK(expression_error("x, 1").first == 2);
  CHECK(expression_error("x + y = 1", {"x", "y"}).first == 7);  // muparser would assign to y
  CHECK(expression_error("x <= 1 == 1").first == 0);            // comparisons stay
  CHECK(expression_error("sin") == std::pair<int, std::string>{1, "sin needs its argument in brackets: sin(…)"});
  CHECK(expression_error("π·x").first == 1);
  CHECK(expression_error("1 + π").first == 5);  // "π" is two bytes but one column
  for (const char* bad : {"sin(", "3 +", "x $ 2", "z + 1", "", ")(", "((x)", "x)", "2 3", "sin", "*x", "x,"}) {
    CAPTURE(bad);
    const auto [column, message] = expression_error(bad);
    CHECK(column >= 1);
    CHECK(column <= static_cast<int>(std::string(bad).size()) + 1);
    CHECK_FALSE(message.empty());
  }
}

TEST_CASE("good CSV files: header or not, blank lines, spaces, CRLF, a test column") {
  bool split = true;
  PointSet set = read_points_csv("0.5,-1,0\n1e-3,2,1\n", false, &split);
  CHECK_FALSE(split);
  REQUIRE(set.points.size() == 2);
  CHECK(set.points[1].x == 1e-3);
  CHECK(set.points[1].label == 1);
  CHECK(set.classes == 2);

  set = read_points_csv("x,y,label,test\r\n\r\n 1 , 2 ,3, test\r\n-2,+1.5,0,0\r\n   \r\n0,0,1,train", false, &split);
  CHECK(split);
  REQUIRE(set.points.size() == 3);
  CHECK(set.classes == 4);
  CHECK(set.points[0].test);
  CHECK(set.points[1].y == 1.5);
  CHECK_FALSE(set.points[2].test);

  set = read_points_csv("x,y,z\n1,2,-7.25\n", true);
  CHECK(set.regression);
  CHECK(set.points[0].target == -7.25);
}

TEST_CASE("bad CSV files are refused at their first bad line") {
  CHECK(csv_error_line("1,2,0\n1,2\n", "found 2") == 2);
  CHECK(csv_error_line("x,y,label\n\n1,2,0,1,5\n", "found 5") == 3);
  CHECK(csv_error_line("1,2,0\r\n\r\n1,two,0\r\n", "\"two\" is not a number") == 3);
  CHECK(csv_error_line("1,2,0\nnan,2,0\n", "not a finite number") == 2);
  CHECK(csv_error_line("1,2,0\n1,inf,0\n", "not a finite number") == 2);
  CHECK(csv_error_line("1,2,0\n1,,0\n", "not a number") == 2);
  CHECK(csv_error_line("1,2,0\n1,2,7\n", "not a class") == 2);
  CHECK(csv_error_line("1,2,0\n1,2,-1\n", "not a class") == 2);
  CHECK(csv_error_line("1,2,0\n1,2,1.5\n", "not a class") == 2);
  CHECK(csv_error_line("x,y,label\n1,2,cat\n", "\"cat\" is not a number") == 2);
  CHECK(csv_error_line("1,2,0\n1,2,cat\n", "\"cat\" is not a number") == 2);
  CHECK(csv_error_line("1,2,0,maybe\n", "not 0/1 or train/test") == 1);
  CHECK(csv_error_line("1,2,nan\n", "not a finite number", true) == 1);
  CHECK(csv_error_line("1,\"2\"x,0\n", "quote") == 1);
  CHECK(csv_error_line("x,y\n1,2\n", "found 2") == 1);  // a header of the wrong width
  CHECK(csv_error_line("", "no points") == 1);
  CHECK(csv_error_line("x,y,label\n\n", "no points") == 1);
}

TEST_CASE("more than kMaxPoints points are an error at the first point too many") {
  std::string text = "x,y,label\n";
  for (int i = 0; i < kMaxPoints; ++i) text += "1,1,1\n";
  CHECK(read_points_csv(text, false).points.size() == static_cast<std::size_t>(kMaxPoints));
  text += "1,1,1\n";
  CHECK(csv_error_line(text, "more than") == kMaxPoints + 2);  // + the header line
}

TEST_CASE("1 MB of random bytes is refused, at the first line that is not points") {
  std::mt19937_64 rng(17);
  std::string noise(1 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xff);
  const int line = csv_error_line(noise, "");
  CHECK(line >= 1);
  CHECK(line <= 3);  // the first line, or the second after a first one taken for a header
  // After two good points the third line is the first bad one, unless it is blank.
  const std::string text = "1,2,0\n2,1,1\n" + noise;
  int first_text_line = 3;
  for (std::size_t i = 12; i < text.size() && (text[i] == '\n' || text[i] == '\r'); ++i)
    first_text_line += text[i] == '\n';
  CHECK(csv_error_line(text, "") == first_text_line);
}

TEST_CASE("write then read gives back every point exactly") {
  for (PointSetKind kind : {PointSetKind::Blobs, PointSetKind::Spirals, PointSetKind::Surface}) {
    PointSetOptions o = options_for(kind);
    o.classes = 4;
    const PointSet set = make_point_set(o);
    bool split = false;
    const PointSet back = read_points_csv(write_points_csv(set), set.regression, &split);
    CHECK(split);
    CHECK(same_points(set, back));
  }
  PointSet exact;
  exact.points.push_back(DataPoint{.x = 0.1, .y = -1.0 / 3, .label = 1, .test = true});
  exact.points.push_back(DataPoint{.x = 5e-324, .y = 2.9999999999999996, .label = 0});
  CHECK(write_points_csv(exact) == "x,y,label,test\n0.1,-0.3333333333333333,1,1\n5e-324,2.9999999999999996,0,0\n");
  CHECK(same_points(exact, read_points_csv(write_points_csv(exact), false)));
}
