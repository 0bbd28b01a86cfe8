#include "lessons/engines/why_convolution.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/conv2d.h"
#include "lessons/engines/why_convolution_figures.h"

namespace neurostep {

namespace {

using N = WhyConvolutionNumbers;

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

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return why_convolution_figures(trace, current, n_);
  }

 private:
  N n_;
};

}  // namespace

static std::unique_ptr<Lesson> make_why_convolution_lesson(LessonInfo info, std::vector<PrintedValue> printed,
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

LessonKind why_convolution_kind() {
  return {
      .name = "why-convolution",
      .description =
          "the weights of a fully connected layer against local windows and shared filters, and the wiring (Jäppinen "
          "2024, §3, eqs. 60–62)",
      .make = make_why_convolution_lesson,
      .default_exercises = {default_exercise(why_convolution_ids::kOutputs, why_convolution_ids::kNOut),
                            default_exercise(why_convolution_ids::kLocal, why_convolution_ids::kLocalWeights),
                            default_exercise(why_convolution_ids::kShared, why_convolution_ids::kConvParams)}};
}

}  // namespace neurostep
