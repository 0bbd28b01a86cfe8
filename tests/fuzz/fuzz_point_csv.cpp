// libFuzzer target: the CSV point reader on arbitrary bytes (the first byte picks classes or
// regression). Any input must either give points that write and read back the same, or throw
// CsvError with a line inside the text — never crash, hang, throw anything else, or trip a sanitizer.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/io/point_csv.h"

namespace {

bool valid(const neurostep::PointSet& set) {
  if (set.points.empty() || set.points.size() > static_cast<std::size_t>(neurostep::kMaxPoints)) return false;
  return std::ranges::all_of(set.points, [&](const neurostep::DataPoint& p) {
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.target) && p.label >= 0 &&
           p.label < set.classes && set.classes <= neurostep::kMaxClasses;
  });
}

bool same(const neurostep::PointSet& a, const neurostep::PointSet& b) {
  return std::ranges::equal(a.points, b.points, [](const neurostep::DataPoint& p, const neurostep::DataPoint& q) {
    return p.x == q.x && p.y == q.y && p.label == q.label && p.target == q.target && p.test == q.test;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool regression = data[0] & 1;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const neurostep::PointSet set = neurostep::read_points_csv(text, regression);
    if (!valid(set)) __builtin_trap();
    if (!same(set, neurostep::read_points_csv(neurostep::write_points_csv(set), regression))) __builtin_trap();
  } catch (const neurostep::CsvError& e) {
    const auto lines = static_cast<int>(std::ranges::count(text, '\n') + std::ranges::count(text, '\r')) + 1;
    if (e.line < 1 || e.line > lines || e.message.empty()) __builtin_trap();
  }
  return 0;
}
