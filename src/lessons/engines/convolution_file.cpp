// convolution_file.cpp — the kind convolution's lesson file ([filters], [sliding], [learning], [channels])
// read into its numbers, and its Lesson: the history's columns, the editable numbers, the trace, the figures.
#include "lessons/engines/convolution.h"

#include <fmt/format.h>

#include <algorithm>

#include "lessons/engines/activation_choice.h"
#include "lessons/engines/convolution_figures.h"
#include "lessons/framework/digit_file.h"

namespace neurostep {

namespace ids = convolution_ids;

namespace {

class ConvolutionLesson final : public Lesson {
 public:
  ConvolutionLesson(LessonInfo info, std::vector<PrintedValue> printed, ConvolutionNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  // A row per step that computes a number: a filter's kernel sum, each output cell of the sliding
  // window, the error, each ∂C/∂K and ∂C/∂X cell, the error after the update.
  std::vector<HistoryColumn> history_columns() const {
    return {{"kernel sum", ids::kKernelSum},
            {"z", ids::kZ},
            {"C", ids::kC},
            {"δ", ids::kDeltaF},
            {"∂C/∂K cell", ids::kDKCell},
            {"∂C/∂X cell", ids::kDXCell},
            {"C after", ids::kCAfter}};
  }
  HistoryShape history() const override { return {.columns = history_columns(), .rows = HistoryShape::Rows::PerStep}; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    e.push_back({.group = "A. Filters", .label = "stride", .min = 1, .max = 4, .integer = &n_.stride});
    e.push_back({.group = "A. Filters", .label = "zero padding", .min = 0, .max = 4, .integer = &n_.padding});
    const int ck = n_.custom.dim(0);
    for (int p = 0; p < ck; ++p)
      for (int q = 0; q < ck; ++q)
        e.push_back({"A. Your kernel", fmt::format("k[{},{}]", p + 1, q + 1),
                     &n_.custom[static_cast<std::size_t>(p * ck + q)]});
    const int k = n_.kernel.dim(0);
    for (int p = 0; p < k; ++p)
      for (int q = 0; q < k; ++q)
        e.push_back(
            {"B–C. Kernel", fmt::format("K[{},{}]", p + 1, q + 1), &n_.kernel[static_cast<std::size_t>(p * k + q)]});
    const int w = n_.input.dim(1);
    for (std::size_t i = 0; i < n_.input.size(); ++i)
      e.push_back({"B–C. Input", fmt::format("X[{},{}]", static_cast<int>(i) / w + 1, static_cast<int>(i) % w + 1),
                   &n_.input[i]});
    e.push_back({"C. Learning", "target y", &n_.target, 0, 1});
    e.push_back({"C. Learning", "η", &n_.learning_rate, 0, 100});
    e.push_back(choice_editable("C. Learning", "activation g", n_.activation, activation_choices()));
    return e;
  }

  Trace run() const override { return run_convolution(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return convolution_figures(n_, trace, current);
  }

 private:
  ConvolutionNumbers n_;
};

// [filters]: the digit, the presets, the student's kernel, stride and padding (part A).
void read_filters(LessonTable& root, ConvolutionNumbers& n) {
  LessonTable a = root.table("filters");
  n.digit = read_digit(a, "digit_file", "digit_index");
  n.presets = a.has("presets") ? a.texts("presets") : kernel_preset_names();
  for (const std::string& name : n.presets)
    if (kernel_preset(name).empty()) {
      std::string known;
      for (const auto& k : kernel_preset_names()) known += (known.empty() ? "" : ", ") + k;
      a.fail("presets", fmt::format("unknown kernel '{}' (known: {})", name, known));
    }
  n.custom = a.has("custom") ? a.array("custom", 2, 7, {-100, 100}) : kernel_preset("sobel-y");
  if (n.custom.dim(0) != n.custom.dim(1)) a.fail("custom", "'custom' must be a square kernel");
  n.stride = a.integer_or("stride", 1, 1, 4);
  n.padding = a.integer_or("padding", 0, 0, 4);
  a.finish();
}

// [sliding]: the input and the kernel of parts B and C.
void read_sliding(LessonTable& root, ConvolutionNumbers& n) {
  LessonTable b = root.table("sliding");
  n.input = b.array("input", 2, 12, {-100, 100});
  n.kernel = b.array("kernel", 2, 5, {-100, 100});
  b.finish();
  if (n.kernel.dim(0) != n.kernel.dim(1)) root.fail("sliding", "the kernel must be square");
  if (n.kernel.dim(0) > std::min(n.input.dim(0), n.input.dim(1)))
    root.fail("sliding", "the kernel must fit inside the input");
}

// [learning]: the fully connected unit after the feature map, the target, η and g (part C).
void read_learning(LessonTable& root, ConvolutionNumbers& n) {
  LessonTable c = root.table("learning");
  const int oh = n.input.dim(0) - n.kernel.dim(0) + 1, ow = n.input.dim(1) - n.kernel.dim(1) + 1;
  n.fc_weights = c.array("fc_weights", 2, 12, {-100, 100});
  if (n.fc_weights.dim(0) != oh || n.fc_weights.dim(1) != ow)
    c.fail("fc_weights", fmt::format("'fc_weights' needs one weight per feature-map cell: {}×{}", oh, ow));
  n.fc_bias = c.number_or("fc_bias", 0, {-100, 100});
  n.target = c.number("target", {0, 1});
  n.learning_rate = c.number("learning_rate", {0, 1000});
  n.activation = c.choice_of("activation", activation_choices(), ActivationKind::Sigmoid);
  c.finish();
}

// [channels]: the two-channel input and kernel (part D).
void read_channels(LessonTable& root, ConvolutionNumbers& n) {
  LessonTable d = root.table("channels");
  n.input2 = d.array("input", 3, 8, {-100, 100});
  n.kernel2 = d.array("kernel", 3, 5, {-100, 100});
  d.finish();
  if (n.input2.dim(0) != n.kernel2.dim(0)) root.fail("channels", "the kernel needs one slice per input channel");
  if (n.kernel2.dim(1) != n.kernel2.dim(2) || n.kernel2.dim(1) > n.input2.dim(1) || n.kernel2.dim(1) > n.input2.dim(2))
    root.fail("channels", "the kernel slices must be square and fit inside the input");
}

}  // namespace

static std::unique_ptr<Lesson> make_convolution_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                       LessonTable& root) {
  ConvolutionNumbers n;
  read_filters(root, n);
  read_sliding(root, n);
  read_learning(root, n);
  read_channels(root, n);
  return std::make_unique<ConvolutionLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind convolution_kind() {
  return {
      .name = "convolution",
      .description =
          "filters on a digit, the sliding window, and how a filter learns (Lazović 2020, §3; Jäppinen 2024, §3.5.1)",
      .make = make_convolution_lesson,
      .default_exercises = {default_exercise(convolution_ids::kLearningForward, convolution_ids::kC),
                            default_exercise(convolution_ids::kLearningDeltaF, convolution_ids::kDeltaF),
                            default_exercise(convolution_ids::kKernelGradients, convolution_ids::kDKCell)}};
}

}  // namespace neurostep
