#include "gui/playground_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "figure/figure_painter.h"
#include "figure/graph_layout.h"
#include "figure/number_text.h"
#include "gui/plot_layout.h"
#include "gui/plot_view.h"
#include "gui/theme.h"
#include "gui/wrapped_text.h"
#include "lessons/playground/playground_choices.h"
#include "lessons/playground/playground_explain.h"
#include "lessons/playground/playground_figures.h"

namespace neurostep {

namespace {

using K = PlaygroundCommand::Kind;

ImU32 u32(Rgb c, float a = 1) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, a)); }
ImVec4 color(unsigned abgr) { return ImGui::ColorConvertU32ToFloat4(abgr); }

// A combo over one of the playground's choice tables; true when the student chose another option.
template <typename E>
bool choice_combo(const char* label, E& value, const ChoiceTable<E>& table) {
  bool chosen = false;
  if (begin_combo(label, table[static_cast<std::size_t>(choice_index(table, value))].label)) {
    for (const ChoiceOption<E>& o : table)
      if (ImGui::Selectable(o.label, o.value == value) && o.value != value) {
        value = o.value;
        chosen = true;
      }
    ImGui::EndCombo();
  }
  return chosen;
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(color(colors::muted), "%s", text);
  ImGui::Separator();
}

// --- the left column: data, network, training ---------------------------------------------

void draw_data_controls(const Playground& pg, PlaygroundPanelState& ui, UiActions& actions) {
  heading("Data");
  PointSetOptions d = pg.data_options();
  if (ui.formula_of != &pg) {
    ui.formula = d.formula;
    ui.formula_of = &pg;
  }
  const auto generate = [&](PointSetOptions o) {
    actions.playground.commands.push_back({.kind = K::Generate, .data = std::move(o)});
  };
  if (choice_combo("set", d.kind, kPointSetChoices)) {
    if ((d.kind == PointSetKind::Curve || d.kind == PointSetKind::Surface) && ui.formula.empty())
      ui.formula = default_formula(d.kind);
    d.formula = ui.formula;
    generate(d);
  }
  if (d.kind == PointSetKind::Curve || d.kind == PointSetKind::Surface) {
    const bool enter = ImGui::InputText(d.kind == PointSetKind::Curve ? "y = f(x)" : "z = f(x, y)", &ui.formula,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a formula (3x, sin(3x)/2, x^2 - y, exp(-x^2)) and press Enter");
    if (enter || ImGui::IsItemDeactivatedAfterEdit()) {
      d.formula = ui.formula;
      generate(d);
    }
  }
  float noise = static_cast<float>(d.noise);
  if (ImGui::SliderFloat("noise", &noise, 0, 1, "%.2f")) {
    d.noise = noise;
    generate(d);
  }
  if (ImGui::SliderInt("points", &d.count, 10, 1000)) generate(d);
  int seed = static_cast<int>(d.seed);
  if (ImGui::InputInt("seed of the points", &seed) && seed >= 0) {
    d.seed = static_cast<std::uint64_t>(seed);
    generate(d);
  }
  if (d.kind == PointSetKind::Blobs && ImGui::SliderInt("classes", &d.classes, 2, kMaxClasses)) generate(d);
  float ratio = static_cast<float>(d.test_ratio * 100);
  const PointSet& set = pg.points();
  if (ImGui::SliderFloat("test share", &ratio, 0, 90, "%.0f %%"))
    actions.playground.commands.push_back({.kind = K::SetTestRatio, .value = ratio / 100.0});
  wrapped_text(fmt::format("{} training points, {} test points (rings)", training_count(set), test_count(set)),
               {.color = colors::muted});

  if (set.regression) {
    ImGui::SliderFloat("a click adds z =", &ui.add_value, -3, 3, "%.2f");
  } else {
    wrapped_text("A click in the plane adds a point of class");
    const int offered = std::min(kMaxClasses, set.classes + 1);  // the classes there are, and one more
    ui.add_class = std::min(ui.add_class, offered - 1);
    for (int k = 0; k < offered; ++k) {
      if (k > 0) ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_CheckMark, u32(palette_rgb(kClassColors[k])));
      ImGui::PushStyleColor(ImGuiCol_Text, u32(palette_rgb(kClassColors[k])));
      ImGui::RadioButton(fmt::format("{}##class", k).c_str(), &ui.add_class, k);
      ImGui::PopStyleColor(2);
    }
  }
  wrapped_text("Drag a point to move it, right-click to delete it; click one to follow it through the network.",
               {.color = colors::muted});
  if (ImGui::Button("Clear points")) actions.playground.commands.push_back({.kind = K::ClearPoints});
  same_line_if_fits(button_width("Export points (CSV)"));
  if (ImGui::Button("Export points (CSV)")) actions.files.export_what = ExportRequest{ExportKind::PlaygroundPoints};
  constexpr const char* kCsvHelp =
      "A CSV file: x,y,label per line (label 0–3; for regression x,y,z); a header line is optional";
  if (ui.file_picker) {
    same_line_if_fits(button_width("Import CSV…"));
    if (ImGui::Button("Import CSV…")) actions.files.choose = FileRequest::Points;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kCsvHelp);
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button_width("Import CSV") -
                          ImGui::GetStyle().ItemSpacing.x);
  ImGui::InputTextWithHint("##import", "points.csv", &ui.import_path);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kCsvHelp);
  ImGui::SameLine();
  if (ImGui::Button("Import CSV")) actions.playground.import_path = ui.import_path;
}

void draw_network_controls(const Playground& pg, UiActions& actions) {
  heading("Network");
  PlaygroundNetSpec spec = pg.net_spec();
  const auto set_network = [&] { actions.playground.commands.push_back({.kind = K::SetNetwork, .net = spec}); };
  ImGui::TextUnformatted("Features");
  int shown = 0;
  for (Feature f : kFeatures) {
    const auto at = std::find(spec.features.begin(), spec.features.end(), f);
    bool on = at != spec.features.end();
    const std::string label(feature_label(f));
    same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(label.c_str()).x +
                      ImGui::GetStyle().ItemInnerSpacing.x);
    if (shown++ == 0) ImGui::NewLine();
    if (ImGui::Checkbox(label.c_str(), &on) && (on || spec.features.size() > 1)) {
      spec.features.clear();
      for (Feature g : kFeatures)
        if (g == f ? on
                   : std::find(pg.net_spec().features.begin(), pg.net_spec().features.end(), g) !=
                         pg.net_spec().features.end())
          spec.features.push_back(g);
      set_network();
    }
  }
  ImGui::Text("Hidden layers: %d", static_cast<int>(spec.hidden.size()));
  ImGui::SameLine();
  ImGui::BeginDisabled(spec.hidden.size() >= kMaxHiddenLayers);
  if (ImGui::SmallButton("+ layer")) {
    spec.hidden.push_back(spec.hidden.empty() ? HiddenLayerSpec{} : spec.hidden.back());
    set_network();
  }
  ImGui::EndDisabled();
  same_line_if_fits(button_width("− layer"));
  ImGui::BeginDisabled(spec.hidden.empty());
  if (ImGui::SmallButton("− layer")) {
    spec.hidden.pop_back();
    set_network();
  }
  ImGui::EndDisabled();
  for (std::size_t l = 0; l < spec.hidden.size(); ++l) {
    ImGui::PushID(static_cast<int>(l));
    HiddenLayerSpec& h = spec.hidden[l];
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::SliderInt("units", &h.units, 1, kMaxUnits)) set_network();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (choice_combo(fmt::format("layer {}", l + 1).c_str(), h.activation, kPlaygroundActivations)) set_network();
    ImGui::PopID();
  }
  if (choice_combo("initial weights", spec.init, kPlaygroundInits)) set_network();
  int seed = static_cast<int>(spec.seed);
  if (ImGui::InputInt("seed of the weights", &seed) && seed >= 0) {
    spec.seed = static_cast<std::uint64_t>(seed);
    set_network();
  }
  wrapped_text(fmt::format("{}, {} parameters", pg.points().regression ? "squared error" : "softmax cross-entropy",
                           pg.training().net().parameter_count()),
               {.color = colors::muted});
}

void draw_training_controls(const Playground& pg, UiActions& actions) {
  heading("Training");
  TrainSettings t = pg.train_settings();
  const auto set = [&] { actions.playground.commands.push_back({.kind = K::SetTraining, .train = t}); };
  if (choice_combo("optimizer", t.optimizer.kind, kOptimizerChoices)) set();
  if (ImGui::InputDouble("learning rate η", &t.optimizer.learning_rate, 0.01, 0.1, "%.4g") &&
      t.optimizer.learning_rate > 0)
    set();
  if (ImGui::SliderInt("batch size", &t.batch_size, 1, 100)) set();
  if (choice_combo("regularization", t.regularization, kRegularizationChoices)) set();
  if (t.regularization != Regularization::None && ImGui::InputDouble("λ", &t.lambda, 0.001, 0.01, "%.4g") &&
      t.lambda >= 0)
    set();
}

// --- the top bar: play, step, reset, where training is ---------------------------------------

void draw_training_bar(const Playground& pg, PlaygroundPanelState& ui, int precision, UiActions& actions,
                       const Withheld& withheld) {
  const PlaygroundTraining& t = pg.training();
  if (ImGui::Button(pg.playing() ? "Pause training" : "Train ▶"))
    actions.playground.commands.push_back({.kind = pg.playing() ? K::Pause : K::Play});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Train mini-batch after mini-batch, a few milliseconds each frame, until you pause");
  ImGui::SameLine();
  if (ImGui::Button("Step batch")) actions.playground.commands.push_back({.kind = K::StepBatch});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("One mini-batch: its whole math is in the Current step tab before you press this");
  ImGui::SameLine();
  if (ImGui::Button("Step epoch")) actions.playground.commands.push_back({.kind = K::StepEpoch});
  ImGui::SameLine();
  if (ImGui::Button("Reset weights")) actions.playground.commands.push_back({.kind = K::Reset});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Back to the same initial weights (change the seed of the weights for others)");
  same_line_if_fits(ImGui::GetFontSize() * 12);
  float speed = static_cast<float>(pg.speed());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 1000, speed > 0 ? "%.3g epochs/s" : "as fast as it goes",
                         ImGuiSliderFlags_Logarithmic))
    actions.playground.commands.push_back({.kind = K::SetSpeed, .value = speed});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("How fast Train plays (XOR needs about 25 epochs); right-click: as fast as it goes");
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right))
    actions.playground.commands.push_back({.kind = K::SetSpeed, .value = 0});
  same_line_if_fits(ImGui::GetFontSize() * 24);
  bool stop = pg.patience() > 0;
  if (ImGui::Checkbox("stop when the test loss stalls for", &stop))
    actions.playground.commands.push_back({.kind = K::SetPatience, .index = stop ? ui.patience : 0});
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::InputInt("epochs##patience", &ui.patience) && stop)
    actions.playground.commands.push_back({.kind = K::SetPatience, .index = std::max(1, ui.patience)});
  const Evaluation &train = pg.evaluate_training(), &test = pg.evaluate_test();
  std::string status =
      fmt::format("epoch {}, {} updates · training loss {} · test loss {}", t.epoch(), t.updates(),
                  format_number(train.loss, precision), test.count ? format_number(test.loss, precision) : "–");
  if (!pg.points().regression)
    status += fmt::format(" · right: {} % training, {}", format_number(100 * train.accuracy, 1),
                          test.count ? format_number(100 * test.accuracy, 1) + " % test" : "no test points");
  wrapped_text(mask_numbers(status, withheld));  // Try it: a loss that prints as an asked number would give it away
  if (!pg.stopped_because().empty()) wrapped_text(pg.stopped_because(), {.color = colors::muted});
  if (!ui.message.empty()) wrapped_text(ui.message, {.color = ui.message_is_error ? colors::error : colors::muted});
}

// --- the network graph ----------------------------------------------------------------------

// The graph's geometry, from figure/graph_layout.h: the units in columns, the layers' titles over
// them (on a second row where one would run into the next).
struct GraphLayout {
  std::vector<std::vector<ImVec2>> nodes;  // [column][node] centre; column 0 = the features
  std::vector<ImVec2> titles;              // per layer: its title's top-left corner
  float half = 0;                          // half the side of a node's square
};

// The title over a layer's column: "8 ReLU", "output".
std::string layer_title(const PlaygroundNet& net, int l) {
  if (l + 1 == net.layers()) return "output";
  return fmt::format(
      "{} {}", net.units(l),
      kPlaygroundActivations[static_cast<std::size_t>(choice_index(kPlaygroundActivations, net.activation(l)))].label);
}

GraphLayout graph_layout(const PlaygroundNet& net, ImVec2 origin, ImVec2 size) {
  std::vector<int> counts = {static_cast<int>(net.spec().features.size())};
  for (int l = 0; l < net.layers(); ++l) counts.push_back(net.units(l));
  const double font = ImGui::GetFontSize(), label_room = font * 3.5;
  const Box columns{origin.x + label_room, origin.y, origin.x + size.x - label_room, origin.y + size.y};
  std::vector<double> widths, xs;
  for (int l = 0; l < net.layers(); ++l) {
    widths.push_back(ImGui::CalcTextSize(layer_title(net, l).c_str()).x);
    xs.push_back(unit_columns(counts, columns, ColumnSpread::Rows)[static_cast<std::size_t>(l + 1)].front().x);
  }
  GraphLayout g;
  double title_room = font * 1.6;
  for (const Point p : column_titles(widths, xs, origin.y, font)) {
    g.titles.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    title_room = std::max(title_room, p.y - origin.y + font * 1.6);
  }
  const auto units =
      unit_columns(counts, {columns.x0, columns.y0 + title_room, columns.x1, columns.y1}, ColumnSpread::Rows);
  const double column = counts.size() > 1 ? (columns.x1 - columns.x0) / static_cast<double>(counts.size() - 1) : size.x;
  const double row = (size.y - title_room) / *std::max_element(counts.begin(), counts.end());
  g.half = static_cast<float>(std::min({column * 0.22, row * 0.4, font * 2.2}));
  for (const auto& c : units) {
    g.nodes.emplace_back();
    for (const Point p : c) g.nodes.back().emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  }
  return g;
}

// A node: its output over the plane as a small heatmap (every third cell of the plane's grid).
void draw_node_map(ImDrawList* dl, const Heatmap& h, ImVec2 centre, float half) {
  constexpr int step = 3;
  const int cells = h.rows / step;
  const float cell = 2 * half / static_cast<float>(cells);
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c) {
      const double v = h.values[static_cast<std::size_t>((r * step + 1) * h.cols + c * step + 1)];
      const ImVec2 a(centre.x - half + cell * static_cast<float>(c), centre.y - half + cell * static_cast<float>(r));
      dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), u32(heatmap_rgb(h, v)));
    }
}

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.f, 1.f);
  return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

void draw_network_graph(const Playground& pg, PlaygroundPanelState& ui, int precision, ImVec2 size, UiActions& actions,
                        const Withheld& withheld) {
  const PlaygroundNet& net = pg.training().net();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("graph", size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const GraphLayout g = graph_layout(net, origin, size);
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  double largest = 1e-9;  // edge widths are relative to the largest |w|
  for (int l = 0; l < net.layers(); ++l) largest = std::max(largest, net.W(l).array().abs().maxCoeff());
  struct Hit {
    int layer = -1, out = 0, in = 0;
    float distance = 1e9f;
  } edge;
  for (int l = 0; l < net.layers(); ++l)
    for (int o = 0; o < net.units(l); ++o)
      for (int i = 0; i < net.inputs(l); ++i) {
        const ImVec2 a = g.nodes[static_cast<std::size_t>(l)][static_cast<std::size_t>(i)],
                     b = g.nodes[static_cast<std::size_t>(l + 1)][static_cast<std::size_t>(o)];
        const ImVec2 from(a.x + g.half, a.y), to(b.x - g.half, b.y);
        const double w = net.W(l).at(o, i), s = std::abs(w) / largest;
        dl->AddLine(from, to, u32(palette_rgb(w >= 0 ? Color::Red : Color::Blue), static_cast<float>(0.3 + 0.7 * s)),
                    static_cast<float>(0.6 + 4.5 * s));
        const float d = distance_to_segment(mouse, from, to);
        if (hovered && d < std::max(4.f, ImGui::GetFontSize() * 0.3f) && d < edge.distance) edge = {l, o, i, d};
      }
  if (edge.layer >= 0) {
    const ImVec2 a = g.nodes[static_cast<std::size_t>(edge.layer)][static_cast<std::size_t>(edge.in)],
                 b = g.nodes[static_cast<std::size_t>(edge.layer + 1)][static_cast<std::size_t>(edge.out)];
    dl->AddLine(ImVec2(a.x + g.half, a.y), ImVec2(b.x - g.half, b.y), u32({1, 0.85f, 0.1f}), 3);
  }

  // Nodes: the features, then every unit, each its output over the plane.
  const std::vector<UnitFlag>& flags = pg.unit_flags();
  const float font = ImGui::GetFontSize();
  const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
  std::optional<std::pair<int, int>> hovered_unit;
  ImVec2 hovered_centre;
  for (std::size_t k = 0; k < net.spec().features.size(); ++k) {
    const Feature f = net.spec().features[k];
    Heatmap h{.rows = kPlaneResolution,
              .cols = kPlaneResolution,
              .values = feature_map(f, kPlaneResolution),
              .diverging = true};
    const auto [lo, hi] = std::minmax_element(h.values.begin(), h.values.end());
    h.min = *lo;
    h.max = *hi;
    const ImVec2 c = g.nodes[0][k];
    draw_node_map(dl, h, c, g.half);
    const std::string label(feature_label(f));
    dl->AddText(ImVec2(c.x - g.half - ImGui::CalcTextSize(label.c_str()).x - font * 0.3f, c.y - font / 2), text_colour,
                label.c_str());
  }
  for (int l = 0; l < net.layers(); ++l) {
    const bool output = l + 1 == net.layers();
    const std::string title = layer_title(net, l);
    dl->AddText(g.titles[static_cast<std::size_t>(l)], text_colour, title.c_str());
    for (int u = 0; u < net.units(l); ++u) {
      const ImVec2 c = g.nodes[static_cast<std::size_t>(l + 1)][static_cast<std::size_t>(u)];
      const Figure map = unit_figure(pg, l, u, true);
      draw_node_map(dl, map.heatmaps[0], c, g.half);
      const bool flagged =
          std::any_of(flags.begin(), flags.end(), [&](const UnitFlag& f) { return f.layer == l && f.unit == u; });
      dl->AddRect(ImVec2(c.x - g.half, c.y - g.half), ImVec2(c.x + g.half, c.y + g.half),
                  flagged ? u32(palette_rgb(Color::Red)) : text_colour, 0, 0, flagged ? 3.f : 1.f);
      if (flagged) dl->AddText(ImVec2(c.x + g.half + 2, c.y - g.half - 2), u32(palette_rgb(Color::Red)), "!");
      if (output && !net.spec().regression)
        dl->AddText(ImVec2(c.x + g.half + font * 0.3f, c.y - font / 2), u32(palette_rgb(kClassColors[u])),
                    fmt::format("class {}", u).c_str());
      if (hovered && std::abs(mouse.x - c.x) <= g.half && std::abs(mouse.y - c.y) <= g.half) {
        hovered_unit = {l, u};
        hovered_centre = c;
      }
    }
  }

  if (hovered_unit) {
    // The place of the plane under the mouse in the unit's map, and the point the student follows.
    const double x = (mouse.x - hovered_centre.x) / g.half * kPlaneExtent,
                 y = (hovered_centre.y - mouse.y) / g.half * kPlaneExtent;
    std::string text = place_explanation(pg, hovered_unit->first, hovered_unit->second, x, y, precision);
    if (!pg.points().points.empty()) {
      const int point = pg.selected_point() >= 0 ? pg.selected_point() : 0;
      text += "\n\n" + unit_explanation(pg, hovered_unit->first, hovered_unit->second, point, precision);
      if (pg.selected_point() < 0) text += "\n\n(point 1: click a point in the plane to follow another)";
    }
    ImGui::SetTooltip("%s", mask_numbers(text, withheld).c_str());
  } else if (edge.layer >= 0) {
    ImGui::SetTooltip("%s",
                      mask_numbers(weight_explanation(pg, edge.layer, edge.out, edge.in, precision), withheld).c_str());
    if (clicked) {
      ui.editing =
          PlaygroundPanelState::WeightEdit{edge.layer, edge.out, edge.in, net.W(edge.layer).at(edge.out, edge.in)};
      ImGui::OpenPopup("edit weight");
    }
  }
  if (!flags.empty()) {  // under the graph: how many units are flagged, and the first one's reason
    ImGui::PushTextWrapPos(origin.x + size.x - ImGui::GetWindowPos().x);
    ImGui::TextColored(color(colors::error), "%s",
                       fmt::format("! {} unit{} flagged (red): {}{}", flags.size(), flags.size() == 1 ? "" : "s",
                                   flags.front().why, flags.size() > 1 ? "; hover a unit for its own" : "")
                           .c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::BeginPopup("edit weight")) {
    if (ui.editing) {
      ImGui::Text("Layer %d, weight from input %d to unit %d", ui.editing->layer + 1, ui.editing->in + 1,
                  ui.editing->out + 1);
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      if (ImGui::InputDouble("w", &ui.editing->value, 0.1, 1, "%.4f", ImGuiInputTextFlags_EnterReturnsTrue) ||
          ImGui::Button("Set")) {
        actions.playground.commands.push_back({.kind = K::SetWeight,
                                               .value = ui.editing->value,
                                               .layer = ui.editing->layer,
                                               .out = ui.editing->out,
                                               .in = ui.editing->in});
        ImGui::CloseCurrentPopup();
      }
      ImGui::TextColored(color(colors::muted), "The heatmaps follow at once; Esc leaves it as it was.");
    }
    ImGui::EndPopup();
  }
}

// --- the plane --------------------------------------------------------------------------------

// The point drawn nearest the mouse, within about half a line of text, or −1.
int point_under(const Playground& pg, const PlotArea& m, ImVec2 mouse) {
  int best = -1;
  double best_d = ImGui::GetFontSize() * 0.6;
  const auto& pts = pg.points().points;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const Point p = m.to_screen(pts[i].x, pts[i].y);
    const double d = std::hypot(p.x - mouse.x, p.y - mouse.y);
    if (d < best_d) best_d = d, best = static_cast<int>(i);
  }
  return best;
}

void draw_plane(const Playground& pg, PlaygroundPanelState& ui, float side, UiActions& actions) {
  const Figure plane = plane_figure(pg);
  const PlotArea m = ui.plane = draw_figure(plane, side, figure_height(plane, side, ImGui::GetFontSize()), actions);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && mouse.x >= m.p0.x &&
                      mouse.x <= m.p1.x && mouse.y >= m.p0.y && mouse.y <= m.p1.y;
  const double x = m.data_x(mouse.x), y = m.data_y(mouse.y);
  if (inside && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    const int hit = point_under(pg, m, mouse);
    if (hit >= 0) {
      ui.dragging = hit;
      actions.playground.commands.push_back({.kind = K::SelectPoint, .index = hit});
    } else {
      actions.playground.commands.push_back(
          {.kind = K::AddPoint, .x = x, .y = y, .value = ui.add_value, .label = ui.add_class});
    }
  }
  if (ui.dragging >= 0 && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2))
    actions.playground.commands.push_back({.kind = K::MovePoint,
                                           .x = std::clamp(x, -kPlaneExtent, kPlaneExtent),
                                           .y = std::clamp(y, -kPlaneExtent, kPlaneExtent),
                                           .index = ui.dragging});
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) ui.dragging = -1;
  if (inside && ImGui::IsMouseClicked(ImGuiMouseButton_Right))
    if (const int hit = point_under(pg, m, mouse); hit >= 0)
      actions.playground.commands.push_back({.kind = K::RemovePoint, .index = hit});
}

}  // namespace

void draw_playground_panel(const Playground& pg, PlaygroundPanelState& ui, int precision, UiActions& actions,
                           const Withheld& withheld) {
  draw_training_bar(pg, ui, precision, actions, withheld);
  ImGui::Separator();
  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float controls = std::clamp(avail.x * 0.26f, font * 16, font * 24);
  ImGui::BeginChild("playground controls", ImVec2(controls, 0), true);
  ImGui::PushItemWidth(-font * 8);
  draw_data_controls(pg, ui, actions);
  draw_network_controls(pg, actions);
  draw_training_controls(pg, actions);
  ImGui::PopItemWidth();
  ImGui::Spacing();
  if (ImGui::Button("Export weights (JSON, CSV)"))
    actions.files.export_what = ExportRequest{ExportKind::PlaygroundWeights};
  if (ImGui::Button("Diagram…")) actions.files.export_what = ExportRequest{ExportKind::Diagram};
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "The network as it is now, with every layer's parameters, as SVG, PDF, TikZ and PNG in the export folder");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("playground views", ImVec2(0, 0), true);
  // The graph beside the plane where there is room for both; else the plane above the graph.
  const float width = ImGui::GetContentRegionAvail().x;
  if (width >= font * 28) {
    const float side = std::min(width * 0.55f, std::max(font * 14, ImGui::GetContentRegionAvail().y * 0.85f));
    ImGui::BeginGroup();
    draw_network_graph(pg, ui, precision, ImVec2(width - side - ImGui::GetStyle().ItemSpacing.x, side), actions,
                       withheld);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_plane(pg, ui, side, actions);
    ImGui::EndGroup();
  } else {
    draw_plane(pg, ui, width, actions);
    draw_network_graph(pg, ui, precision, ImVec2(width, std::max(font * 14, width * 0.6f)), actions, withheld);
  }
  if (pg.selected_point() >= 0) {
    ImGui::Separator();
    wrapped_text(mask_numbers(point_explanation(pg, pg.selected_point(), precision), withheld));
  }
  ImGui::Separator();
  std::vector<Figure> curves = {loss_figure(pg)};
  if (!pg.points().regression) {
    curves.push_back(accuracy_figure(pg));
    curves.push_back(confusion_figure(pg));
  }
  draw_plot_grid(curves, actions);
  ImGui::EndChild();
}

}  // namespace neurostep
