#include "gui/train_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>

#include "gui/plot_layout.h"
#include "gui/plot_view.h"
#include "gui/theme.h"
#include "gui/wrapped_text.h"
#include "lessons/training/training_figures.h"

namespace neurostep {

namespace {

// An image `size` pixels wide: a digit white ink on black as MNIST stores it, or a colour image
// from its red, green and blue planes (CIFAR-10).
void draw_digit(const ExampleImage& e, float size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float cell = size / static_cast<float>(std::max(e.rows, e.cols));
  const std::size_t plane = static_cast<std::size_t>(e.rows * e.cols);
  if (e.pixels.size() < plane * static_cast<std::size_t>(e.channels)) return ImGui::Dummy(ImVec2(size, size));
  for (int r = 0; r < e.rows; ++r)
    for (int c = 0; c < e.cols; ++c) {
      const std::size_t i = static_cast<std::size_t>(r * e.cols + c);
      const unsigned char red = e.pixels[i], green = e.channels == 3 ? e.pixels[plane + i] : red,
                          blue = e.channels == 3 ? e.pixels[2 * plane + i] : red;
      dl->AddRectFilled(ImVec2(o.x + c * cell, o.y + r * cell),
                        ImVec2(o.x + (c + 1) * cell + 0.5f, o.y + (r + 1) * cell + 0.5f),
                        IM_COL32(red, green, blue, 255));
    }
  ImGui::Dummy(ImVec2(size, size));
}

// The top three classes with their probabilities, one per line under the image: "2: 61%".
void draw_top_three(const ExampleImage& e) {
  std::vector<int> order(e.probabilities.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::partial_sort(order.begin(), order.begin() + 3, order.end(), [&](int a, int b) {
    return e.probabilities[static_cast<std::size_t>(a)] > e.probabilities[static_cast<std::size_t>(b)];
  });
  for (int k = 0; k < 3; ++k) {
    const int digit = order[static_cast<std::size_t>(k)];
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%d: %.0f%%", digit,
                       100 * e.probabilities[static_cast<std::size_t>(digit)]);
  }
}

// Ten probability bars under an image (Jäppinen 2024, Fig. 21): the true class in green, a wrong guess in red.
void draw_bars(const ExampleImage& e, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFontSize() * 2.2f, bar = width / 10;
  for (int k = 0; k < 10; ++k) {
    const float p = e.probabilities[static_cast<std::size_t>(k)];
    const ImU32 col = k == e.label ? colors::agree : k == e.predicted() ? colors::disagree : colors::muted;
    dl->AddRectFilled(ImVec2(o.x + k * bar + 1, o.y + h * (1 - p)), ImVec2(o.x + (k + 1) * bar - 1, o.y + h), col);
    // The digit under its bar, in a smaller size so that ten fit under the image.
    const char label[2] = {static_cast<char>('0' + k), 0};
    const float small = ImGui::GetFontSize() * 0.7f;
    const float label_w = ImGui::GetFont()->CalcTextSizeA(small, FLT_MAX, 0, label).x;
    dl->AddText(ImGui::GetFont(), small, ImVec2(o.x + k * bar + (bar - label_w) / 2, o.y + h + 1), colors::muted,
                label);
  }
  ImGui::Dummy(ImVec2(width, h + ImGui::GetFontSize() * 0.8f));
}

void draw_gallery(const char* title, const std::vector<ExampleImage>& images, bool bars) {
  if (images.empty()) return;
  ImGui::Spacing();
  ImGui::TextUnformatted(title);
  const float size = ImGui::GetFontSize() * 5;
  const int per_row =
      std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / (size + ImGui::GetFontSize() * 1.5f)));
  // Its own child window, so its own draw list: a few hundred squares per image add up.
  const int rows = (static_cast<int>(images.size()) + per_row - 1) / per_row;
  const float row_height = size + ImGui::GetFontSize() * (bars ? 5.0f : 6.0f);
  ImGui::BeginChild(title, ImVec2(0, rows * row_height + ImGui::GetFontSize()), false, ImGuiWindowFlags_NoScrollbar);
  for (std::size_t i = 0; i < images.size(); ++i) {
    const ExampleImage& e = images[i];
    if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    draw_digit(e, size);
    const bool right = e.predicted() == e.label;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(right ? colors::agree : colors::disagree), "%d → %d", e.label,
                       e.predicted());
    if (bars)
      draw_bars(e, size);
    else
      draw_top_three(e);
    ImGui::EndGroup();
  }
  ImGui::EndChild();
}

// The canvas: drag to draw with a round brush; returns true when it changed.
bool draw_canvas(TrainPanelState& s, float size) {
  const int n = TrainPanelState::kCanvas;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("canvas", ImVec2(size, size));
  bool changed = false;
  if (ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float cx = (m.x - o.x) / size * n, cy = (m.y - o.y) / size * n, r = s.brush;
    for (int y = static_cast<int>(cy - r); y <= static_cast<int>(cy + r); ++y)
      for (int x = static_cast<int>(cx - r); x <= static_cast<int>(cx + r); ++x) {
        if (x < 0 || y < 0 || x >= n || y >= n) continue;
        const float d = std::hypot(x - cx, y - cy);
        if (d > r) continue;
        float& v = s.canvas[static_cast<std::size_t>(y * n + x)];
        const float ink = std::min(1.0f, 1.5f * (1 - d / r));  // soft edges, like a pen stroke in MNIST
        if (ink > v) v = ink, changed = true;
      }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + size, o.y + size), IM_COL32(0, 0, 0, 255));
  // Shown at half resolution (2×2 canvas cells per square), to stay within a draw list's vertices.
  const int half = n / 2;
  const float cell = size / half;
  for (int y = 0; y < half; ++y)
    for (int x = 0; x < half; ++x) {
      const std::size_t at = static_cast<std::size_t>(2 * y * n + 2 * x);
      const float v = std::max({s.canvas[at], s.canvas[at + 1], s.canvas[at + n], s.canvas[at + n + 1]});
      if (v <= 0.02f) continue;
      const auto g = static_cast<unsigned char>(255 * v);
      dl->AddRectFilled(ImVec2(o.x + x * cell, o.y + y * cell),
                        ImVec2(o.x + (x + 1) * cell + 0.5f, o.y + (y + 1) * cell + 0.5f), IM_COL32(g, g, g, 255));
    }
  dl->AddRect(o, ImVec2(o.x + size, o.y + size), colors::muted);
  return changed;
}

// The drawing canvas and what the model sees of it and says (Sougrati et al., ch. 4, §3.4).
void draw_drawing(TrainPanelState& s, UiActions& actions) {
  ImGui::Spacing();
  ImGui::TextUnformatted(
      "Draw a digit (Sougrati et al., ch. 4, §3.4): the model sees the 28×28 image on the right, made as MNIST made "
      "its digits.");
  const float size = ImGui::GetFontSize() * 12;
  ImGui::BeginChild("drawing", ImVec2(0, size + ImGui::GetFontSize()), false, ImGuiWindowFlags_NoScrollbar);
  if (draw_canvas(s, size)) actions.training.drawing_changed = true;
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (s.seen.size() == 784) {
    ExampleImage seen{std::vector<std::uint8_t>(784), -1, s.probabilities};
    for (std::size_t i = 0; i < 784; ++i) seen.pixels[i] = static_cast<std::uint8_t>(255 * s.seen[i]);
    draw_digit(seen, ImGui::GetFontSize() * 6);
    if (s.probabilities.size() == 10) {
      draw_bars(seen, ImGui::GetFontSize() * 6);
      draw_top_three(seen);
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::SliderFloat("brush", &s.brush, 3, 14, "%.0f");
  if (ImGui::Button("Clear")) {
    std::fill(s.canvas.begin(), s.canvas.end(), 0.0f);
    actions.training.drawing_changed = true;
  }
  ImGui::EndGroup();
  ImGui::EndChild();
}

// Inside the trained network: an image, every layer's feature maps, the first-layer filters, the
// noise sweep and (for Symon's MLP) the backwards query.
void draw_inside(const TrainingSnapshot& job, TrainPanelState& s, UiActions& actions) {
  if (job.run != s.explored_run) {  // a new model: look at it
    s.explored_run = job.run;
    s.layer = job.first_weighted_layer;
    actions.training.explore_changed = true;
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(
      "Inside the trained network: what each layer makes of one image, the learned filters, and noise");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  bool changed = ImGui::InputInt("test image", &s.image, 1, 10);
  s.image = std::clamp(s.image, 0, std::max(0, job.test_count - 1));
  ImGui::SameLine();
  changed |= ImGui::Checkbox("use my drawing", &s.use_drawing);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (!job.layers.empty() &&
      begin_combo("layer",
                  job.layers[static_cast<std::size_t>(std::min<int>(s.layer, static_cast<int>(job.layers.size()) - 1))]
                      .c_str())) {
    for (std::size_t i = 0; i < job.layers.size(); ++i)
      if (ImGui::Selectable(job.layers[i].c_str(), static_cast<int>(i) == s.layer))
        s.layer = static_cast<int>(i), changed = true;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  changed |= ImGui::SliderFloat("noise σ", &s.noise, 0, 1, "%.2f");
  if (changed) actions.training.explore_changed = true;
  if (!s.exploration) return;
  const Exploration& e = *s.exploration;
  draw_digit(e.image, ImGui::GetFontSize() * 6);
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (e.image.label >= 0)
    ImGui::Text("test image %d: a %d", s.image, e.image.label);
  else
    ImGui::TextUnformatted("your drawing");
  draw_bars(e.image, ImGui::GetFontSize() * 6);
  draw_top_three(e.image);
  ImGui::EndGroup();
  const float width = ImGui::GetContentRegionAvail().x;
  for (const Figure& f : e.figures)
    draw_figure(f, width,
                std::min(static_cast<float>(figure_height(f, width, ImGui::GetFontSize())), ImGui::GetFontSize() * 40),
                actions);
}

// Whether the data list offers `source`: the full sets only where they can be on this machine's
// disk (the full MNIST also where the platform fetches it), the student's own files only where a
// file picker brings them.
bool offered(DataSource source, const TrainPanelState& s) {
  if (source == DataSource::Mnist) return s.local_datasets || !s.download.label.empty();
  if (source == DataSource::Fashion || source == DataSource::Cifar10) return s.local_datasets;
  if (source == DataSource::Chosen) return s.file_picker;
  return true;
}

// The data list's name for `d`: the full MNIST the platform fetches goes by its download's label.
const char* data_label(const DataSourceInfo& d, const TrainPanelState& s) {
  const bool fetched = d.source == DataSource::Mnist && !s.local_datasets && !s.download.label.empty();
  return fetched ? s.download.label.c_str() : d.label;
}

// The chosen data is a download that has not arrived (and passed the checks) yet: nothing to train on.
bool data_missing(const TrainPanelState& s) {
  return s.data == DataSource::Mnist && !s.local_datasets && !s.download.ready;
}

// CIFAR-10 is chosen but not fetched yet (the window does not download 162 MB itself).
bool cifar_missing(const TrainPanelState& s) {
  std::error_code error;
  return s.data == DataSource::Cifar10 && !std::filesystem::is_directory(mnist_data_folder({}, s.data), error);
}

// The full MNIST on its way (the bytes fetched of the total, and Cancel), or why it was refused
// and a button to fetch it (again).
void draw_download(const TrainPanelState& s, UiActions& actions) {
  const TrainPanelState::Download& d = s.download;
  if (d.fetching) {
    const std::string overlay = fmt::format("fetching: {:.1f} of {:.1f} MB", d.done / 1e6, d.total / 1e6);
    ImGui::ProgressBar(d.total > 0 ? static_cast<float>(d.done / d.total) : 0.f, ImVec2(ImGui::GetFontSize() * 22, 0),
                       overlay.c_str());
    same_line_if_fits(button_width("Cancel download"));
    if (ImGui::Button("Cancel download")) actions.training.fetch_data = false;
    return;
  }
  if (cifar_missing(s))
    wrapped_text(
        fmt::format("CIFAR-10 is not on this machine yet: `neurostep data fetch cifar10` downloads it (162 MB) into {}",
                    mnist_data_folder({}, s.data).string()),
        {.color = colors::error});
  if (!data_missing(s)) return;
  if (!d.error.empty()) wrapped_text(d.error, {.color = colors::error});
  const std::string fetch = fmt::format("Fetch {}", d.label.empty() ? "the full MNIST" : d.label);
  if (ImGui::Button(fetch.c_str())) actions.training.fetch_data = true;
}

// Settings: the model, the data and the training settings; fixed while a job runs.
void draw_settings(const MnistModels& models, const MnistModel& m, TrainPanelState& s, bool busy, UiActions& actions) {
  ImGui::BeginDisabled(busy);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (begin_combo("model", m.spec.title.c_str())) {
    for (std::size_t i = 0; i < models.models.size(); ++i)
      if (ImGui::Selectable(models.models[i].spec.title.c_str(), static_cast<int>(i) == *s.model)) {
        select_model(s, models, static_cast<int>(i));
        actions.training.model_chosen = static_cast<int>(i);
      }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (begin_combo("data", data_label(data_sources().at(static_cast<std::size_t>(s.data)), s))) {
    for (const DataSourceInfo& d : data_sources())
      if (offered(d.source, s) && ImGui::Selectable(data_label(d, s), d.source == s.data)) {
        s.data = d.source;
        if (data_missing(s) && !s.download.fetching) actions.training.fetch_data = true;  // chosen: fetched now
      }
    ImGui::EndCombo();
  }
  if (s.file_picker) {
    same_line_if_fits(button_width("Load IDX files…"));
    if (ImGui::Button("Load IDX files…")) actions.files.choose = FileRequest::TrainingData;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Choose the four IDX files of a data set (raw or .gz), named as MNIST's:\n"
          "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
  }
  // Rows of settings flow onto another line where the panel is narrow.
  const float field = ImGui::GetFontSize() * 6;
  const auto labelled = [](float width, const char* label) {
    return width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  };
  ImGui::SetNextItemWidth(field);
  ImGui::DragInt("epochs", &s.epochs, 0.2f, 1, 100, "%d", ImGuiSliderFlags_AlwaysClamp);
  same_line_if_fits(labelled(field, "batch"));
  ImGui::SetNextItemWidth(field);
  ImGui::DragInt("batch", &s.batch, 0.5f, 1, 1024, "%d", ImGuiSliderFlags_AlwaysClamp);
  same_line_if_fits(labelled(field, "optimizer"));
  ImGui::SetNextItemWidth(field);
  if (begin_combo("optimizer", optimizer_name(s.optimizer).data())) {
    for (const OptimizerKind k : kOptimizerKinds)
      if (ImGui::Selectable(optimizer_name(k).data(), k == s.optimizer)) s.optimizer = k;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(field);
  ImGui::DragFloat("learning rate", &s.learning_rate, 0.0001f, 1e-6f, 10.f, "%.5f",
                   ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
  same_line_if_fits(labelled(field, "seed"));
  ImGui::SetNextItemWidth(field);
  ImGui::DragInt("seed", &s.seed, 0.2f, 0, 1'000'000);
  same_line_if_fits(labelled(ImGui::GetFrameHeight(), "rotate ±10°"));
  ImGui::Checkbox("rotate ±10°", &s.augment);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Augmentation (Symon, §6.4): each training image turned by a random angle");
  ImGui::SetNextItemWidth(field);
  ImGui::DragInt("training images", &s.train_images, 5.f, 0, 60'000, s.train_images == 0 ? "all" : "%d",
                 ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Train on only the first N images (few images overfit); 0: all but the fifth held out for validation");
  ImGui::EndDisabled();
  draw_download(s, actions);
}

// A comparison's button: starts it and brings its view to the front.
void compare_button(const std::string& label, TrainCommand command, const std::string& tooltip, TrainPanelState& s,
                    UiActions& actions) {
  same_line_if_fits(button_width(label.c_str()));
  if (ImGui::Button(label.c_str())) {
    actions.training.command = command;
    s.select_view = TrainPanelState::View::Compare;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip.c_str());
}

// The comparisons this model offers: the optimizers always; dropout if it has dropout layers;
// sigmoid against leaky ReLU if it has either as a hidden activation; the model it names to compare with.
void draw_compare_buttons(const MnistModel& m, TrainPanelState& s, UiActions& actions) {
  compare_button(
      "Compare optimizers", TrainCommand::CompareOptimizers,
      "Train this model four times from the same initial weights: SGD (0.01), AdaGrad, RMSProp and Adam (0.001 each),\n"
      "and overlay their curves (Sougrati et al., Fig. 22)",
      s, actions);
  if (std::any_of(m.spec.layers.begin(), m.spec.layers.end(), [](const LayerSpec& l) { return l.type == "dropout"; }))
    compare_button("With and without dropout", TrainCommand::CompareDropout,
                   "Train this model twice from the same initial weights, as it is and with every dropout rate 0,\n"
                   "and overlay training and validation accuracy: without dropout the gap (overfitting) grows",
                   s, actions);
  if (compares_activations(m.spec))
    compare_button("Sigmoid against leaky ReLU", TrainCommand::CompareActivations,
                   "Train this model twice from the same initial weights and in the same order, every hidden "
                   "activation a sigmoid,\n"
                   "then a leaky ReLU, and set the measured difference beside Creus & Picón's claim (§III)",
                   s, actions);
  if (!m.versus.empty())
    compare_button(fmt::format("Compare with {}", m.versus), TrainCommand::CompareModels,
                   fmt::format("Train this model and '{}' on the same data in the same order, with these settings,\n"
                               "and overlay their validation accuracy (Jäppinen 2024, Fig. 35)",
                               m.versus),
                   s, actions);
}

// Commands: start, compare, pause/resume, cancel, save and load, then the job's state.
void draw_commands(const MnistModel& m, const TrainingSnapshot& job, TrainPanelState& s, bool busy,
                   UiActions& actions) {
  ImGui::BeginDisabled(data_missing(s) || cifar_missing(s));  // the full MNIST or CIFAR-10 is still to be fetched
  if (!busy && ImGui::Button("Start training")) actions.training.command = TrainCommand::Start;
  if (!busy) draw_compare_buttons(m, s, actions);
  ImGui::EndDisabled();
  if (busy) {
    if (job.state == JobState::Paused ? ImGui::Button("Resume") : ImGui::Button("Pause"))
      actions.training.command = job.state == JobState::Paused ? TrainCommand::Resume : TrainCommand::Pause;
    same_line_if_fits(button_width("Cancel"));
    if (ImGui::Button("Cancel")) actions.training.command = TrainCommand::Cancel;
  }
  // The row flows onto a second line where the panel is narrow.
  if (job.state == JobState::Finished || job.state == JobState::Cancelled) {
    same_line_if_fits(button_width("Save model"));
    if (ImGui::Button("Save model")) actions.training.command = TrainCommand::Save;
  }
  if (!busy) {
    if (s.file_picker) {
      same_line_if_fits(button_width("Load model…"));
      if (ImGui::Button("Load model…")) actions.files.choose = FileRequest::Model;
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A checkpoint saved by Save model (here or by the neurostep program)");
    } else {
      same_line_if_fits(button_width("Load model"));
      if (ImGui::Button("Load model")) actions.training.command = TrainCommand::Load;
      same_line_if_fits(ImGui::GetFontSize() * 16);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
      ImGui::InputTextWithHint("##checkpoint", fmt::format("neurostep-exports/{}.ckpt", m.spec.name).c_str(),
                               &s.load_path);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The checkpoint Load model reads (empty: where Save model writes this model)");
    }
  }
  same_line_if_fits(button_width("Diagram…"));
  if (ImGui::Button("Diagram…")) actions.files.export_what = ExportRequest{ExportKind::Diagram};
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "This model's architecture with every layer's parameters, as SVG, PDF, TikZ and PNG in the export folder");
  same_line_if_fits(ImGui::CalcTextSize(job_state_name(job.state)).x);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", job_state_name(job.state));
}

// Progress: the bar (a comparison's runs over all its runs), the job's message, and a note on the sample data.
void draw_progress(const TrainingSnapshot& job, const TrainPanelState& s) {
  const double in_run =
      job.batches ? (job.epoch - 1 + static_cast<double>(job.batch) / job.batches) / std::max(1, job.epochs) : 0;
  const double done = job.compare_runs > 0 ? (std::max(0, job.compare_run - 1) + in_run) / job.compare_runs : in_run;
  const std::string run = job.compare_runs > 0 ? fmt::format("run {}/{}, ", job.compare_run, job.compare_runs) : "";
  const std::string overlay =
      job.batches > 0 ? fmt::format("{}epoch {}/{}, batch {}/{} — {:.0f} samples/s, {:.0f} s left", run, job.epoch,
                                    job.epochs, job.batch, job.batches, job.samples_per_second, job.eta_seconds)
      : job.state == JobState::Loading ? "loading…"
                                       : "";
  const bool finished = job.state == JobState::Finished;
  if (finished) ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colors::agree);  // done, not a warning
  ImGui::ProgressBar(static_cast<float>(finished ? 1.0 : done), ImVec2(-1, 0), overlay.c_str());
  if (finished) ImGui::PopStyleColor();
  if (!job.message.empty()) wrapped_text(job.message);
  if (s.data == DataSource::Sample)
    wrapped_text(s.local_datasets ? "This run uses the embedded sample. Choose 'mnist' for the full 60,000 images "
                                    "(fetched by scripts/setup.sh)."
                                  : "This run uses the embedded sample. Load IDX files… trains on a data set of your "
                                    "own, such as the full MNIST.",
                 {.color = colors::muted});
}

// A sub-tab of the views: selected by the user, or once by select_view (which waits until the tab can open).
bool view_tab(TrainPanelState& s, const char* name, TrainPanelState::View v, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  const bool forced = enabled && s.select_view == v;
  const bool open = ImGui::BeginTabItem(name, nullptr, forced ? ImGuiTabItemFlags_SetSelected : 0);
  if (!enabled) ImGui::EndDisabled();
  if (forced) s.select_view.reset();
  if (open) s.view = v;
  return open;
}

// Views: the curves, the test images, inside the network, and an optimizer comparison's curves.
void draw_views(const TrainingSnapshot& job, TrainPanelState& s, UiActions& actions) {
  const bool trained = job.state == JobState::Finished || job.state == JobState::Cancelled;
  if (!ImGui::BeginTabBar("train views")) return;
  const float width = ImGui::GetContentRegionAvail().x;
  if (view_tab(s, "Curves", TrainPanelState::View::Curves)) {
    for (const Figure& f : training_figures(job))
      draw_figure(f, width, f.equal_aspect ? width * 0.85f : width * 0.5f, actions);
    ImGui::EndTabItem();
  }
  if (view_tab(s, "Test images", TrainPanelState::View::TestImages, !job.mistakes.empty() || trained)) {
    draw_gallery("Misclassified test images: true → predicted, and the top three probabilities (Lazović 2020, Fig. 26)",
                 job.mistakes, false);
    draw_gallery("Random test images with their probabilities for 0–9 (green: the true digit; Jäppinen 2024, Fig. 21)",
                 job.samples, true);
    if (trained) draw_drawing(s, actions);
    ImGui::EndTabItem();
  }
  if (view_tab(s, "Inside the network", TrainPanelState::View::Inside, trained)) {
    draw_inside(job, s, actions);
    ImGui::EndTabItem();
  }
  if (!job.batchnorm.empty() && view_tab(s, "Batch normalization", TrainPanelState::View::BatchNorm)) {
    for (const Figure& f : batchnorm_figures(job)) draw_figure(f, width, width * 0.5f, actions);
    ImGui::EndTabItem();
  }
  if (job.compare_runs > 0 && view_tab(s, comparison_title(job.comparison), TrainPanelState::View::Compare)) {
    const std::string note = comparison_note(job);
    if (!note.empty()) wrapped_text(note);
    for (const Figure& f : comparison_figures(job)) draw_figure(f, width, width * 0.5f, actions);
    draw_plot_column(comparison_confusion_figures(job),
                     actions);  // side by side where they fit (Jäppinen 2024, Fig. 35)
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

void select_model(TrainPanelState& s, const MnistModels& models, int index) {
  const TrainOptions& own = models.models.at(static_cast<std::size_t>(index)).train;
  s.model = index;
  s.epochs = own.epochs;
  s.batch = own.batch;
  s.optimizer = own.optimizer.kind;
  s.learning_rate = static_cast<float>(own.optimizer.learning_rate);
  s.train_images = own.train_limit;
  // The thesis's data set (Jäppinen's Fashion-MNIST) where this machine has it; else the data stays
  // as it was (the embedded sample at first). Only the sample's and MNIST's folders depend on the lessons' folder.
  const std::optional<DataSource> data = models.models.at(static_cast<std::size_t>(index)).data;
  std::error_code error;
  // CIFAR-10 is chosen even when missing: its models take no other images, and the panel says how to fetch it.
  if (data && offered(*data, s) &&
      (*data == DataSource::Cifar10 || std::filesystem::is_directory(mnist_data_folder({}, *data), error)))
    s.data = *data;
  else if (s.data == DataSource::Cifar10 && data != DataSource::Cifar10)
    s.data = DataSource::Sample;  // a model of 28×28 grey images cannot take CIFAR-10's colour ones
}

void draw_train_panel(const MnistModels& models, const TrainingSnapshot& job, TrainPanelState& s, UiActions& actions) {
  if (models.models.empty()) return;
  if (!s.model || *s.model >= static_cast<int>(models.models.size())) select_model(s, models, 0);
  if (job.run != s.listed_run && !job.model.empty()) {  // a model was loaded (or trained): show it in the list
    s.listed_run = job.run;
    for (std::size_t i = 0; i < models.models.size(); ++i)
      if (models.models[i].spec.name == job.model && static_cast<int>(i) != *s.model)
        select_model(s, models, static_cast<int>(i));
  }
  const bool busy = job.state == JobState::Loading || job.state == JobState::Training || job.state == JobState::Paused;
  const MnistModel& m =
      models.models[static_cast<std::size_t>(*s.model)];  // as shown this frame, before the settings may change it
  const bool ours = std::any_of(models.models.begin(), models.models.end(),
                                [&](const MnistModel& o) { return o.spec.name == job.model; });
  if (!ours && busy) {  // another lesson's model is training: say so, and offer to stop it
    ImGui::TextWrapped("The trainer is busy with '%s' from another lesson.", job.model.c_str());
    draw_commands(m, job, s, busy, actions);
    draw_progress(job, s);
    return;
  }
  draw_settings(models, m, s, busy, actions);
  draw_commands(m, job, s, busy, actions);
  if (job.state != JobState::Idle && ours) {
    draw_progress(job, s);
    draw_views(job, s, actions);
  }
}

}  // namespace neurostep
