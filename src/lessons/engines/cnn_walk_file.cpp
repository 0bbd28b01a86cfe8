// cnn_walk_file.cpp — the cnn-walk lesson around its steps (cnn_walk.cpp): reading the lesson
// file, the numbers a student edits, picking a cell by clicking it, and make_cnn_walk_lesson.
#include <fmt/format.h>

#include "core/io/idx.h"
#include "lessons/engines/cnn_walk.h"
#include "lessons/engines/cnn_walk_figures.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

using namespace cnn_walk_figures;
namespace ids = cnn_walk_ids;

class CnnWalkLesson final : public Lesson, public ClickableFigures, public TakesDrawing, public HasNetworkSpec {
 public:
  CnnWalkLesson(LessonInfo info, std::vector<PrintedValue> printed, CnnWalkNumbers numbers)
      : Lesson(std::move(info), std::move(printed)),
        n_(std::move(numbers)),
        drawn_seed_(n_.seed),
        shown_label_(label()) {}

  std::vector<Editable> editables() override;
  void numbers_changed() override {
    if (n_.seed != drawn_seed_) n_.draw_dense_weights();
    drawn_seed_ = n_.seed;
    n_.clamp_cells();
    follow_label();
  }
  Trace run() const override { return run_cnn_walk(info_.id, n_); }
  ModelSpec network_spec() const override { return cnn_walk_spec(n_); }
  // A row per layer forward and back: the picked cell's sum, then E, the gradients, E after.
  std::vector<HistoryColumn> history_columns() const {
    return {{"z cell", ids::kZCell},      {"a cell", ids::kACell},  {"p cell", ids::kPCell},
            {"z class", ids::kZClass},    {"E", ids::kE},           {"∂E/∂W cell", ids::kDWCell},
            {"∂E/∂K cell", ids::kDKCell}, {"E after", ids::kEAfter}};
  }
  HistoryShape history() const override { return {.columns = history_columns(), .rows = HistoryShape::Rows::PerStep}; }
  bool on_figure_click(int id) override;
  bool use_drawing(const std::vector<float>& pixels) override {
    n_.use_drawing(pixels);
    follow_label();
    return n_.drawn;
  }
  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return cnn_walk_figures::figures_of_step(n_, trace, current);
  }

 private:
  int label() const { return n_.labels[static_cast<std::size_t>(n_.digit)]; }
  // The picked class follows the digit's label (another digit, a variant, a drawing) while it is
  // the label; a class the student picked stays.
  void follow_label() {
    if (label() != shown_label_ && n_.class_cell == shown_label_) n_.class_cell = label();
    shown_label_ = label();
  }

  CnnWalkNumbers n_;
  int drawn_seed_;
  int shown_label_;  // the digit's label when the class last followed it
};

std::vector<Editable> CnnWalkLesson::editables() {
  std::vector<Editable> e;
  e.push_back({.group = "Digit",
               .label = n_.drawn ? "image (the last is your drawing)" : "image of the sample",
               .min = 0,
               .max = static_cast<double>(n_.images.dim(0) - 1),
               .integer = &n_.digit});
  if (n_.drawn)
    e.push_back({.group = "Digit", .label = "your drawing is a", .min = 0, .max = 9, .integer = &n_.labels.back()});
  const int k = n_.kernel();
  for (std::size_t i = 0; i < n_.kernels.size(); ++i) {
    const int f = static_cast<int>(i) / (k * k), r = static_cast<int>(i) / k % k, c = static_cast<int>(i) % k;
    e.push_back(
        {fmt::format("Kernel {}", f + 1), fmt::format("K[{},{},{}]", f + 1, r + 1, c + 1), &n_.kernels[i], -3, 3});
  }
  for (std::size_t f = 0; f < n_.kernel_bias.size(); ++f)
    e.push_back({fmt::format("Kernel {}", f + 1), fmt::format("b[{}]", f + 1), &n_.kernel_bias[f], -3, 3});
  e.push_back({.group = "Training", .label = "η", .number = &n_.learning_rate, .min = 0.001, .max = 2});
  e.push_back({.group = "Training", .label = "more steps", .min = 0, .max = 200, .integer = &n_.train_steps});
  e.push_back(
      {.group = "Training", .label = "seed of the dense weights", .min = 1, .max = 1'000'000, .integer = &n_.seed});
  const int F = n_.filters() - 1, side = n_.conv_size() - 1, pooled = n_.pooled_size() - 1;
  for (auto [name, cell, last] : {std::tuple{"conv cell", &n_.conv_cell, side},
                                  {"pooled cell", &n_.pool_cell, pooled},
                                  {"kernel cell", &n_.kernel_cell, k - 1}}) {
    e.push_back({.group = "Picked cells",
                 .label = fmt::format("{}: map", name),
                 .min = 0,
                 .max = static_cast<double>(F),
                 .integer = &cell->map,
                 .shown_from = 1});
    e.push_back({.group = "Picked cells",
                 .label = fmt::format("{}: row", name),
                 .min = 0,
                 .max = static_cast<double>(last),
                 .integer = &cell->row,
                 .shown_from = 1});
    e.push_back({.group = "Picked cells",
                 .label = fmt::format("{}: column", name),
                 .min = 0,
                 .max = static_cast<double>(last),
                 .integer = &cell->col,
                 .shown_from = 1});
  }
  e.push_back({.group = "Picked cells", .label = "class", .min = 0, .max = 9, .integer = &n_.class_cell});
  return e;
}

bool CnnWalkLesson::on_figure_click(int id) {
  const int kind = id / 100000, map = id % 100000 / 10000, cell = id % 10000;
  const auto pick = [&](MapCell& c, int cols) {
    const MapCell picked{map, cell / cols, cell % cols};
    if (picked.map == c.map && picked.row == c.row && picked.col == c.col) return false;
    c = picked;
    return true;
  };
  switch (kind) {
    case kConvClick: return pick(n_.conv_cell, n_.conv_size());
    case kPoolClick: return pick(n_.pool_cell, n_.pooled_size());
    case kKernelClick: return pick(n_.kernel_cell, n_.kernel());
    case kClassClick:
      if (cell == n_.class_cell) return false;
      n_.class_cell = cell;
      return true;
    default: return false;
  }
}

MapCell read_cell(LessonTable& t, std::string_view key) {
  const std::vector<double> v = t.numbers(key, 3, {0, 100});
  return {static_cast<int>(v[0]), static_cast<int>(v[1]), static_cast<int>(v[2])};
}

void read_digits(LessonTable& d, CnnWalkNumbers& n) {
  const auto images = d.file("images"), labels = d.file("labels");
  try {
    const ImageSet set = load_image_set(images, labels);
    if (set.rows != set.cols || set.rows < 8 || set.rows > 64)
      d.fail("images", fmt::format("the digits must be square, 8 to 64 pixels, not {}×{}", set.rows, set.cols));
    n.images = Tensor<double>({set.count, set.rows, set.cols});
    for (std::size_t i = 0; i < set.pixels.size(); ++i) n.images[i] = set.pixels[i] / 255.0;
    n.labels.assign(set.labels.begin(), set.labels.end());
  } catch (const DataError& e) {
    d.fail("images", e.what());
  }
  n.digit = d.integer("index", 0, n.images.dim(0) - 1);
}

void read_network(LessonTable& t, CnnWalkNumbers& n) {
  const Tensor<double> kernels = t.array("kernels", 3, 8, {-3, 3});
  if (kernels.dim(1) != kernels.dim(2))
    t.fail("kernels", fmt::format("each kernel must be square, not {}×{}", kernels.dim(1), kernels.dim(2)));
  n.kernels = kernels.reshaped({kernels.dim(0), 1, kernels.dim(1), kernels.dim(2)});
  const std::vector<double> bias = t.numbers("bias", static_cast<std::size_t>(n.filters()), {-3, 3});
  n.kernel_bias = Tensor<double>({n.filters()}, bias);
  n.pool = t.integer_or("pool", 2, 1, 4);
  if (n.conv_size() < n.pool)
    t.fail("kernels", fmt::format("a {0}×{0} kernel leaves no room for {1}×{1} pooling", n.kernel(), n.pool));
  n.seed = t.integer_or("seed", 1, 1, 1'000'000);
  n.learning_rate = t.number_or("learning_rate", 0.1, {0.001, 2});
  n.train_steps = t.integer_or("train_steps", 20, 0, 200);
}

void read_picks(LessonTable& p, CnnWalkNumbers& n) {
  const auto check = [&](std::string_view key, const MapCell& c, int side) {
    if (c.map >= n.filters() || c.row >= side || c.col >= side)
      p.fail(key,
             fmt::format("[{}, {}, {}] is outside the {} maps of {}×{}", c.map, c.row, c.col, n.filters(), side, side));
  };
  n.conv_cell = read_cell(p, "conv_cell");
  check("conv_cell", n.conv_cell, n.conv_size());
  n.pool_cell = read_cell(p, "pool_cell");
  check("pool_cell", n.pool_cell, n.pooled_size());
  n.kernel_cell = read_cell(p, "kernel_cell");
  check("kernel_cell", n.kernel_cell, n.kernel());
  n.class_cell = p.integer_or("class", n.labels[static_cast<std::size_t>(n.digit)], 0, 9);
}

}  // namespace

static std::unique_ptr<Lesson> make_cnn_walk_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                    LessonTable& root) {
  CnnWalkNumbers n;
  LessonTable digit = root.table("digit");
  read_digits(digit, n);
  digit.finish();
  LessonTable network = root.table("network");
  read_network(network, n);
  network.finish();
  LessonTable pick = root.table("pick");
  read_picks(pick, n);
  pick.finish();
  n.draw_dense_weights();
  return std::make_unique<CnnWalkLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind cnn_walk_kind() {
  return {.name = "cnn-walk",
          .description =
              "one digit through a whole small CNN, forward and backward, and one update (Jäppinen 2024, §3.4–3.5)",
          .make = make_cnn_walk_lesson,
          .default_exercises = {default_exercise(cnn_walk_ids::kForwardConv, cnn_walk_ids::kZCell),
                                default_exercise(cnn_walk_ids::kForwardSoftmax, cnn_walk_ids::kE),
                                default_exercise(cnn_walk_ids::kBackwardOutput, cnn_walk_ids::kDeltaOut)}};
}

}  // namespace neurostep
