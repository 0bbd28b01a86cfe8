#include "lessons/engines/why_convolution.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/conv2d.h"

namespace neurostep {

namespace {

using N = WhyConvolutionNumbers;

const std::string kCounts = "Counting", kWiring = "Wiring";

struct Sizes {
  double n_in, out_h, out_w, n_out, window;  // window: f·f·c, the inputs of one convolutional neuron
};

Sizes sizes(const N& n) {
  const int oh = sliding_output_size(n.height, n.filter, n.stride, 0),
            ow = sliding_output_size(n.width, n.filter, n.stride, 0);
  return {double(n.height) * n.width * n.channels, double(oh), double(ow), double(oh) * ow * n.filters,
          double(n.filter) * n.filter * n.channels};
}

// The numbers with the followed neuron and pixel moved inside what the (edited) sizes allow.
N fitted(N n) {
  n.out_row = std::clamp(n.out_row, 1, std::max(1, sliding_output_size(n.height, n.filter, n.stride, 0)));
  n.out_col = std::clamp(n.out_col, 1, std::max(1, sliding_output_size(n.width, n.filter, n.stride, 0)));
  n.in_row = std::clamp(n.in_row, 1, n.height);
  n.in_col = std::clamp(n.in_col, 1, n.width);
  return n;
}

// How many windows of one axis (side `size`, window f, stride s) cover position p (from 0).
int windows_over(int p, int size, int f, int s) {
  int count = 0;
  for (int i = 0; i * s + f <= size; ++i) count += i * s <= p && p < i * s + f;
  return count;
}

void count_steps(const N& n, const Sizes& z, Trace& t) {
  t.steps.push_back(
      {.id = "inputs",
       .group = kCounts,
       .title = "The image: its input values",
       .equations = {{"n_in = h·w·c", "{}·{}·{}", {double(n.height), double(n.width), double(n.channels)}, {z.n_in}}},
       .values = {scalar_value("n_in", z.n_in)},
       .note = "Every pixel of every colour channel is one input neuron. Jäppinen's example: a colour image of "
               "“32 x 32 x 3 = 1024 x 3 = 3072 different data points”."});
  t.steps.push_back(
      {.id = "outputs",
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
       .values = {scalar_value("out_h", z.out_h), scalar_value("out_w", z.out_w), scalar_value("n_out", z.n_out)},
       .note = fmt::format("k = {} blocks of {}×{} neurons: the size of a convolution's output. Both layers below have "
                           "these neurons; only their wiring differs.",
                           n.filters, z.out_h, z.out_w)});
  const double dense = z.n_in * z.n_out;
  t.steps.push_back({.id = "dense",
                     .group = kCounts,
                     .title = fmt::format("Fully connected: {} weights", dense),
                     .equations = {{"connections = n_in·n_out", "{}·{}", {z.n_in, z.n_out}, {dense}},
                                   {"parameters = n_in·n_out + n_out (a bias per neuron)",
                                    "{}·{} + {}",
                                    {z.n_in, z.n_out, z.n_out},
                                    {dense + z.n_out}}},
                     .values = {scalar_value("dense_weights", dense), scalar_value("dense_params", dense + z.n_out)},
                     .note =
                         "Every input is connected to every neuron, each connection with its own weight (dense "
                         "connectivity, Sougrati et al., ch. 3, Fig. 9). Jäppinen counts the connections, “all with "
                         "different weights to update, and this is only in the first layer”; the biases come on top."});
}

void sharing_steps(const N& n, const Sizes& z, Trace& t) {
  const double dense = z.n_in * z.n_out, local = z.window * z.n_out;
  t.steps.push_back(
      {.id = "local",
       .group = kCounts,
       .title = "Local windows: their weights",
       .equations = {{"connections = (f·f·c)·n_out",
                      "({}·{}·{})·{}",
                      {double(n.filter), double(n.filter), double(n.channels), z.n_out},
                      {local}},
                     {"share = local / dense", "{}/{}", {local, dense}, {local / dense}}},
       .values = {scalar_value("local_weights", local), scalar_value("local_share", local / dense)},
       .note = fmt::format("Each neuron sees only an f×f window of the image, through all its channels: {} of the "
                           "fully connected weights (Jäppinen: “less than 3%”). Nearby pixels go together; far ones "
                           "rarely do.",
                           format_percent(local / dense))});
  Conv2D<double> conv(n.channels, n.filters, n.filter);  // the core's layer, for its own count
  const double shared = z.window * n.filters, params = shared + n.filters, core = double(conv.param_count());
  t.steps.push_back(
      {.id = "shared",
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
       .values = {scalar_value("conv_weights", shared), scalar_value("conv_params", params),
                  scalar_value("core_conv_params", core), scalar_value("shared_share", shared / dense),
                  scalar_value("factor", dense / shared)},
       .note = fmt::format("All the neurons of one block use the same window of weights, a filter: {} of the fully "
                           "connected weights, {} times fewer. “This is the main idea of the convolution” (Jäppinen). "
                           "He counts the weights; each filter adds a bias.",
                           format_percent(shared / dense), format_number(dense / shared, 0))});
}

// Eq. 61 for pixel (r, c) from 0: min(i, f)·min(j, f), i and j its places counted from the nearest edges.
double eq61(const N& n, int r, int c) {
  const int i = std::min(r + 1, n.height - r), j = std::min(c + 1, n.width - c);
  return double(std::min(i, n.filter)) * std::min(j, n.filter);
}

void wiring_steps(const N& n, const Sizes& z, Trace& t) {
  t.steps.push_back(
      {.id = "incoming",
       .group = kWiring,
       .title = fmt::format("One neuron's inputs: {} against {}", z.n_in, z.window),
       .equations = {{"IC dense = n_in", "{}", {z.n_in}, {z.n_in}},
                     {"IC conv = f·f·c   (eq. 62)",
                      "{}·{}·{}",
                      {double(n.filter), double(n.filter), double(n.channels)},
                      {z.window}}},
       .values = {scalar_value("ic_dense", z.n_in), scalar_value("ic_conv", z.window)},
       .note = fmt::format("The plots: which pixels output neuron ({}, {}) of a block sees, in each channel. Fully "
                           "connected, all of them; convolutional, one f×f window (sparse connectivity).",
                           n.out_row, n.out_col)});
  std::vector<double> map;
  for (int r = 0; r < n.height; ++r)
    for (int c = 0; c < n.width; ++c)
      map.push_back(double(windows_over(r, n.height, n.filter, n.stride)) *
                    windows_over(c, n.width, n.filter, n.stride));
  const int r = n.in_row - 1, c = n.in_col - 1;
  const double counted = map[std::size_t(r * n.width + c)], formula = eq61(n, r, c);
  const auto [lo, hi] = std::minmax_element(map.begin(), map.end());
  Step s{.id = "outgoing",
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
         .values = {scalar_value("oc_counted", counted), scalar_value("oc_eq61", formula),
                    scalar_value("oc_all", n.filters * counted), scalar_value("oc_min", *lo),
                    scalar_value("oc_max", *hi), vector_value("oc_map", map)}};
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

class WhyConvolutionLesson final : public Lesson {
 public:
  WhyConvolutionLesson(LessonInfo info, std::vector<PrintedValue> printed, N numbers)
      : Lesson(std::move(info), std::move(printed)), n_(numbers) {}

  std::vector<Editable> editables() override {
    auto e = [](std::string group, std::string label, int* v, double lo, double hi) {
      return Editable{.group = std::move(group), .label = std::move(label), .min = lo, .max = hi, .integer = v};
    };
    return {e("Image", "h", &n_.height, 4, 64),
            e("Image", "w", &n_.width, 4, 64),
            e("Image", "c", &n_.channels, 1, 4),
            e("Layer", "f", &n_.filter, 1, 11),
            e("Layer", "k", &n_.filters, 1, 64),
            e("Layer", "s", &n_.stride, 1, 4),
            e("Follow", "output row", &n_.out_row, 1, 64),
            e("Follow", "output column", &n_.out_col, 1, 64),
            e("Follow", "input row", &n_.in_row, 1, 64),
            e("Follow", "input column", &n_.in_col, 1, 64)};
  }

  Trace run() const override { return run_why_convolution(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override;

 private:
  N n_;
};

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

std::vector<Figure> WhyConvolutionLesson::figures(const Trace& trace, int current) const {
  const N n = fitted(n_);
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[std::size_t(current)];
  if (s.id == "dense") return {seen_figure(n, true)};
  if (s.id == "local" || s.id == "shared" || s.id == "incoming") return {seen_figure(n, true), seen_figure(n, false)};
  const Value* map = s.find("oc_map");
  if (!map) return {};
  Figure f = matrix_figure("Outgoing connections of each input pixel, per block (Jäppinen, Fig. 11)", map->data,
                           n.height, n.width, false, n.height <= 12 && n.width <= 12);
  f.heatmaps[0].scale_label = "OC";
  add_window(f, n.in_row - 1, n.in_col - 1, 1, 1);
  return {std::move(f)};
}

}  // namespace

Trace run_why_convolution(const std::string& lesson_id, const WhyConvolutionNumbers& numbers) {
  Trace trace{lesson_id, {}};
  const N n = fitted(numbers);
  const Sizes z = sizes(n);
  if (z.out_h < 1 || z.out_w < 1) {
    trace.steps.push_back(
        {.id = "none",
         .group = kCounts,
         .title = "The filter does not fit",
         .note = fmt::format("A {}×{} filter does not fit a {}×{} image.", n.filter, n.filter, n.height, n.width)});
    return trace;
  }
  count_steps(n, z, trace);
  sharing_steps(n, z, trace);
  wiring_steps(n, z, trace);
  return trace;
}

std::unique_ptr<Lesson> make_why_convolution_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                    LessonTable& root) {
  N n;
  LessonTable image = root.table("image");
  n.height = image.integer("height", 4, 64);
  n.width = image.integer("width", 4, 64);
  n.channels = image.integer("channels", 1, 4);
  image.finish();
  LessonTable layer = root.table("layer");
  n.filter = layer.integer("filter", 1, 11);
  n.filters = layer.integer("filters", 1, 64);
  n.stride = layer.integer_or("stride", 1, 1, 4);
  layer.finish();
  if (n.filter > std::min(n.height, n.width))
    layer.fail("filter",
               fmt::format("a {}×{} filter does not fit a {}×{} image", n.filter, n.filter, n.height, n.width));
  LessonTable follow = root.table("follow");
  const std::vector<double> out = follow.numbers("output", 2, {1, 64}), in = follow.numbers("input", 2, {1, 64});
  follow.finish();
  n.out_row = int(out[0]), n.out_col = int(out[1]), n.in_row = int(in[0]), n.in_col = int(in[1]);
  if (n.out_row > sliding_output_size(n.height, n.filter, n.stride, 0) ||
      n.out_col > sliding_output_size(n.width, n.filter, n.stride, 0))
    follow.fail("output", "this output neuron is outside the convolution's output");
  if (n.in_row > n.height || n.in_col > n.width) follow.fail("input", "this pixel is outside the image");
  return std::make_unique<WhyConvolutionLesson>(std::move(info), std::move(printed), n);
}

}  // namespace neurostep
