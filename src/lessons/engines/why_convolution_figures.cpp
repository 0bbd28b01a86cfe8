#include "lessons/engines/why_convolution_figures.h"

#include <fmt/format.h>

#include "lessons/engines/why_convolution_numbers.h"

namespace neurostep {

namespace ids = why_convolution_ids;

namespace {

using N = WhyConvolutionNumbers;

// Which pixels of one channel output neuron (out_row, out_col) sees: all of them, or its window.
Figure seen_figure(const N& n, bool dense) {
  const int r0 = (n.out_row - 1) * n.stride, c0 = (n.out_col - 1) * n.stride;
  std::vector<double> seen(std::size_t(n.height * n.width), dense ? 1.0 : 0.0);
  for (int r = r0; !dense && r < r0 + n.filter; ++r)
    for (int c = c0; c < c0 + n.filter; ++c) seen[std::size_t(r * n.width + c)] = 1;
  Figure f = matrix_figure(fmt::format("{}: the pixels output neuron ({}, {}) sees",
                                       dense ? "Fully connected" : "Convolutional", n.out_row, n.out_col),
                           seen, n.height, n.width, false, false);
  f.heatmaps[0].min = 0;
  f.heatmaps[0].max = 1;
  f.heatmaps[0].scale_label = "seen";
  if (!dense) add_window(f, r0, c0, n.filter, n.filter);
  return f;
}

}  // namespace

std::vector<Figure> why_convolution_figures(const Trace& trace, int current, const WhyConvolutionNumbers& numbers) {
  const N n = why_convolution_parts::fitted(numbers);
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[std::size_t(current)];
  if (s.id == ids::kDense) return {seen_figure(n, true)};
  if (s.id == ids::kLocal || s.id == ids::kShared || s.id == ids::kIncoming)
    return {seen_figure(n, true), seen_figure(n, false)};
  const Value* map = s.find(ids::kOcMap);
  if (!map) return {};
  Figure f = matrix_figure("Outgoing connections of each input pixel, per block (Jäppinen, Fig. 11)", map->data,
                           n.height, n.width, false, n.height <= 12 && n.width <= 12);
  f.heatmaps[0].scale_label = "OC";
  add_window(f, n.in_row - 1, n.in_col - 1, 1, 1);
  return {std::move(f)};
}

}  // namespace neurostep
