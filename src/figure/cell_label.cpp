#include "figure/cell_label.h"

#include <algorithm>
#include <cmath>

#include "figure/number_text.h"

namespace neurostep {

CellLabel cell_label(double value, int decimals, double width, double height,
                     const std::function<std::pair<double, double>(const std::string&)>& text_size) {
  if (std::isinf(value)) return {"", 1, true};
  CellLabel label{std::isnan(value) ? "·" : format_number(value, decimals), 1, true};
  const auto [w, h] = text_size(label.text);
  // 2 px of margin either side at any scale; the height without margin (the font's line has its own).
  const double room_x = width - 4, scale = std::min({1.0, w > 0 ? room_x / w : 1.0, h > 0 ? height / h : 1.0});
  label.scale = std::max(kMinLabelScale, scale);
  label.fits = scale >= kMinLabelScale;
  return label;
}

}  // namespace neurostep
