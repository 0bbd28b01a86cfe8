#include "lessons/engines/why_convolution.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/conv2d.h"
#include "lessons/engines/why_convolution_numbers.h"

namespace neurostep {

namespace ids = why_convolution_ids;

namespace {

using namespace why_convolution_parts;
using N = WhyConvolutionNumbers;

const std::string kCounts = "Counting", kWiring = "Wiring";

void count_steps(const N& n, const Sizes& z, Trace& t) {
  t.steps.push_back(
      {.id = ids::kInputs,
       .group = kCounts,
       .title = "The image: its input values",
       .equations = {{"n_in = h·w·c", "{}·{}·{}", {double(n.height), double(n.width), double(n.channels)}, {z.n_in}}},
       .values = {scalar_value(ids::kNIn, z.n_in)},
       .note = "Every pixel of every colour channel is one input neuron. Jäppinen's example: a colour image of "
               "“32 x 32 x 3 = 1024 x 3 = 3072 different data points”."});
  t.steps.push_back(
      {.id = ids::kOutputs,
       .group = kCounts,
       .title = "The first hidden layer: its neurons",
       .equations = {{"out_h = ⌊(h − f)/s⌋ + 1",
                      "({} − {})/{} + 1",
                      {double(n.height), double(n.filter), double(n.stride)},
                      {z.out_h}},
                     {"out_w = ⌊(w − f)/s⌋ + 1",
                      "({} − {})/{} + 1",
                      {double(n.width), double(n.filter), double(n.stride)},
                      {z.out_w}},
                     {"n_out = out_h·out_w·k", "{}·{}·{}", {z.out_h, z.out_w, double(n.filters)}, {z.n_out}}},
       .values = {scalar_value(ids::kOutH, z.out_h), scalar_value(ids::kOutW, z.out_w),
                  scalar_value(ids::kNOut, z.n_out)},
       .note = fmt::format("k = {} blocks of {}×{} neurons: the size of a convolution's output. Both layers below have "
                           "these neurons; only their wiring differs.",
                           n.filters, z.out_h, z.out_w)});
  const double dense = z.n_in * z.n_out;
  t.steps.push_back(
      {.id = ids::kDense,
       .group = kCounts,
       .title = fmt::format("Fully connected: {} weights", dense),
       .equations = {{"connections = n_in·n_out", "{}·{}", {z.n_in, z.n_out}, {dense}},
                     {"parameters = n_in·n_out + n_out (a bias per neuron)",
                      "{}·{} + {}",
                      {z.n_in, z.n_out, z.n_out},
                      {dense + z.n_out}}},
       .values = {scalar_value(ids::kDenseWeights, dense), scalar_value(ids::kDenseParams, dense + z.n_out)},
       .note = "Every input is connected to every neuron, each connection with its own weight (dense "
               "connectivity, Sougrati et al., ch. 3, Fig. 9). Jäppinen counts the connections, “all with "
               "different weights to update, and this is only in the first layer”; the biases come on top."});
}

void sharing_steps(const N& n, const Sizes& z, Trace& t) {
  const double dense = z.n_in * z.n_out, local = z.window * z.n_out;
  t.steps.push_back(
      {.id = ids::kLocal,
       .group = kCounts,
       .title = "Local windows: their weights",
       .equations = {{"connections = (f·f·c)·n_out",
                      "({}·{}·{})·{}",
                      {double(n.filter), double(n.filter), double(n.channels), z.n_out},
                      {local}},
                     {"share = local / dense", "{}/{}", {local, dense}, {local / dense}}},
       .values = {scalar_value(ids::kLocalWeights, local), scalar_value(ids::kLocalShare, local / dense)},
       .note = fmt::format("Each neuron sees only an f×f window of the image, through all its channels: {} of the "
                           "fully connected weights (Jäppinen: “less than 3%”). Nearby pixels go together; far ones "
                           "rarely do.",
                           format_percent(local / dense))});
  Conv2D<double> conv(n.channels, n.filters, n.filter);  // the core's layer, for its own count
  const double shared = z.window * n.filters, params = shared + n.filters, core = double(conv.param_count());
  t.steps.push_back(
      {.id = ids::kShared,
       .group = kCounts,
       .title = "Shared weights: a filter per block",
       .equations =
           {{"weights = (f·f·c)·k",
             "({}·{}·{})·{}",
             {double(n.filter), double(n.filter), double(n.channels), double(n.filters)},
             {shared}},
            {"parameters = (f·f·c)·k + k (a bias per filter)", "{} + {}", {shared, double(n.filters)}, {params}},
            {"the core's Conv2D(c → k, f×f): W (k, c, f, f) and b (k)",
             "{}·{}·{}·{} + {}",
             {double(conv.W.dim(0)), double(conv.W.dim(1)), double(conv.W.dim(2)), double(conv.W.dim(3)),
              double(conv.b.dim(0))},
             {core}},
            {"share = shared / dense", "{}/{}", {shared, dense}, {shared / dense}},
            {"factor = dense / shared", "{}/{}", {dense, shared}, {dense / shared}}},
       .values = {scalar_value(ids::kConvWeights, shared), scalar_value(ids::kConvParams, params),
                  scalar_value(ids::kCoreConvParams, core), scalar_value(ids::kSharedShare, shared / dense),
                  scalar_value(ids::kFactor, dense / shared)},
       .note = fmt::format("All the neurons of one block use the same window of weights, a filter: {} of the fully "
                           "connected weights, {} times fewer. “This is the main idea of the convolution” (Jäppinen). "
                           "He counts the weights; each filter adds a bias.",
                           format_percent(shared / dense), format_number(dense / shared, 0))});
}

// The inputs of the followed output neuron, fully connected and convolutional (eq. 62).
void incoming_step(const N& n, const Sizes& z, Trace& t) {
  t.steps.push_back(
      {.id = ids::kIncoming,
       .group = kWiring,
       .title = fmt::format("One neuron's inputs: {} against {}", z.n_in, z.window),
       .equations = {{"IC dense = n_in", "{}", {z.n_in}, {z.n_in}},
                     {"IC conv = f·f·c   (eq. 62)",
                      "{}·{}·{}",
                      {double(n.filter), double(n.filter), double(n.channels)},
                      {z.window}}},
       .values = {scalar_value(ids::kIcDense, z.n_in), scalar_value(ids::kIcConv, z.window)},
       .note = fmt::format("The plots: which pixels output neuron ({}, {}) of a block sees, in each channel. Fully "
                           "connected, all of them; convolutional, one f×f window (sparse connectivity).",
                           n.out_row, n.out_col)});
}

// The neurons each input pixel feeds: every pixel's windows counted, the followed one's beside eq. 61.
void outgoing_step(const N& n, Trace& t) {
  std::vector<double> map;
  for (int r = 0; r < n.height; ++r)
    for (int c = 0; c < n.width; ++c)
      map.push_back(double(windows_over(r, n.height, n.filter, n.stride)) *
                    windows_over(c, n.width, n.filter, n.stride));
  const int r = n.in_row - 1, c = n.in_col - 1;
  const double counted = map[std::size_t(r * n.width + c)], formula = eq61(n, r, c);
  const auto [lo, hi] = std::minmax_element(map.begin(), map.end());
  Step s{.id = ids::kOutgoing,
         .group = kWiring,
         .title = fmt::format("Pixel ({}, {}): how many neurons it feeds", n.in_row, n.in_col),
         .equations = {{"OC counted: windows over the row · over the column",
                        "{}·{}",
                        {double(windows_over(r, n.height, n.filter, n.stride)),
                         double(windows_over(c, n.width, n.filter, n.stride))},
                        {counted}},
                       {"OC = min(i, f)·min(j, f)   (eq. 61)",
                        "min({}, {})·min({}, {})",
                        {double(std::min(r + 1, n.height - r)), double(n.filter), double(std::min(c + 1, n.width - c)),
                         double(n.filter)},
                        {formula}},
                       {"over all k blocks: k·OC", "{}·{}", {double(n.filters), counted}, {n.filters * counted}}},
         .values = {scalar_value(ids::kOcCounted, counted), scalar_value(ids::kOcEq61, formula),
                    scalar_value(ids::kOcAll, n.filters * counted), scalar_value(ids::kOcMin, *lo),
                    scalar_value(ids::kOcMax, *hi), vector_value(ids::kOcMap, map)}};
  s.note = fmt::format(
      "The map counts every pixel's windows: {} at the fewest, {} at the most (eq. 60: 1 ≤ OC ≤ f·f at stride 1). ",
      *lo, *hi);
  if (*hi > *lo)
    s.note += "A convolution looks at the middle of the image more often than at its edges (Jäppinen, Fig. 11). ";
  s.note += counted == formula ? "Eq. 61 gives the same count here."
                               : fmt::format(
                                     "Eq. 61 gives {} here, the windows {}: it holds at stride 1 on an image at least "
                                     "2f − 1 wide, and a stride leaves gaps it does not count.",
                                     formula, counted);
  t.steps.push_back(std::move(s));
}

}  // namespace

Trace run_why_convolution(const std::string& lesson_id, const WhyConvolutionNumbers& numbers) {
  Trace trace{lesson_id, {}};
  const N n = fitted(numbers);
  const Sizes z = sizes(n);
  if (z.out_h < 1 || z.out_w < 1) {
    trace.steps.push_back(
        {.id = ids::kNone,
         .group = kCounts,
         .title = "The filter does not fit",
         .note = fmt::format("A {}×{} filter does not fit a {}×{} image.", n.filter, n.filter, n.height, n.width)});
    return trace;
  }
  count_steps(n, z, trace);
  sharing_steps(n, z, trace);
  incoming_step(n, z, trace);
  outgoing_step(n, trace);
  return trace;
}

}  // namespace neurostep
