#include "lessons/training/training_figures.h"

#include <fmt/format.h>

#include <algorithm>

namespace neurostep {

std::vector<Figure> training_figures(const TrainingSnapshot& s) {
  std::vector<Figure> figs;
  const double epochs = std::max(1, s.epochs);
  for (const bool accuracy : {false, true}) {
    const char* loss = s.sigmoid_outputs ? "Loss (squared error ½ Σ (t − o)²)" : "Loss (softmax cross-entropy)";
    Figure f{.title = accuracy ? "Accuracy" : loss, .x = {"epoch", 0, epochs}, .y = {accuracy ? "accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    const Curves& c = s.curves;
    f.series.push_back({.kind = Series::Kind::Line, .label = "training", .x = c.at, .y = accuracy ? c.accuracy : c.loss, .color = Color::Blue, .width = 1.5f});
    f.series.push_back({.kind = Series::Kind::Line, .label = "validation", .x = c.val_epoch, .y = accuracy ? c.val_accuracy : c.val_loss,
                        .color = Color::Orange, .width = 2.5f});
    f.series.push_back({.kind = Series::Kind::Scatter, .x = c.val_epoch, .y = accuracy ? c.val_accuracy : c.val_loss, .color = Color::Orange, .width = 4});
    f.fit_axes();
    f.x = {"epoch", 0, epochs};
    if (accuracy) f.y.max = std::min(f.y.max, 1.0);
    else f.y.min = std::max(f.y.min, 0.0);
    figs.push_back(std::move(f));
  }
  if (s.test)
    for (Figure& f : evaluation_figures(*s.test)) figs.push_back(std::move(f));
  return figs;
}

std::vector<Figure> comparison_figures(const TrainingSnapshot& s) {
  std::vector<Curves> runs = s.compared;
  if (s.compare_run > static_cast<int>(runs.size())) runs.push_back(s.curves);  // the run going on
  if (runs.empty()) return {};
  const double epochs = std::max(1, s.epochs);
  const Color colors[] = {Color::Gray, Color::Green, Color::Purple, Color::Red};
  std::vector<Figure> figs;
  for (const bool accuracy : {true, false}) {
    Figure f{.title = accuracy ? "Optimizers compared: validation accuracy (seed 003 Fig. 22)"
                               : "Optimizers compared: training loss",
             .x = {"epoch", 0, epochs}, .y = {accuracy ? "validation accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    for (std::size_t k = 0; k < runs.size(); ++k) {
      const Curves& c = runs[k];
      const Color color = colors[k % 4];
      const std::string label = k < s.compared.size() ? fmt::format("{} → test {:.2f}%", c.label, 100 * c.test_accuracy) : c.label;
      if (accuracy) {
        f.series.push_back({.kind = Series::Kind::Line, .label = label, .x = c.val_epoch, .y = c.val_accuracy, .color = color, .width = 2.5f});
        f.series.push_back({.kind = Series::Kind::Scatter, .x = c.val_epoch, .y = c.val_accuracy, .color = color, .width = 4});
      } else {
        f.series.push_back({.kind = Series::Kind::Line, .label = label, .x = c.at, .y = c.loss, .color = color, .width = 1.5f});
      }
    }
    f.fit_axes();
    f.x = {"epoch", 0, epochs};
    if (accuracy) f.y.max = std::min(f.y.max, 1.0);
    else f.y.min = std::max(f.y.min, 0.0);
    figs.push_back(std::move(f));
  }
  return figs;
}

std::vector<Figure> evaluation_figures(const Evaluation& e) {
  std::vector<double> counts(e.confusion.begin(), e.confusion.end());
  Figure c = matrix_figure("Confusion matrix of the test set (row: true digit, column: predicted)", counts, 10, 10, false, true);
  c.heatmaps[0].scale_label = "images";
  Figure per{.title = "Accuracy of each digit on the test set", .x = {"digit", -0.5, 9.5}, .y = {"accuracy", 0, 1.02}};
  Series dots{.kind = Series::Kind::Scatter, .label = "correct / all images of the digit", .color = Color::Blue, .width = 5};
  for (int d = 0; d < 10; ++d) {
    int all = 0;
    for (int p = 0; p < 10; ++p) all += e.confusion[static_cast<std::size_t>(d * 10 + p)];
    const double acc = all ? static_cast<double>(e.confusion[static_cast<std::size_t>(d * 11)]) / all : 0;
    per.series.push_back({.kind = Series::Kind::Line, .x = {double(d), double(d)}, .y = {0, acc}, .color = Color::Blue, .width = 8});
    dots.x.push_back(d);
    dots.y.push_back(acc);
  }
  per.series.push_back(dots);
  per.legend = Corner::BottomLeft;
  return {std::move(c), std::move(per)};
}

}  // namespace neurostep
