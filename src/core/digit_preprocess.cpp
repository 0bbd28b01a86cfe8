#include "core/digit_preprocess.h"

#include <algorithm>
#include <cmath>

namespace neurostep {

std::vector<float> mnist_from_drawing(const std::vector<float>& canvas, int size) {
  std::vector<float> out(28 * 28, 0.0f);
  int top = size, bottom = -1, left = size, right = -1;
  for (int r = 0; r < size; ++r)
    for (int c = 0; c < size; ++c)
      if (canvas[static_cast<std::size_t>(r * size + c)] > 0.05f) {
        top = std::min(top, r), bottom = std::max(bottom, r), left = std::min(left, c), right = std::max(right, c);
      }
  if (bottom < 0) return out;
  // Scale the bounding box to fit 20 × 20, by averaging the canvas cells that fall in each pixel.
  const int h = bottom - top + 1, w = right - left + 1;
  const double scale = 20.0 / std::max(h, w);
  const int oh = std::max(1, static_cast<int>(std::lround(h * scale))),
            ow = std::max(1, static_cast<int>(std::lround(w * scale)));
  std::vector<float> box(static_cast<std::size_t>(oh * ow), 0.0f);
  for (int y = 0; y < oh; ++y)
    for (int x = 0; x < ow; ++x) {
      const int r0 = top + static_cast<int>(y / scale), r1 = std::max(r0 + 1, top + static_cast<int>((y + 1) / scale));
      const int c0 = left + static_cast<int>(x / scale),
                c1 = std::max(c0 + 1, left + static_cast<int>((x + 1) / scale));
      double sum = 0;
      int count = 0;
      for (int r = r0; r < std::min(r1, size); ++r)
        for (int c = c0; c < std::min(c1, size); ++c, ++count) sum += canvas[static_cast<std::size_t>(r * size + c)];
      box[static_cast<std::size_t>(y * ow + x)] = count ? static_cast<float>(sum / count) : 0.0f;
    }
  // Centre of mass of the scaled box, placed at (14, 14).
  double mass = 0, my = 0, mx = 0;
  for (int y = 0; y < oh; ++y)
    for (int x = 0; x < ow; ++x) {
      const double v = box[static_cast<std::size_t>(y * ow + x)];
      mass += v, my += v * y, mx += v * x;
    }
  const int dy = static_cast<int>(std::lround(14 - (mass > 0 ? my / mass : oh / 2.0) - 0.5));
  const int dx = static_cast<int>(std::lround(14 - (mass > 0 ? mx / mass : ow / 2.0) - 0.5));
  for (int y = 0; y < oh; ++y)
    for (int x = 0; x < ow; ++x) {
      const int r = y + dy, c = x + dx;
      if (r >= 0 && r < 28 && c >= 0 && c < 28)
        out[static_cast<std::size_t>(r * 28 + c)] = std::min(1.0f, box[static_cast<std::size_t>(y * ow + x)]);
    }
  return out;
}

}  // namespace neurostep
