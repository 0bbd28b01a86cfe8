// cnn_walk_lesson.cpp — the cnn-walk lesson around its engine (cnn_walk.cpp): reading the lesson
// file, the numbers a student edits, the plots of each step, and picking a cell by clicking it.
#include <fmt/format.h>

#include "core/io/idx.h"
#include "lessons/engines/cnn_walk.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

// A click on a plot reports kind·100000 + map·10000 + the cell's index in its map.
enum ClickKind { kConvClick = 1, kPoolClick = 2, kKernelClick = 3, kClassClick = 4 };
constexpr int click_id(ClickKind kind, int map) { return kind * 100000 + map * 10000; }

// One figure per map of a (maps, side, side) value, in their order (a click never moves a map);
// the picked cell outlined on its own map.
void add_maps(std::vector<Figure>& figs, const std::string& title, const Value* v, bool diverging, ClickKind click,
              const MapCell* picked, int outline = 1) {
  if (!v) return;
  const int maps = v->shape[0], rows = v->shape[1], cols = v->shape[2];
  const std::size_t plane = static_cast<std::size_t>(rows * cols);
  for (int m = 0; m < maps; ++m) {
    const std::vector<double> values(v->data.begin() + static_cast<std::ptrdiff_t>(m * plane),
                                     v->data.begin() + static_cast<std::ptrdiff_t>((m + 1) * plane));
    Figure f = matrix_figure(fmt::format("{}, map {}", title, m + 1), values, rows, cols, diverging, rows <= 8);
    f.heatmaps[0].click_id = click_id(click, m);
    if (picked && picked->map == m) add_window(f, picked->row * outline, picked->col * outline, outline, outline);
    figs.push_back(std::move(f));
  }
}

Figure class_figure(const std::string& title, const std::string& y_label, const std::vector<double>& values, int picked,
                    int label) {
  Figure f{
      .title = title, .x = {"class (click one to pick it)", -0.5, 9.5}, .y = {y_label, 0, 0}, .legend = Corner::Below};
  Series s{.kind = Series::Kind::Line, .label = y_label, .color = Color::Blue};
  for (int k = 0; k < 10; ++k) {
    s.x.push_back(k);
    s.y.push_back(values[static_cast<std::size_t>(k)]);
    s.ids.push_back(click_id(kClassClick, 0) + k);
  }
  f.series.push_back(std::move(s));
  f.series.push_back(point_series(fmt::format("true class {}", label), label, values[static_cast<std::size_t>(label)],
                                  Color::Green, 7));
  f.series.push_back(point_series(fmt::format("picked class {}", picked), picked,
                                  values[static_cast<std::size_t>(picked)], Color::Orange, 5));
  f.fit_axes();
  f.x.min = -0.5;
  f.x.max = 9.5;
  return f;
}

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
    return {{"z cell", "z_cell"}, {"a cell", "a_cell"},      {"p cell", "p_cell"},      {"z class", "z_class"},
            {"E", "E"},           {"∂E/∂W cell", "dW_cell"}, {"∂E/∂K cell", "dK_cell"}, {"E after", "E_after"}};
  }
  HistoryShape history() const override { return {.columns = history_columns(), .rows = HistoryShape::Rows::PerStep}; }
  bool on_figure_click(int id) override;
  bool use_drawing(const std::vector<float>& pixels) override {
    n_.use_drawing(pixels);
    follow_label();
    return n_.drawn;
  }
  std::vector<Figure> figures(const Trace& trace, int current) const override;

 private:
  void forward_figures(const Trace& trace, const std::string& id, std::vector<Figure>& figs) const;
  void backward_figures(const Trace& trace, const std::string& id, std::vector<Figure>& figs) const;
  Figure digit_figure(const Trace& trace, const std::string& title) const {
    const Value* d = trace.find("setup", "digit");
    return matrix_figure(title, d->data, d->shape[0], d->shape[1], false, false);
  }

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

std::vector<Figure> CnnWalkLesson::figures(const Trace& trace, int current) const {
  const std::string& id = trace.steps[static_cast<std::size_t>(current)].id;
  std::vector<Figure> figs;
  const bool drawing = n_.drawn && n_.digit == n_.images.dim(0) - 1;
  const int label = n_.labels[static_cast<std::size_t>(n_.digit)];
  if (id == "setup")
    figs.push_back(digit_figure(trace, drawing ? fmt::format("Your drawing, meant as a {}", label)
                                               : fmt::format("Image {} of the sample, a {}", n_.digit, label)));
  else if (id.rfind("forward", 0) == 0)
    forward_figures(trace, id, figs);
  else
    backward_figures(trace, id, figs);
  return figs;
}

void CnnWalkLesson::forward_figures(const Trace& trace, const std::string& id, std::vector<Figure>& figs) const {
  const int label = n_.labels[static_cast<std::size_t>(n_.digit)];
  if (id == "forward.conv") {
    add_maps(figs, "Z = X ⋆ K + b", trace.find(id, "Z"), true, kConvClick, &n_.conv_cell);
    Figure x = digit_figure(trace, "The digit X with the window");
    add_window(x, n_.conv_cell.row, n_.conv_cell.col, n_.kernel(), n_.kernel());
    figs.push_back(std::move(x));
    const int f = n_.conv_cell.map, kk = n_.kernel() * n_.kernel();
    const std::vector<double> kernel(n_.kernels.values().begin() + f * kk, n_.kernels.values().begin() + (f + 1) * kk);
    figs.push_back(matrix_figure(fmt::format("Kernel K[{}]", f), kernel, n_.kernel(), n_.kernel(), true));
  } else if (id == "forward.relu") {
    add_maps(figs, "A = max(0, Z)", trace.find(id, "A"), false, kConvClick, &n_.conv_cell);
  } else if (id == "forward.pool") {
    const Value* A = trace.find("forward.relu", "A");
    add_maps(figs, "A with the window", A, false, kConvClick, &n_.pool_cell, n_.pool);
    add_maps(figs, "P = max-pool(A)", trace.find(id, "P"), false, kPoolClick, &n_.pool_cell);
  } else if (id == "forward.dense") {
    figs.push_back(class_figure("Weighted sums z (logits)", "z", trace.find(id, "logits")->data, n_.class_cell, label));
    add_maps(figs, "P, the dense layer's input", trace.find("forward.pool", "P"), false, kPoolClick, nullptr);
  } else if (id == "forward.softmax") {
    figs.push_back(
        class_figure("Probabilities ŷ = softmax(z)", "ŷ", trace.find(id, "probabilities")->data, n_.class_cell, label));
  }
}

void CnnWalkLesson::backward_figures(const Trace& trace, const std::string& id, std::vector<Figure>& figs) const {
  const int label = n_.labels[static_cast<std::size_t>(n_.digit)];
  const int k = n_.kernel();
  const auto kernels = [&](const std::string& title, const Value* v) {
    add_maps(figs, title, v, true, kKernelClick, &n_.kernel_cell);
  };
  if (id == "backward.output") {
    figs.push_back(
        class_figure("δ = ŷ − y at the output", "δ", trace.find(id, "delta_out")->data, n_.class_cell, label));
  } else if (id == "backward.dense") {
    add_maps(figs, "δ_P = Wᵀδ", trace.find(id, "delta_P"), true, kPoolClick, &n_.pool_cell);
    const Value* dW = trace.find(id, "dW");
    const int p = n_.pooled_size(), inputs = n_.dense_inputs();
    const auto row = dW->data.begin() + static_cast<std::ptrdiff_t>(n_.class_cell * inputs);
    const Value dW_class{"dW", {n_.filters(), p, p}, std::vector<double>(row, row + inputs)};
    add_maps(figs, fmt::format("∂E/∂W[{},·] = δ[{}]·p", n_.class_cell, n_.class_cell), &dW_class, true, kPoolClick,
             &n_.pool_cell);
  } else if (id == "backward.pool") {
    add_maps(figs, "δ_A: δ_P routed to the winners", trace.find(id, "delta_A"), true, kConvClick, &n_.pool_cell,
             n_.pool);
  } else if (id == "backward.relu") {
    add_maps(figs, "δ_Z = δ_A·1[Z > 0]", trace.find(id, "delta_Z"), true, kConvClick, &n_.conv_cell);
  } else if (id == "backward.conv") {
    Figure x = digit_figure(
        trace, fmt::format("X under K[{},{},{}]", n_.kernel_cell.map, n_.kernel_cell.row, n_.kernel_cell.col));
    add_window(x, n_.kernel_cell.row, n_.kernel_cell.col, n_.conv_size(), n_.conv_size());
    figs.push_back(std::move(x));
    kernels("∂E/∂K", trace.find("backward.conv", "dK"));
  } else if (id == "update" || id == "train") {
    const Value before{"K", {n_.filters(), k, k}, n_.kernels.values()};
    kernels(id == "update" ? "K after one step" : "K after training", trace.find(id, "K_after"));
    kernels("K before", &before);
  }
  if (id == "train") {
    std::vector<double> losses = {trace.find("update", "E_before")->scalar()};
    for (double E : trace.find(id, "losses")->data) losses.push_back(E);
    Figure f{.title = "E on this digit, step by step", .x = {"gradient-descent steps taken", 0, 0}, .y = {"E", 0, 0}};
    Series s{.label = "E", .color = Color::Purple};
    for (std::size_t i = 0; i < losses.size(); ++i) {
      s.x.push_back(static_cast<double>(i));
      s.y.push_back(losses[i]);
    }
    f.series.push_back(std::move(s));
    f.fit_axes();
    f.y.min = 0;
    figs.insert(figs.begin(), std::move(f));
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

std::unique_ptr<Lesson> make_cnn_walk_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
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

}  // namespace neurostep
