// pooling.cpp — the steps of the pooling lesson: both poolings window by window, forward then
// backward, and the shifted digit (numbers → trace).
#include "lessons/engines/pooling.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/conv2d.h"
#include "core/pool2d.h"

namespace neurostep {

namespace ids = pooling_ids;

std::string pooling_ids::forward(int i, int j) { return fmt::format("{}.{}.{}", kForwardPrefix, i, j); }
std::string pooling_ids::backward(int i, int j) { return fmt::format("{}.{}.{}", kBackwardPrefix, i, j); }
std::string pooling_ids::every_forward() { return fmt::format("{}.*", kForwardPrefix); }

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Pooled {
  Tensor<double> max, avg;
  std::vector<int> argmax;
};

Pooled pool(const Tensor<double>& image, int size, int stride) {
  const Tensor<double> x = image.reshaped({1, 1, image.dim(0), image.dim(1)});
  Pool2D<double> mp(PoolKind::Max, size, stride), ap(PoolKind::Average, size, stride);
  Tensor<double> m = mp.forward(x, Mode::Eval), a = ap.forward(x, Mode::Eval);
  return {m.reshaped({m.dim(2), m.dim(3)}), a.reshaped({a.dim(2), a.dim(3)}), mp.argmax()};
}

// ∂E/∂X of both poolings for the upstream δ with only the first `count` output cells switched on.
std::pair<Tensor<double>, Tensor<double>> backward_so_far(const PoolingNumbers& n, int count) {
  const Tensor<double> x = n.input.reshaped({1, 1, n.input.dim(0), n.input.dim(1)});
  Tensor<double> d = n.upstream.reshaped({1, 1, n.upstream.dim(0), n.upstream.dim(1)});
  for (std::size_t i = static_cast<std::size_t>(count); i < d.size(); ++i) d[i] = 0;
  Pool2D<double> mp(PoolKind::Max, n.size, n.stride), ap(PoolKind::Average, n.size, n.stride);
  mp.forward(x, Mode::Train);
  ap.forward(x, Mode::Train);
  const Tensor<double> dm = mp.backward(d), da = ap.backward(d);
  return {dm.reshaped(n.input.shape()), da.reshaped(n.input.shape())};
}

}  // namespace

void PoolingNumbers::fit_upstream() {
  const int oh = sliding_output_size(input.dim(0), size, stride, 0),
            ow = sliding_output_size(input.dim(1), size, stride, 0);
  if (upstream.rank() == 2 && upstream.dim(0) == oh && upstream.dim(1) == ow) return;
  Tensor<double> d({std::max(oh, 1), std::max(ow, 1)});
  for (int i = 0; i < d.dim(0); ++i)
    for (int j = 0; j < d.dim(1); ++j)
      d[static_cast<std::size_t>(i * d.dim(1) + j)] =
          (upstream.rank() == 2 && i < upstream.dim(0) && j < upstream.dim(1))
              ? upstream[static_cast<std::size_t>(i * upstream.dim(1) + j)]
              : 0.1 * ((i * d.dim(1) + j) % 5 + 1);
  upstream = d;
}

namespace {

// Forward, window by window: both poolings of the window, the maps filled so far (Jäppinen 2024, eq. 77).
void forward_steps(const PoolingNumbers& n, const Pooled& p, Trace& trace) {
  const int w = n.input.dim(1), f = n.size, s = n.stride;
  const int oh = p.max.dim(0), ow = p.max.dim(1);
  std::vector<double> max_so_far(p.max.size(), kNaN), avg_so_far(p.avg.size(), kNaN);
  const bool overlap = s < f;
  for (int i = 0; i < oh; ++i)
    for (int j = 0; j < ow; ++j) {
      const std::size_t o = static_cast<std::size_t>(i * ow + j);
      const int at = p.argmax[o], ar = at / w, ac = at % w;
      Equation mx{fmt::format("max pool ({}, {}) = max of the window", i + 1, j + 1), "max(", {}, {p.max[o]}};
      Equation av{fmt::format("average pool ({}, {}) = (1/{}) Σ window   (Jäppinen 2024, eq. 77)", i + 1, j + 1, f * f),
                  "(",
                  {},
                  {p.avg[o]}};
      int ties = 0;
      for (int r = 0; r < f; ++r)
        for (int c = 0; c < f; ++c) {
          const double v = n.input[static_cast<std::size_t>((i * s + r) * w + j * s + c)];
          ties += v == p.max[o];
          mx.numbers += (r || c) ? ", {}" : "{}";
          mx.args.push_back(v);
          av.numbers += (r || c) ? " + {}" : "{}";
          av.args.push_back(v);
        }
      mx.numbers += ")";
      av.numbers += fmt::format(")/{}", f * f);
      max_so_far[o] = p.max[o];
      avg_so_far[o] = p.avg[o];
      std::string note;
      if (ties > 1)
        note = fmt::format(
            "A tie: {} cells hold the maximum {}. Like the core library (and PyTorch), the first one in reading "
            "order — top row first, then left to right — is chosen: ({}, {}). Backward sends δ there only.",
            ties, format_number(p.max[o], shown_decimals()), ar + 1, ac + 1);
      else if (i == 0 && j == 0 && overlap)
        note = fmt::format("Stride {} < size {}: the windows overlap, so some cells are read by more than one window.",
                           s, f);
      trace.steps.push_back(
          {.id = ids::forward(i, j),
           .group = "Forward",
           .title = fmt::format("Window ({}, {})", i + 1, j + 1),
           .equations = {mx, av},
           .values = {vector_value(ids::kWindow, {double(i + 1), double(j + 1)}), scalar_value(ids::kMax, p.max[o]),
                      vector_value(ids::kArgmax, {double(ar + 1), double(ac + 1)}), scalar_value(ids::kAvg, p.avg[o]),
                      matrix_value(ids::kMaxMap, max_so_far, oh, ow), matrix_value(ids::kAvgMap, avg_so_far, oh, ow)},
           .note = note});
    }
}

// How many cells of window (i, j) an earlier window already covered (overlapping windows only).
int cells_shared_with_earlier_windows(int i, int j, int f, int s) {
  int shared = 0;
  for (int r = 0; r < f; ++r)
    for (int c = 0; c < f; ++c) {
      const int rr = i * s + r, cc = j * s + c;
      shared += (rr - s >= 0 && r - s >= 0 && i > 0) || (cc - s >= 0 && c - s >= 0 && j > 0);
    }
  return shared;
}

// Backward, window by window: δ to the maximum only (eq. 76), or shared evenly (eq. 79).
void backward_steps(const PoolingNumbers& n, const Pooled& p, Trace& trace) {
  const int h = n.input.dim(0), w = n.input.dim(1), f = n.size, s = n.stride;
  const int oh = p.max.dim(0), ow = p.max.dim(1);
  for (int i = 0; i < oh; ++i)
    for (int j = 0; j < ow; ++j) {
      const std::size_t o = static_cast<std::size_t>(i * ow + j);
      const auto [dm, da] = backward_so_far(n, static_cast<int>(o) + 1);
      const int at = p.argmax[o];
      const double d = n.upstream[o];
      std::vector<Equation> eqs = {
          {fmt::format("max: ∂E/∂X[{},{}] += δ[{},{}]   (only the maximum, Jäppinen 2024, eq. 76)", at / w + 1,
                       at % w + 1, i + 1, j + 1),
           "{}",
           {d},
           {dm[static_cast<std::size_t>(at)]}},
          {fmt::format("average: each of the {} covered cells += δ[{},{}]/{}   (eq. 79)", f * f, i + 1, j + 1, f * f),
           "{}/{}",
           {d, double(f * f)},
           {d / (f * f)}}};
      const int shared = s < f ? cells_shared_with_earlier_windows(i, j, f, s) : 0;
      const std::string note =
          shared > 0
              ? fmt::format("{} of the covered cells already held shares from earlier windows: the shares add up.",
                            shared)
              : "";
      trace.steps.push_back(
          {.id = ids::backward(i, j),
           .group = "Backward",
           .title = fmt::format("δ of window ({}, {}) flows back", i + 1, j + 1),
           .equations = eqs,
           .values = {vector_value(ids::kWindow, {double(i + 1), double(j + 1)}), scalar_value(ids::kDelta, d),
                      written_as(matrix_value(ids::kDxMax, dm.values(), h, w), "∂E/∂X[{}] (max)"),
                      written_as(matrix_value(ids::kDxAvg, da.values(), h, w), "∂E/∂X[{}] (average)")},
           .note = note});
    }
}

// How alike two maps are: the cosine of the angle between them (1 = the same pattern), and the
// share of their ink that differs, Σ|x − y| / Σ max(x, y). Each equation's numbers are the sums it
// divides: Σxy/√(Σx²·Σy²) and Σ|x − y|/Σ max(x, y).
Equation cosine_similarity(std::string symbols, const Tensor<double>& x, const Tensor<double>& y) {
  const double xy = (x.array() * y.array()).sum(), xx = x.array().square().sum(), yy = y.array().square().sum();
  return Equation{std::move(symbols), "{}/√({}·{})", {xy, xx, yy}, {xy / std::sqrt(xx * yy)}};
}
Equation share_changed(std::string symbols, const Tensor<double>& x, const Tensor<double>& y) {
  const double differ = (x.array() - y.array()).abs().sum(), ink = x.array().max(y.array()).sum();
  return Equation{std::move(symbols), "{}/{}", {differ, ink}, {differ / ink}};
}

// Why pool: the same digit moved one pixel to the right, before and after max pooling.
void shift_step(const PoolingNumbers& n, Trace& trace) {
  const int dh = n.digit.dim(0), dw = n.digit.dim(1), q = n.shift_pool;
  Tensor<double> shifted({dh, dw});
  for (int r = 0; r < dh; ++r)
    for (int c = 1; c < dw; ++c)
      shifted[static_cast<std::size_t>(r * dw + c)] = n.digit[static_cast<std::size_t>(r * dw + c - 1)];
  const Tensor<double> a = pool(n.digit, q, q).max, b = pool(shifted, q, q).max;
  const Equation raw_cos_e = cosine_similarity("cosine similarity of the two digits: Σxy/√(Σx²·Σy²)", n.digit, shifted);
  const Equation pooled_cos_e =
      cosine_similarity(fmt::format("cosine similarity of their {}×{} max-pooled maps", q, q), a, b);
  const Equation raw_e =
      share_changed("share of the ink that differs: Σ|x − y| / Σ max(x, y), digits", n.digit, shifted);
  const Equation pooled_e = share_changed("the same for the pooled maps", a, b);
  const double raw_cos = raw_cos_e.result[0], pooled_cos = pooled_cos_e.result[0], raw = raw_e.result[0],
               pooled = pooled_e.result[0];
  trace.steps.push_back(
      {.id = ids::kShift,
       .group = "Why pool",
       .title = "The same digit, one pixel to the right",
       .equations = {raw_cos_e, pooled_cos_e, raw_e, pooled_e},
       .values = {matrix_value(ids::kDigit, n.digit.values(), dh, dw),
                  matrix_value(ids::kShifted, shifted.values(), dh, dw),
                  matrix_value(ids::kPooled, a.values(), a.dim(0), a.dim(1)),
                  matrix_value(ids::kPooledShifted, b.values(), b.dim(0), b.dim(1)),
                  scalar_value(ids::kCosineRaw, raw_cos), scalar_value(ids::kCosinePooled, pooled_cos),
                  scalar_value(ids::kChangedRaw, raw), scalar_value(ids::kChangedPooled, pooled)},
       .note = fmt::format(
           "After max pooling the two maps are more alike (cosine similarity {} → {}; the ink that differs falls "
           "from {:.0f}% to {:.0f}%): a stroke that moves inside a {}×{} window keeps its maximum, one that "
           "crosses into the next window does not. Each further pooling layer makes the next layers less "
           "sensitive to exactly where a feature is (Jäppinen 2024, §3.2.2).",
           format_number(raw_cos, shown_decimals()), format_number(pooled_cos, shown_decimals()), 100 * raw,
           100 * pooled, q, q)});
}

}  // namespace

Trace run_pooling(const std::string& lesson_id, const PoolingNumbers& n) {
  Trace trace{lesson_id, {}};
  const int h = n.input.dim(0), w = n.input.dim(1), f = n.size, s = n.stride;
  if (sliding_output_size(h, f, s, 0) <= 0 || sliding_output_size(w, f, s, 0) <= 0) {
    trace.steps.push_back({.id = ids::kForwardNone,
                           .group = "Forward",
                           .title = "The window does not fit",
                           .note = fmt::format("A {}×{} window does not fit a {}×{} input.", f, f, h, w)});
    return trace;
  }
  const Pooled p = pool(n.input, f, s);
  forward_steps(n, p, trace);
  backward_steps(n, p, trace);
  if (!n.digit.empty()) shift_step(n, trace);
  return trace;
}

}  // namespace neurostep
