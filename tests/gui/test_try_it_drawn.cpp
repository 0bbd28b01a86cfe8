// Try it, read off the screen: for every lesson with exercises, its own numbers and a variant,
// every asked step at each hint rung before the answer, every tab of the lesson view and the
// presentation view are drawn headlessly, and the text ImGui drew (drawn_text.h: every glyph of
// every panel and plot, AddText included) must not show an asked number at 3, 4 or 6 decimals.
// The data-level test (test_withheld.cpp) checks what the views read; this one checks what they
// drew, so a panel that prints a number the filter never saw fails here. At each asked step every
// plot is also hovered (its heatmap cells, its points and nodes: the read-outs under the mouse).
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the tab bar, to open each tab

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "gui/app_ui.h"
#include "gui/plot_view.h"
#include "lessons/framework/exercise.h"

#include "drawn_text.h"
#include "headless_imgui.h"
#include "shown_numbers.h"

using namespace neurostep;
using Headless = neurostep::test::HeadlessImGui;

namespace {

// The lesson view's tab bar (the one with "Current step"), or null before it was drawn.
ImGuiTabBar* lesson_tabs() {
  ImGuiContext& g = *GImGui;
  for (int n = 0; n < g.TabBars.GetMapSize(); ++n)
    if (ImGuiTabBar* bar = g.TabBars.TryGetMapData(n))
      for (const ImGuiTabItem& tab : bar->Tabs)
        if (std::string(bar->GetTabName(&tab)) == "Current step") return bar;
  return nullptr;
}

// Draws each tab of the lesson view (and then the presentation view) and gives what each drew.
std::vector<std::pair<std::string, std::vector<std::string>>> every_view(Headless& gui) {
  std::vector<std::pair<std::string, std::vector<std::string>>> views;
  gui.frame();
  ImGuiTabBar* bar = lesson_tabs();
  REQUIRE(bar);
  std::vector<std::pair<ImGuiID, std::string>> tabs;
  for (const ImGuiTabItem& tab : bar->Tabs) {
    const std::string label = bar->GetTabName(&tab);
    tabs.emplace_back(tab.ID, label.substr(0, label.find("###")));  // "Check against Mazur###thesis-check"
  }
  for (const auto& [id, name] : tabs) {
    lesson_tabs()->NextSelectedTabId = id;  // selected as this frame lays the tab bar out
    gui.frame();
    views.emplace_back(name + " tab", test::drawn_text());
  }
  lesson_tabs()->NextSelectedTabId = tabs.front().first;
  gui.app.display.presenting = true;
  gui.frame();  // the fonts rebuilt at the presentation's size
  gui.frame();
  views.emplace_back("presentation", test::drawn_text());
  gui.app.display.presenting = false;
  return views;
}

// Whether a number drawn with its decimals shows the answer (or its negative) to those decimals:
// "0.673" for 0.6726 does, "0.0010" for 0.0011 does not. Fewer than 3 decimals (axis ticks, inputs
// such as 0.05) say too little to tell a rounded answer from a number of its own.
bool drawn_as(const test::Written& x, double answer) {
  if (x.decimals < 3 || std::abs(std::abs(x.value) - std::abs(answer)) > 0.01) return false;
  return format_number(std::abs(x.value), x.decimals) == format_number(std::abs(answer), x.decimals);
}

// The screen points of a figure drawn at `m` whose hover shows a read-out (plot_view.h): every
// heatmap cell up to 8×8 (else 8 rows by 8 columns spread over it),
// every marker of a scatter series up to 16 and every point of a curve up to 8 (else as many
// spread over it), and a shortened title.
std::vector<ImVec2> hover_points(const Figure& f, const PlotArea& m) {
  std::vector<ImVec2> points;
  const auto spread = [](int n, int most) {
    std::vector<int> at;
    for (int k = 0; k < std::min(n, most); ++k) at.push_back(n <= most ? k : k * (n - 1) / (most - 1));
    return at;
  };
  const auto add = [&](double x, double y) {
    const Point p = m.to_screen(x, y);
    points.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  };
  for (const Heatmap& h : f.heatmaps)
    for (int r : spread(h.rows, 8))
      for (int c : spread(h.cols, 8))
        add(h.x0 + (c + 0.5) * (h.x1 - h.x0) / h.cols, h.y1 - (r + 0.5) * (h.y1 - h.y0) / h.rows);
  for (const Series& s : f.series)
    if (s.kind != Series::Kind::Polygon)
      for (int i : spread(static_cast<int>(std::min(s.x.size(), s.y.size())), s.kind == Series::Kind::Scatter ? 16 : 8))
        add(s.x[static_cast<std::size_t>(i)], s.y[static_cast<std::size_t>(i)]);
  if (m.title_shortened)
    points.emplace_back(static_cast<float>((m.title_p0.x + m.title_p1.x) / 2),
                        static_cast<float>((m.title_p0.y + m.title_p1.y) / 2));
  return points;
}

// One figure drawn as the lesson view draws it (draw_figure) in a window of its own, with the
// mouse at `mouse`; what was drawn, tooltip included. Twice: a tooltip is laid out in its first frame.
PlotArea draw_hovered(const Figure& f, ImVec2 mouse, std::vector<std::string>* drawn) {
  ImGui::GetIO().MousePos = mouse;
  PlotArea m{};
  for (int frame = 0; frame < 2; ++frame) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(900, 640));
    ImGui::Begin("hover probe", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    UiActions actions;
    m = draw_figure(f, 860, 600, actions);
    ImGui::End();
    ImGui::Render();
  }
  if (drawn) *drawn = test::drawn_text();
  return m;
}

// Every plot of the step, hovered at each of its read-out points: the texts drawn, with where.
std::vector<std::pair<std::string, std::vector<std::string>>> hovered_views(const Headless& gui) {
  std::vector<std::pair<std::string, std::vector<std::string>>> views;
  for (const Figure& f : gui.app.lessons.session->figures()) {
    const PlotArea m = draw_hovered(f, ImVec2(-FLT_MAX, -FLT_MAX), nullptr);
    for (const ImVec2& p : hover_points(f, m)) {
      std::vector<std::string> drawn;
      draw_hovered(f, p, &drawn);
      views.emplace_back(fmt::format("hover read-out of \"{}\" at ({:.0f}, {:.0f})", f.title, p.x, p.y),
                         std::move(drawn));
    }
  }
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  return views;
}

void check_lesson(Headless& gui, const std::string& id, int& checked, int& hover_count, double& hover_seconds) {
  apply_actions(gui.app, {.practice = {.start_over = true}});
  const Trace trace = gui.app.lessons.session->trace();
  std::vector<double> given;
  for (const Editable& e : gui.app.lessons.session->lesson().editables())
    if (e.number) given.push_back(*e.number);
  for (int step = 0; step < gui.app.lessons.session->step_count(); ++step) {
    if (gui.app.practice.sheet.exercises_of(step).empty()) continue;
    gui.app.lessons.session->go_to(step);
    std::vector<double> asked = test::asked_numbers(trace, gui.app.practice.sheet, step);
    // Coarse answers (0.5, 3) are drawn everywhere as axis ticks, step numbers and inputs.
    std::erase_if(asked, [](double a) { return std::round(a * 10) == a * 10; });
    // An answer that prints as one of the lesson's given numbers (the Numbers tab's fields) is
    // shown by the question (δ = 0.0100 beside the target t₁ = 0.01).
    std::erase_if(asked, [&](double a) {
      return std::any_of(given.begin(), given.end(),
                         [&](double x) { return format_number(std::abs(x), 4) == format_number(std::abs(a), 4); });
    });
    for (int rung = 0; rung < 3; ++rung) {
      auto views = every_view(gui);
      if (rung == 0) {  // the read-outs under the mouse; the hints reveal nothing to a plot
        const auto start = std::chrono::steady_clock::now();
        auto hovered = hovered_views(gui);
        hover_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        hover_count += static_cast<int>(hovered.size());
        views.insert(views.end(), std::make_move_iterator(hovered.begin()), std::make_move_iterator(hovered.end()));
      }
      for (const auto& [view, runs] : views)
        for (const std::string& text : runs)
          for (const test::Written& x : test::written_numbers(text))
            for (double a : asked)
              if (drawn_as(x, a))
                FAIL_CHECK(id << " " << gui.app.lessons.session->lesson().info().title << " step " << step + 1
                              << " hint " << rung << ": the " << view << " draws " << format_number(a, 4) << " in \""
                              << text << "\"");
      ++checked;
      apply_actions(gui.app, {.practice = {.hint_step = step}});
    }
  }
}

}  // namespace

TEST_CASE("the drawn-text reader gives back what a panel drew, words and lines apart") {
  Headless gui;
  update_appearance(gui.app, 1.0f);  // the app's fonts, with the math glyphs
  for (int f = 0; f < 2; ++f) {      // (a new window is laid out in its first frame, drawn in the next)
    ImGui::NewFrame();
    ImGui::Begin("probe");
    ImGui::TextUnformatted("a = 0.6726");
    ImGui::TextUnformatted("∂C/∂w₁ = −0.1298");
    ImGui::GetWindowDrawList()->AddText(ImGui::GetCursorScreenPos(), 0xffffffff, "z = 0.72");  // as the painters draw
    ImGui::Dummy(ImVec2(100, 20));
    ImGui::End();
    ImGui::Render();
  }
  const std::vector<std::string> runs = test::drawn_text();
  const auto has = [&](const std::string& s) { return std::find(runs.begin(), runs.end(), s) != runs.end(); };
  CHECK(has("a = 0.6726"));
  CHECK(has("∂C/∂w₁ = −0.1298"));
  CHECK(has("z = 0.72"));
}

TEST_CASE("hovering a plot reads its read-out: the σ curve at the asked z shows a, unless the figure withholds it") {
  Headless gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.app.view.try_it = true;
  gui.frame();
  gui.app.lessons.session->go_to(1);  // a = σ(z) is asked: 0.6726
  gui.frame();
  const double a = gui.app.lessons.session->trace().steps[1].find("a")->scalar();
  const auto shows_a = [&](const Figure& f) {
    const PlotArea m = draw_hovered(f, ImVec2(-FLT_MAX, -FLT_MAX), nullptr);
    for (const ImVec2& p : hover_points(f, m)) {
      std::vector<std::string> drawn;
      draw_hovered(f, p, &drawn);
      for (const std::string& text : drawn)
        for (const test::Written& x : test::written_numbers(text))
          if (drawn_as(x, a)) return true;
    }
    return false;
  };
  int leaking = 0;
  for (Figure f : gui.app.lessons.session->figures()) {
    REQUIRE_FALSE(f.withheld.empty());
    CHECK_FALSE(shows_a(f));
    f.withheld.clear();  // as before the read-outs were masked
    leaking += shows_a(f);
  }
  CHECK(leaking > 0);
}

TEST_CASE("Try it, read off the screen: no tab, plot or presentation draws an asked number before it is answered") {
  Headless gui;
  ImGui::GetIO().DisplaySize = ImVec2(1366, 768);
  gui.app.view.summary_open = false;
  std::vector<std::string> ids;
  for (const CatalogEntry& lesson : gui.app.lessons.catalog) ids.push_back(lesson.id);
  for (const std::string& id : ids) {
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(open_lesson_by_id(gui.app, id));
    gui.app.view.try_it = true;
    gui.app.view.summary_open = false;
    gui.frame();
    if (gui.app.practice.sheet.exercises().empty()) continue;
    int checked = 0, hovers = 0;
    double hover_seconds = 0;
    check_lesson(gui, id, checked, hovers, hover_seconds);
    for (int variant = 1; variant <= 1 && !gui.app.lessons.session->lesson().variant_spec().empty(); ++variant) {
      apply_actions(gui.app, {.navigate = {.new_numbers = true}});
      check_lesson(gui, id, checked, hovers, hover_seconds);
    }
    MESSAGE(id << ": " << checked << " asked steps × hint rungs drawn in every view, " << hovers
               << " plot points hovered (" << hover_seconds << " s), in "
               << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s");
  }
}
