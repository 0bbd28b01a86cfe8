#include "lessons/training/training_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figure/number_text.h"

namespace neurostep {

namespace {
// A curve plot over the epochs: the x axis from 0 to `epochs`, accuracy at most 1, a loss from 0.
void fit_epoch_axes(Figure& f, double epochs, bool accuracy) {
  f.fit_axes();
  f.x = {"epoch", 0, epochs};
  if (accuracy)
    f.y.max = std::min(f.y.max, 1.0);
  else
    f.y.min = std::max(f.y.min, 0.0);
}
}  // namespace

std::vector<Figure> training_figures(const TrainingSnapshot& s) {
  std::vector<Figure> figs;
  const double epochs = std::max(1, s.epochs);
  for (const bool accuracy : {false, true}) {
    const char* loss = s.sigmoid_outputs ? "Loss (squared error ½ Σ (t − o)²)" : "Loss (softmax cross-entropy)";
    Figure f{.title = accuracy ? "Accuracy" : loss,
             .x = {"epoch", 0, epochs},
             .y = {accuracy ? "accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    const Curves& c = s.curves;
    f.series.push_back({.kind = Series::Kind::Line,
                        .label = "training",
                        .x = c.at,
                        .y = accuracy ? c.accuracy : c.loss,
                        .color = Color::Blue,
                        .width = 1.5f});
    f.series.push_back({.kind = Series::Kind::Line,
                        .label = "validation",
                        .x = c.val_epoch,
                        .y = accuracy ? c.val_accuracy : c.val_loss,
                        .color = Color::Orange,
                        .width = 2.5f});
    f.series.push_back({.kind = Series::Kind::Scatter,
                        .x = c.val_epoch,
                        .y = accuracy ? c.val_accuracy : c.val_loss,
                        .color = Color::Orange,
                        .width = 4});
    fit_epoch_axes(f, epochs, accuracy);
    figs.push_back(std::move(f));
  }
  if (s.test)
    for (Figure& f : evaluation_figures(*s.test, s.class_names)) figs.push_back(std::move(f));
  return figs;
}

std::vector<Figure> batchnorm_figures(const TrainingSnapshot& s) {
  if (s.batchnorm.empty()) return {};
  const Color colors[] = {Color::Cyan, Color::Blue, Color::Purple, Color::Orange, Color::Red, Color::Brown};
  double lo = 0, hi = 0;  // one x range for both plots, so that their widths compare at a glance
  for (const BatchNormSnapshot& b : s.batchnorm)
    for (const Distribution* d : {&b.input, &b.output})
      if (!d->x.empty()) {
        lo = std::min(lo, d->x.front());
        hi = std::max(hi, d->x.back());
      }
  std::vector<Figure> figs;
  for (const bool output : {false, true}) {
    Figure f{
        .title =
            output ? fmt::format("What it gives: γ·x̂ + β, normalized with the running μ and σ² ({})", s.batchnorm_layer)
                   : fmt::format("What batch normalization receives ({}), 128 held-out images", s.batchnorm_layer),
        .x = {output ? "output value" : "input value", 0, 0},
        .y = {"density", 0, 0},
        .legend = Corner::Below};
    for (std::size_t k = 0; k < s.batchnorm.size(); ++k) {
      const BatchNormSnapshot& b = s.batchnorm[k];
      const Distribution& d = output ? b.output : b.input;
      const Color color = k + 1 == s.batchnorm.size() ? Color::Red : colors[k % 6];
      f.series.push_back(
          {.kind = Series::Kind::Line,
           .label = fmt::format("epoch {}: mean {}, sd {}", b.epoch, format_number(d.mean, 2), format_number(d.sd, 2)),
           .x = d.x,
           .y = d.density,
           .color = color,
           .width = k + 1 == s.batchnorm.size() ? 2.5f : 1.5f});
    }
    f.fit_axes();
    f.x.min = lo;
    f.x.max = hi;
    f.y.min = 0;
    figs.push_back(std::move(f));
  }
  return figs;
}

namespace {

// With and without dropout: training accuracy (per report, with dropout on while it trains) and
// validation accuracy (per epoch) of both runs in one plot, and the same for the loss.
std::vector<Figure> dropout_figures(const std::vector<Curves>& runs, const TrainingSnapshot& s) {
  const double epochs = std::max(1, s.epochs);
  const Color colors[] = {Color::Blue, Color::Red};
  std::vector<Figure> figs;
  for (const bool accuracy : {true, false}) {
    Figure f{.title = accuracy ? "With and without dropout: accuracy (solid: training, dashed: validation)"
                               : "With and without dropout: loss (solid: training, dashed: validation)",
             .x = {"epoch", 0, epochs},
             .y = {accuracy ? "accuracy" : "loss", 0, 0},
             .legend = Corner::Below};
    for (std::size_t k = 0; k < runs.size(); ++k) {
      const Curves& c = runs[k];
      const Color color = colors[k % 2];
      const std::string test = k < s.compared.size() ? fmt::format(" → test {:.2f}%", 100 * c.test_accuracy) : "";
      f.series.push_back({.kind = Series::Kind::Line,
                          .label = c.label + ", training",
                          .x = c.at,
                          .y = accuracy ? c.accuracy : c.loss,
                          .color = color,
                          .width = 1.5f});
      f.series.push_back({.kind = Series::Kind::Line,
                          .label = c.label + ", validation" + test,
                          .x = c.val_epoch,
                          .y = accuracy ? c.val_accuracy : c.val_loss,
                          .color = color,
                          .width = 2.5f,
                          .dashed = true});
    }
    fit_epoch_axes(f, epochs, accuracy);
    figs.push_back(std::move(f));
  }
  return figs;
}

}  // namespace

const char* comparison_title(Comparison comparison) {
  switch (comparison) {
    case Comparison::Dropout: return "With and without dropout";
    case Comparison::Activations: return "Sigmoid against leaky ReLU";
    case Comparison::Models: return "Models compared";
    default: return "Compare optimizers";
  }
}

namespace {

// The titles of a comparison's two plots: validation accuracy, then training loss.
std::pair<std::string, std::string> comparison_plot_titles(Comparison comparison) {
  switch (comparison) {
    case Comparison::Activations:
      return {"Sigmoid against leaky ReLU, the same weights and order: validation accuracy (Creus & Picón, §III)",
              "Sigmoid against leaky ReLU: training loss"};
    case Comparison::Models:
      return {"Two models on the same data in the same order: validation accuracy (Jäppinen 2024, Fig. 35)",
              "Two models: training loss"};
    default:
      return {"Optimizers compared: validation accuracy (Sougrati et al., Fig. 22)",
              "Optimizers compared: training loss"};
  }
}

}  // namespace

std::vector<Figure> comparison_figures(const TrainingSnapshot& s) {
  std::vector<Curves> runs = s.compared;
  if (s.compare_run > static_cast<int>(runs.size())) runs.push_back(s.curves);  // the run going on
  if (runs.empty()) return {};
  const double epochs = std::max(1, s.epochs);
  if (s.comparison == Comparison::Dropout) return dropout_figures(runs, s);
  const Color colors[] = {Color::Gray, Color::Green, Color::Purple, Color::Red};
  const Color pair[] = {Color::Blue, Color::Red};
  const auto [accuracy_title, loss_title] = comparison_plot_titles(s.comparison);
  std::vector<Figure> figs;
  for (const bool accuracy : {true, false}) {
    Figure f{.title = accuracy ? accuracy_title : loss_title,
             .x = {"epoch", 0, epochs},
             .y = {accuracy ? "validation accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    if (s.comparison == Comparison::Models) f.legend = Corner::Below;  // the models' names are long
    for (std::size_t k = 0; k < runs.size(); ++k) {
      const Curves& c = runs[k];
      const Color color = s.compare_runs == 2 ? pair[k % 2] : colors[k % 4];
      const std::string label =
          k < s.compared.size() ? fmt::format("{} → test {:.2f}%", c.label, 100 * c.test_accuracy) : c.label;
      if (accuracy) {
        f.series.push_back({.kind = Series::Kind::Line,
                            .label = label,
                            .x = c.val_epoch,
                            .y = c.val_accuracy,
                            .color = color,
                            .width = 2.5f});
        f.series.push_back(
            {.kind = Series::Kind::Scatter, .x = c.val_epoch, .y = c.val_accuracy, .color = color, .width = 4});
      } else {
        f.series.push_back(
            {.kind = Series::Kind::Line, .label = label, .x = c.at, .y = c.loss, .color = color, .width = 1.5f});
      }
    }
    fit_epoch_axes(f, epochs, accuracy);
    figs.push_back(std::move(f));
  }
  return figs;
}

namespace {

// "91.23%": a measured accuracy as the notes write it.
std::string percent(double accuracy) { return fmt::format("{:.2f}%", 100 * accuracy); }
double best_validation(const Curves& c) {
  return c.val_accuracy.empty() ? 0 : *std::max_element(c.val_accuracy.begin(), c.val_accuracy.end());
}

}  // namespace

std::string comparison_note(const TrainingSnapshot& s) {
  if (s.compared.size() != 2 || (s.comparison != Comparison::Activations && s.comparison != Comparison::Models))
    return "";
  const Curves &a = s.compared[0], &b = s.compared[1];
  const double points = 100 * (b.test_accuracy - a.test_accuracy);  // percentage points
  const std::string measured = fmt::format(
      "Measured here after {} epoch{}: {}, {} on the test set (best validation accuracy {}); {}, {} (best validation "
      "{}). The difference, "
      "second − first: {} percentage points.",
      s.epochs, s.epochs == 1 ? "" : "s", a.label, percent(a.test_accuracy), percent(best_validation(a)), b.label,
      percent(b.test_accuracy), percent(best_validation(b)), with_real_minus(fmt::format("{:+.2f}", points)));
  if (s.comparison == Comparison::Activations)
    return fmt::format(
        "{} That is {}double digits. Creus & Picón (§III), of their own network: “That is how the leaky ReLU was found "
        "and it improved the precision by double digits.”",
        measured, points >= 10 ? "" : "not ");
  return fmt::format(
      "{} Jäppinen 2024 on Fashion-MNIST: the fully connected network's “validation accuracy rises above 0.875” "
      "(§5.2.1), the CNN's “validation accuracy is around 0.9” (§5.2.2), and “the CNN model gives better results” "
      "(§5.3).",
      measured);
}

// "; classes 0 airplane, 1 automobile, …, 9 truck", or nothing for a data set without names.
std::string named_classes(const std::vector<std::string>& class_names) {
  std::string names;
  for (std::size_t k = 0; k < class_names.size(); ++k)
    names += fmt::format("{}{} {}", k ? ", " : "; classes ", k, class_names[k]);
  return names;
}

Figure confusion_figure(const std::string& title, const std::vector<int>& confusion,
                        const std::vector<std::string>& class_names) {
  const int n = static_cast<int>(std::lround(std::sqrt(static_cast<double>(confusion.size()))));
  Figure c = matrix_figure(fmt::format("{} (row: true class, column: predicted{})", title, named_classes(class_names)),
                           std::vector<double>(confusion.begin(), confusion.end()), n, n, false, true);
  c.heatmaps[0].scale_label = "images";
  return c;
}

std::vector<Figure> comparison_confusion_figures(const TrainingSnapshot& s) {
  if (s.comparison != Comparison::Models) return {};
  std::vector<Figure> figs;
  std::vector<std::vector<double>> counts;
  for (const Curves& c : s.compared) {
    figs.push_back(confusion_figure(fmt::format("{}; test accuracy {}", c.label, percent(c.test_accuracy)), c.confusion,
                                    s.class_names));
    counts.push_back(figs.back().heatmaps[0].values);
  }
  const ColourScale scale = colour_scale(counts, false);  // one scale: a cell's colour means as many images in both
  for (Figure& f : figs) {
    f.heatmaps[0].min = scale.min;
    f.heatmaps[0].max = scale.max;
  }
  return figs;
}

std::vector<Figure> evaluation_figures(const Evaluation& e, const std::vector<std::string>& class_names) {
  Figure c = confusion_figure("Confusion matrix of the test set", e.confusion, class_names);
  const char* item = class_names.empty() ? "digit" : "class";
  const std::string named = named_classes(class_names);
  Figure per{.title = fmt::format("Accuracy of each {} on the test set{}", item, named),
             .x = {item, -0.5, 9.5},
             .y = {"accuracy", 0, 1.02}};
  Series dots{.kind = Series::Kind::Scatter,
              .label = fmt::format("correct / all images of the {}", item),
              .color = Color::Blue,
              .width = 5};
  for (int d = 0; d < 10; ++d) {
    int all = 0;
    for (int p = 0; p < 10; ++p) all += e.confusion[static_cast<std::size_t>(d * 10 + p)];
    const double acc = all ? static_cast<double>(e.confusion[static_cast<std::size_t>(d * 11)]) / all : 0;
    per.series.push_back(
        {.kind = Series::Kind::Line, .x = {double(d), double(d)}, .y = {0, acc}, .color = Color::Blue, .width = 8});
    dots.x.push_back(d);
    dots.y.push_back(acc);
  }
  per.series.push_back(dots);
  per.legend = Corner::BottomLeft;
  return {std::move(c), std::move(per)};
}

}  // namespace neurostep
