// pooling_figures.cpp — the plots of a step of the pooling lesson: the input with the window and its
// maximum, both pooled maps so far, δ and both input gradients so far, the shifted digit.
#include "lessons/engines/pooling_figures.h"

#include <cmath>

namespace neurostep {

namespace ids = pooling_ids;

std::vector<Figure> pooling_figures(const PoolingNumbers& n, const Trace& trace, int current) {
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  std::vector<Figure> figs;
  auto add = [&](const std::string& title, const Value* v, bool diverging, bool values = true) -> Figure* {
    if (!v) return nullptr;
    figs.push_back(matrix_figure(title, v->data, v->shape[0], v->shape[1], diverging, values));
    return &figs.back();
  };
  const Value* window = s.find(ids::kWindow);
  const bool placed = window && std::isfinite(window->data[0]) && std::isfinite(window->data[1]);
  // The window's row and column as the student reads them (from 1), and where it is drawn (from 0).
  const int wr = placed ? static_cast<int>(window->data[0]) - 1 : 0,
            wc = placed ? static_cast<int>(window->data[1]) - 1 : 0;
  const Value input{"X", n.input.shape(), n.input.values()};
  if (s.id == ids::kShift) {
    add("The digit", s.find(ids::kDigit), false, false);
    add("Moved one pixel right", s.find(ids::kShifted), false, false);
    add("Max-pooled digit", s.find(ids::kPooled), false, false);
    add("Max-pooled, moved digit", s.find(ids::kPooledShifted), false, false);
  } else if (s.id.rfind(ids::kForwardPrefix, 0) == 0) {
    if (Figure* f = add("Input X with the window", &input, false)) {
      add_window(*f, wr * n.stride, wc * n.stride, n.size, n.size);
      // The maximum's cell, once the maximum itself is shown (Try it withholds it: withheld.h).
      const Value *am = s.find(ids::kArgmax), *mx = s.find(ids::kMax);
      if (am && mx && std::isfinite(mx->scalar()) && std::isfinite(am->data[0]))
        add_window(*f, static_cast<int>(am->data[0]) - 1, static_cast<int>(am->data[1]) - 1, 1, 1, Color::Red);
    }
    if (Figure* f = add("Max pooling so far", s.find(ids::kMaxMap), false)) add_window(*f, wr, wc, 1, 1);
    if (Figure* f = add("Average pooling so far", s.find(ids::kAvgMap), false)) add_window(*f, wr, wc, 1, 1);
  } else if (s.id.rfind(ids::kBackwardPrefix, 0) == 0) {
    const Value delta{"δ", n.upstream.shape(), n.upstream.values()};
    if (Figure* f = add("Upstream gradient δ", &delta, true)) add_window(*f, wr, wc, 1, 1);
    if (Figure* f = add("∂E/∂X through max pooling, so far", s.find(ids::kDxMax), true))
      add_window(*f, wr * n.stride, wc * n.stride, n.size, n.size);
    if (Figure* f = add("∂E/∂X through average pooling, so far", s.find(ids::kDxAvg), true))
      add_window(*f, wr * n.stride, wc * n.stride, n.size, n.size);
  }
  return figs;
}

}  // namespace neurostep
