#include "gui/lesson_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "export/figure_renderer.h"
#include "figure/number_text.h"
#include "gui/playground_panel.h"
#include "gui/plot_layout.h"
#include "gui/plot_view.h"
#include "gui/sources_view.h"
#include "gui/wrapped_text.h"
#include "lessons/framework/capabilities.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/trainable.h"

namespace neurostep {

namespace {

ImVec4 color(unsigned abgr) { return ImGui::ColorConvertU32ToFloat4(abgr); }

// A scalar as a number, a vector as (a, b, …), a matrix as [a, b; c, d] (rows separated by
// `row_break`: "; ", or ";\n" for a row per line).
std::string value_text(const Value& v, int precision, std::string_view row_break = "; ") {
  if (v.shape.empty()) return std::isnan(v.data.at(0)) ? std::string("?") : format_number(v.data.at(0), precision);
  if (v.data.size() > 36) {  // a big array is read in its plot, not as text
    std::string dims;
    for (int d : v.shape) dims += (dims.empty() ? "" : "×") + std::to_string(d);
    return dims + " values (see the plots; neurostep trace --format json lists them all)";
  }
  const bool matrix = v.shape.size() == 2;
  const std::size_t cols = matrix ? static_cast<std::size_t>(v.shape[1]) : v.data.size();
  std::string s = matrix ? "[" : "(";
  for (std::size_t i = 0; i < v.data.size(); ++i)  // a NaN cell of a map is one a later step computes
    s += std::string(i == 0          ? ""
                     : i % cols == 0 ? row_break
                                     : ", ") +
         (std::isnan(v.data[i]) ? std::string("·") : format_number(v.data[i], precision));
  return s + (matrix ? "]" : ")");
}

float text_width(const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; }

// A value as text: on one line if it fits, else wrapped between its items; a matrix a row a line
// when every row fits on one.
void draw_value(const Value& v, int precision) {
  std::string text = value_text(v, precision);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (v.shape.size() == 2 && text_width(text) > avail) {
    std::string rows = value_text(v, precision, ";\n");
    float widest = 0;
    for (std::size_t at = 0, end; at < rows.size(); at = end + 1) {
      end = std::min(rows.find('\n', at), rows.size());
      widest = std::max(widest, text_width(rows.substr(at, end - at)) + (at > 0 ? text_width("[") : 0));
    }
    if (widest <= avail) text = std::move(rows);
  }
  wrapped_text(text, {.indent = text.front() == '[' || text.front() == '(' ? text_width(text.substr(0, 1)) : 0});
}

// The step's values: a table of names and numbers, its name column as wide as the longest name; or,
// where that would take more than half the room, each name on its own line over its numbers.
void draw_values(const std::vector<Value>& values, const Fonts& fonts, int precision) {
  float longest = 0;
  for (const Value& v : values) longest = std::max(longest, text_width(v.name));
  const float font = ImGui::GetFontSize(), name_width = std::max(longest, font * 6);
  if (name_width + ImGui::GetStyle().CellPadding.x * 2 <= ImGui::GetContentRegionAvail().x * 0.45f) {
    if (!ImGui::BeginTable("values", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, name_width);
    ImGui::TableSetupColumn("number");
    for (const Value& v : values) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(v.name.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::PushFont(fonts.mono);
      draw_value(v, precision);
      ImGui::PopFont();
    }
    ImGui::EndTable();
    return;
  }
  for (const Value& v : values) {
    ImGui::TextUnformatted(v.name.c_str());
    ImGui::Indent(font);
    ImGui::PushFont(fonts.mono);
    draw_value(v, precision);
    ImGui::PopFont();
    ImGui::Unindent(font);
  }
}

// One row: step back and on, run to the end, play at a speed, where we are; what is used less
// (reset, decimals, export) is in the ⋯ menu (draw_more_menu), so the row fits a laptop's width.
void draw_controls(const LessonSession& session, LessonViewState& ui, UiActions& actions) {
  if (ImGui::Button("◀ Back")) actions.navigate.step = StepCommand::Back;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The step before (←)");
  same_line_if_fits(button_width("Step ▶"));
  if (ImGui::Button("Step ▶")) actions.navigate.step = StepCommand::Step;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The next step (→ or Space)");
  same_line_if_fits(button_width("End ▶▶"));
  if (ImGui::Button("End ▶▶")) actions.navigate.step = StepCommand::RunToEnd;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Run to the last step");
  const char* play = ui.playing ? "Pause" : "Play";
  same_line_if_fits(button_width(play));
  if (ImGui::Button(play)) ui.playing = !ui.playing;
  const float font = ImGui::GetFontSize();
  same_line_if_fits(font * 6);
  ImGui::SetNextItemWidth(font * 6);
  ImGui::SliderFloat("##speed", &ui.steps_per_second, 0.5f, 20.0f, "%.1f/s");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play's speed: steps a second");
  const std::string where = fmt::format("step {} of {}", session.current() + 1, session.step_count());
  same_line_if_fits(text_width(where));
  ImGui::TextColored(color(colors::muted), "%s", where.c_str());
}

// The ⋯ menu: back to the first step, the decimals, exporting the step's plots.
void draw_more_menu(LessonViewState& ui, UiActions& actions) {
  if (ImGui::MenuItem("Reset to the first step", "R")) actions.navigate.step = StepCommand::Reset;
  ImGui::Separator();
  ImGui::TextColored(color(colors::muted), "DECIMALS");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Every number is rounded to this many decimals, with the zeros at the end left off (0.5, not 0.5000)");
  for (int p : {3, 4, 6})
    if (ImGui::MenuItem(fmt::format("{} decimals", p).c_str(), nullptr, p == ui.precision)) ui.precision = p;
  ImGui::Separator();
  if (ImGui::MenuItem("Export all")) actions.files.export_what = ExportRequest{ExportKind::All};
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every plot of this step (%s) and the history table (CSV, Markdown, LaTeX)",
                      pdf_supported() ? "PNG, SVG, PDF, CSV, TikZ" : "PNG, SVG, CSV, TikZ");
  if (!pdf_supported())
    ImGui::TextColored(color(colors::muted), "%s", kNoPdf);  // said where the format would be, not silently missing
  if (ImGui::MenuItem("Slides…") && !ui.worksheet.folder.empty()) actions.files.slides = ui.worksheet.folder;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Beamer slides of this lesson with its plots as TikZ, into %s (the worksheets' folder), as neurostep slides "
        "writes them",
        ui.worksheet.folder.c_str());
}

// A step's mark in the step list and beside an answer: ✓ first try (green), ✓ after hints (blue),
// ✗ revealed (red), ? still to answer.
const char* mark_glyph(Mark m) { return m == Mark::Revealed ? "✗" : m == Mark::Open ? "?" : "✓"; }
unsigned mark_color(Mark m) {
  return m == Mark::FirstTry     ? colors::agree
         : m == Mark::AfterHints ? colors::accent
         : m == Mark::Revealed   ? colors::disagree
                                 : colors::muted;
}

void draw_step_list(const LessonSession& session, LessonViewState& ui, UiActions& actions, const Practice* practice) {
  const Trace& trace = session.shown();
  // Go to a step by its number or by words of its title (Enter again finds the next match).
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##jump", "go to step: 12, words…", &ui.jump, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (const auto found = find_step(trace, ui.jump, session.current())) {
      actions.navigate.step = StepCommand::GoTo;
      actions.navigate.go_to = *found;
    }
    ImGui::SetKeyboardFocusHere(-1);  // keep typing, or press Enter for the next match
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A step's number (12) or words of its title (E = 0.2, update); Enter goes there");
  std::string group;
  for (int i = 0; i < session.step_count(); ++i) {
    const Step& s = trace.steps[static_cast<std::size_t>(i)];
    if (s.group != group) {
      group = s.group;
      wrapped_text(group, {.indent = ImGui::GetFontSize(), .color = colors::accent});
    }
    const std::optional<Mark> mark = practice ? practice->step_mark(i) : std::nullopt;
    const bool future = i > session.current();
    const bool colored = future || (mark && *mark != Mark::Open);
    if (colored) ImGui::PushStyleColor(ImGuiCol_Text, mark && *mark != Mark::Open ? mark_color(*mark) : colors::muted);
    // A long title wraps, its continued lines under the title rather than under the number.
    const std::string number =
        mark ? fmt::format("{:>3} {} ", i + 1, mark_glyph(*mark)) : fmt::format("{:>3}  ", i + 1);
    const std::string id = fmt::format("##step{}", i);
    if (wrapped_selectable(id.c_str(), number + s.title, i == session.current(), text_width(number))) {
      actions.navigate.step = StepCommand::GoTo;
      actions.navigate.go_to = i;
    }
    if (colored) ImGui::PopStyleColor();
    if (i == session.current() && ui.scrolled_to != i) {
      ImGui::SetScrollHereY(0.5f);
      ui.scrolled_to = i;
    }
  }
}

// An equation's result, "?" where Try it withholds it (withheld.h).
std::string result_text(const Equation& e, int precision) {
  const bool withheld = std::any_of(e.result.begin(), e.result.end(), [](double r) { return std::isnan(r); });
  return withheld ? std::string("?") : equation_result(e, precision);
}

// One equation: formula → numbers → result, on one line when all three fit the panel's width
// ("g = ∇E = (−4, 10·2) = (−4, 20)"), the numbers and the result on a second line when those fit
// together, else a line each; every line wraps between terms, never inside a number, and continued
// lines are indented. The numbers are muted, the result bold in the accent colour (muted while
// withheld: "?").
void draw_equation(const Equation& e, const Fonts& fonts, int precision) {
  const std::string numbers = e.numbers.empty() ? "" : equation_numbers(e, precision);
  const std::string result = e.result.empty() ? "" : result_text(e, precision);
  const unsigned result_color = result == "?" ? colors::muted : colors::accent;
  const auto width_in = [](ImFont* font, const std::string& text) {
    if (text.empty()) return 0.f;
    ImGui::PushFont(font);
    const float w = ImGui::CalcTextSize((" = " + text).c_str()).x;
    ImGui::PopFont();
    return w;
  };
  const float numbers_width = width_in(fonts.mono, numbers), result_width = width_in(fonts.bold, result);
  const float room = ImGui::GetContentRegionAvail().x;
  const auto tail = [&](const std::string& text, ImFont* font, unsigned c) {  // " = text" after the last item
    if (text.empty()) return;
    ImGui::SameLine(0, 0);
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextUnformatted((" = " + text).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  };
  if (text_width(e.symbols) + numbers_width + result_width <= room) {  // one line: no space under it
    ImGui::TextUnformatted(e.symbols.c_str());
    tail(numbers, fonts.mono, colors::muted);
    tail(result, fonts.bold, result_color);
    return;
  }
  {
    wrapped_text(e.symbols, {.indent = ImGui::GetFontSize()});
    const float lead = ImGui::CalcTextSize("    ").x;  // as wrapped_text's lead "    = "
    if (!numbers.empty() && lead + numbers_width + result_width <= room) {
      ImGui::Dummy(ImVec2(lead - ImGui::GetStyle().ItemSpacing.x, 0));
      ImGui::SameLine();
      ImGui::PushFont(fonts.mono);
      ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
      ImGui::TextUnformatted(("= " + numbers).c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
      tail(result, fonts.bold, result_color);
    } else {
      if (!numbers.empty()) {
        ImGui::PushFont(fonts.mono);
        wrapped_text(numbers, {.lead = "    = ", .color = colors::muted});
        ImGui::PopFont();
      }
      if (!result.empty()) {
        ImGui::PushFont(fonts.bold);
        wrapped_text(result, {.lead = "    = ", .color = result_color});
        ImGui::PopFont();
      }
    }
  }
  ImGui::Spacing();
}

// A step's equations, in two columns when `columns` is 2 (a step too long for the height of even
// the whole width): split where the first column's lines are about half of them.
void draw_equations(const std::vector<Equation>& equations, const Fonts& fonts, int precision, int columns) {
  if (columns < 2 || equations.size() < 2) {
    for (const Equation& e : equations) draw_equation(e, fonts, precision);
    return;
  }
  const std::size_t half = (equations.size() + 1) / 2;
  if (!ImGui::BeginTable("equations", 2, ImGuiTableFlags_SizingStretchSame)) return;
  ImGui::TableNextColumn();
  for (std::size_t i = 0; i < equations.size(); ++i) {
    if (i == half) ImGui::TableNextColumn();
    draw_equation(equations[i], fonts, precision);
  }
  ImGui::EndTable();
}

// Returns the height (in the panel, from its top, unscrolled) the step's math took through its last
// result: what must be seen without scrolling.
float draw_current_step(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui) {
  const Step* step = session.shown_step();
  if (!step) {
    ImGui::TextWrapped("This lesson has no steps.");
    return 0;
  }
  ImGui::PushFont(fonts.bold);
  wrapped_text(step->group + " — " + step->title);
  ImGui::PopFont();
  ImGui::Spacing();
  draw_equations(step->equations, fonts, ui.precision, ui.widened >= 3 ? 2 : 1);
  const float essentials = ImGui::GetCursorPosY();  // in the content, whatever the scroll
  if (!step->note.empty()) {
    ImGui::Separator();
    wrapped_text(step->note);
  }
  ImGui::Separator();
  draw_values(step->values, fonts, ui.precision);
  const bool later = std::any_of(step->values.begin(), step->values.end(), [](const Value& v) {
    return !v.shape.empty() && std::any_of(v.data.begin(), v.data.end(), [](double d) { return std::isnan(d); });
  });
  if (later) wrapped_text("· a cell this step has not computed yet: a later step does", {.color = colors::muted});
  return essentials;
}

// Try it on a step with exercises: the formulas with symbols; the numbers put in from the first
// hint, the values in between from the second; the exercises' results and values hidden until
// answered or revealed; a field for each exercise (Tab goes to the first open one, Enter checks),
// what a wrong answer was told, and the next rung of the hint ladder.
// Returns the height the step took through its fields, their feedback and the hint button.
// The step's values in Try it: those it withholds (withheld.h) are not drawn; the asked ones are
// named as the formulas write them (δ⁽¹⁾₁, never delta1).
void draw_try_values(const Step& step, const std::vector<int>& mine, const std::vector<Exercise>& exercises,
                     const Fonts& fonts, int precision) {
  const TryValues values = try_values(step, mine, exercises);
  draw_values(values.shown, fonts, precision);
  std::string asked;
  for (const std::string& label : values.asked) asked += (asked.empty() ? "" : ", ") + label;
  if (!asked.empty()) wrapped_text(asked + ": yours to work out", {.color = colors::muted});
}

float draw_try_step(const LessonSession& session, const Fonts& fonts, LessonViewState& ui, const Practice& practice,
                    UiActions& actions) {
  const Step& step = *session.shown_step();  // what the hint ladder has revealed so far (withheld.h)
  const int current = session.current();
  const std::vector<int> mine = practice.exercises_of(current);
  const auto& exercises = practice.exercises();
  const int level = practice.hint_level(current);
  const auto open = [&](int i) { return practice.mark(i) == Mark::Open; };
  const bool done = std::none_of(mine.begin(), mine.end(), open);
  ImGui::PushFont(fonts.bold);
  wrapped_text(step.group + " — " + step.title);
  ImGui::PopFont();
  ImGui::Spacing();
  std::vector<std::string> hints;  // the file's hints, each once
  for (int i : mine)
    if (const std::string& h = exercises[static_cast<std::size_t>(i)].hint;
        !h.empty() && std::find(hints.begin(), hints.end(), h) == hints.end())
      hints.push_back(h);
  if (level >= 1 && !done)
    for (const std::string& h : hints) wrapped_text("Hint: " + h, {.color = colors::accent});
  draw_equations(step.equations, fonts, ui.precision, ui.widened >= 3 ? 2 : 1);
  if (done && !step.note.empty()) {
    ImGui::Separator();
    wrapped_text(step.note);
  }
  ImGui::Separator();
  // Which exercise gets the keyboard: after Enter, the same one if it was wrong, else the next open
  // one (none: the field lets go, so → steps on); Tab, the first open one.
  int focus = -1;
  if (ui.entered >= 0) {
    const auto at = std::find(mine.begin(), mine.end(), ui.entered);
    if (at != mine.end()) {
      const auto next = std::find_if(at, mine.end(), open);
      focus = next != mine.end() ? *next : -1;
    }
    ui.entered = -1;
  }
  if (!ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false)) {
    const auto first = std::find_if(mine.begin(), mine.end(), open);
    if (first != mine.end()) focus = *first;
  }
  wrapped_text(done ? "Answered." : "Your turn: work these out.");
  if (!done && ImGui::IsItemHovered())
    ImGui::SetTooltip("Tab goes to the first field, Enter checks (on an empty field: the next hint), → goes on");
  if (ui.typed.size() < exercises.size()) ui.typed.resize(exercises.size());
  // Many fields (a matrix's cells) go in as many columns as the panel has room for.
  const float field_width = ImGui::GetFontSize() * 7;
  const int columns =
      mine.size() <= 3 ? 1 : std::clamp(static_cast<int>(ImGui::GetContentRegionAvail().x / (field_width * 2)), 1, 4);
  const bool grid = columns > 1 && ImGui::BeginTable("fields", columns, ImGuiTableFlags_SizingStretchSame);
  for (int i : mine) {
    const Exercise& x = exercises[static_cast<std::size_t>(i)];
    if (grid) ImGui::TableNextColumn();
    ImGui::PushID(i);
    const Mark m = practice.mark(i);
    if (m != Mark::Open) {
      ImGui::PushFont(fonts.mono);
      wrapped_text(fmt::format("{} {} = {}{}", mark_glyph(m), x.shown_label(), format_number(x.answer, ui.precision),
                               m == Mark::FirstTry     ? ""
                               : m == Mark::AfterHints ? "  (after hints)"
                                                       : "  (revealed)"),
                   {.color = mark_color(m)});
      ImGui::PopFont();
    } else {
      // The label right of the field, or above it when both do not fit the cell.
      const std::string label = x.shown_label();
      const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemInnerSpacing.x - text_width(label);
      const bool beside = room >= ImGui::GetFontSize() * 5;
      if (!beside) wrapped_text(label);
      ImGui::SetNextItemWidth(beside ? std::min(room, grid ? field_width : ImGui::GetFontSize() * 9) : -FLT_MIN);
      std::string& typed = ui.typed[static_cast<std::size_t>(i)];
      const bool entered = ImGui::InputTextWithHint((beside ? label : "##" + label).c_str(), "your answer", &typed,
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Enter checks (on an empty field: the next hint); Tab goes to the first open field");
      if (entered) {
        if (typed.find_first_not_of(' ') == std::string::npos)
          actions.practice.hint_step = current;  // Enter on an empty field: the next hint
        else
          actions.practice.answer = {i, typed};
        ui.entered = i;
      }
      if (i == focus)
        ImGui::SetKeyboardFocusHere(-1);  // (-1, the item just drawn: what 1.86's tabbing resolves at once)
      if (const Feedback* f = practice.feedback(i); f && !f->right)
        wrapped_text(f->text, {.indent = ImGui::GetFontSize(), .color = colors::disagree});
    }
    ImGui::PopID();
  }
  if (grid) ImGui::EndTable();
  if (!done) {
    // Short labels: a button does not wrap, and the step's panel may be 12 lines of text wide.
    static constexpr const char* kLadder[] = {"Hint: numbers put in", "Hint: values between", "Show the answer"};
    static constexpr const char* kWhat[] = {"the formula with the numbers put in",
                                            "the values worked out in between (the step's other equations)",
                                            "the answer: what is still open is marked ✗"};
    if (ImGui::Button(kLadder[std::clamp(level, 0, 2)])) actions.practice.hint_step = current;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shows %s", kWhat[std::clamp(level, 0, 2)]);
  }
  const float essentials = ImGui::GetCursorPosY();  // in the content, whatever the scroll
  ImGui::Separator();
  draw_try_values(step, mine, exercises, fonts, ui.precision);
  return essentials;
}

// The Show / Try it switch, and in Try it the score.
void draw_practice_switch(const PracticeView& pv, LessonViewState& ui) {
  if (pv.practice.exercises().empty()) return;
  same_line_if_fits(ImGui::GetFontSize() * 9);
  if (ImGui::RadioButton("Show", !ui.try_it)) ui.try_it = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Try it", ui.try_it)) ui.try_it = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Work the exercises out yourself: their results are hidden until you answer");
  if (!ui.try_it) return;
  const std::string score = pv.practice.score().text();
  same_line_if_fits(text_width(score));
  ImGui::TextColored(color(colors::muted), "%s", score.c_str());
}

// The Worksheet… popup (a popup of the ⋯ menu): how many sheets, the first numbers, the folder.
void draw_worksheet_popup(LessonViewState& ui, UiActions& actions) {
  if (!ImGui::BeginPopup("worksheet")) return;
  WorksheetRequest& w = ui.worksheet;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt("sheets", &w.count);
  w.count = std::clamp(w.count, 1, 200);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt("first numbers #", &w.seed);
  w.seed = std::clamp(w.seed, 1, 999'999);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputText("folder", &w.folder);
  if (ImGui::Button("Write") && !w.folder.empty()) {
    w.precision = ui.precision;
    actions.files.worksheet = w;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// Try it's and the class's part of the ⋯ menu: Start over, Worksheet….
void draw_practice_menu(const PracticeView& pv, LessonViewState& ui, UiActions& actions) {
  if (pv.practice.exercises().empty()) return;
  ImGui::Separator();
  if (ui.try_it && ImGui::MenuItem("Start over")) actions.practice.start_over = true;
  if (ui.try_it && ImGui::IsItemHovered()) ImGui::SetTooltip("Clear this lesson's marks for these numbers");
  if (!pv.worksheets) return;
  if (ImGui::Selectable("Worksheet…", false, ImGuiSelectableFlags_DontClosePopups)) ImGui::OpenPopup("worksheet");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Worksheets with fresh numbers and their answer keys (LaTeX and Markdown), as neurostep worksheet writes them");
  draw_worksheet_popup(ui, actions);
}

// The row under the title: the step controls, Show / Try it, and the ⋯ menu; under it, what went
// wrong with the progress file.
void draw_toolbar(const LessonSession& session, LessonViewState& ui, UiActions& actions, const PracticeView* practice) {
  draw_controls(session, ui, actions);
  same_line_if_fits(button_width(" ⋯ "));
  if (ImGui::Button(" ⋯ ")) ImGui::OpenPopup("more");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Reset, decimals, export%s", practice && practice->worksheets ? ", worksheets" : "");
  if (ImGui::BeginPopup("more")) {
    draw_more_menu(ui, actions);
    if (practice) draw_practice_menu(*practice, ui, actions);
    ImGui::EndPopup();
  }
  if (practice) draw_practice_switch(*practice, ui);
  if (!practice) return;
  if (ui.try_it && !practice->kept)
    wrapped_text("These are your own numbers: the marks are not kept.", {.color = colors::muted});
  if (!practice->message.empty()) wrapped_text(practice->message, {.color = colors::disagree});
}

void draw_editables(const std::vector<Editable>& editables, UiActions& actions) {
  std::string group;
  bool open = false;
  for (std::size_t i = 0; i < editables.size(); ++i) {
    const Editable& e = editables[i];
    const int index = static_cast<int>(i);
    if (e.group != group) {
      group = e.group;
      open = ImGui::TreeNodeEx(group.c_str(), ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_NoTreePushOnOpen);
    }
    if (!open) continue;
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (e.number) {
      double value = *e.number;
      if (ImGui::DragScalar(e.label.c_str(), ImGuiDataType_Double, &value, 0.005f, &e.min, &e.max, "%.4f",
                            ImGuiSliderFlags_AlwaysClamp))
        actions.numbers.edit = NumberEdit{.editable = index, .value = value};
    } else if (e.integer) {
      int shown = *e.integer + e.shown_from;
      if (ImGui::DragInt(e.label.c_str(), &shown, 0.2f, static_cast<int>(e.min) + e.shown_from,
                         static_cast<int>(e.max) + e.shown_from, "%d", ImGuiSliderFlags_AlwaysClamp)) {
        actions.numbers.edit = NumberEdit{.editable = index, .value = static_cast<double>(shown - e.shown_from)};
      }
    } else if (e.choice) {
      const int count = static_cast<int>(e.options.size());
      const int chosen = e.choice.get();
      if (begin_combo(e.label.c_str(), e.options[static_cast<std::size_t>(chosen)].c_str())) {
        for (int k = 0; k < count; ++k)
          if (ImGui::Selectable(e.options[static_cast<std::size_t>(k)].c_str(), k == chosen))
            actions.numbers.edit = NumberEdit{.editable = index, .value = static_cast<double>(k)};
        ImGui::EndCombo();
      }
    }
    ImGui::PopID();
  }
}

// The plots at the current step, through Try it's filter (LessonSession::figures).
void draw_plots(const LessonSession& session, UiActions& actions) {
  const auto figures = session.figures();
  if (figures.empty()) {
    ImGui::TextColored(color(colors::muted), "This lesson has no plots.");
    return;
  }
  draw_plot_column(figures, actions);
}

void draw_history(const LessonSession& session, const LessonViewState& ui, UiActions& actions) {
  const HistoryTable table = session.history();
  if (table.headers.size() <= 1) {
    ImGui::TextColored(color(colors::muted), "This lesson has no history table.");
    return;
  }
  if (ImGui::SmallButton("Export table")) actions.files.export_what = ExportRequest{ExportKind::History};
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("history", static_cast<int>(table.headers.size()), flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (const auto& h : table.headers) ImGui::TableSetupColumn(h.c_str());
  ImGui::TableHeadersRow();
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(table.row_labels[r].c_str());
    for (std::size_t c = 0; c < table.cells[r].size(); ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c) + 1);
      const auto& cell = table.cells[r][c];
      ImGui::TextUnformatted(!cell ? "" : std::isnan(*cell) ? "?" : format_number(*cell, ui.precision).c_str());
    }
  }
  ImGui::EndTable();
}

// After an edit: the numbers are the student's, not the lesson's, and a way back to the lesson's.
// A lesson that can take the student's drawing as its input: the button, or how to make a drawing.
void draw_drawing_offer(const TrainingView* training, UiActions& actions) {
  if (training && !training->settings.seen.empty()) {
    if (ImGui::Button("Use my drawing")) actions.training.use_drawing = true;
    ImGui::SameLine();
    ImGui::TextColored(color(colors::muted), "the digit drawn in the MNIST lesson's Train tab, as the models see it");
  } else {
    ImGui::TextColored(
        color(colors::muted),
        "Draw a digit in the MNIST lesson (Train tab → Test images, after training) to send it through here.");
  }
}

void draw_edited_notice(const LessonSession& session, const char* what, UiActions& actions) {
  if (!session.edited()) return;
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::disagree), "%s", what);
  if (ImGui::Button("Reset to the lesson's numbers")) actions.navigate.reload = true;
  ImGui::Separator();
}

void draw_thesis_check(const LessonSession& session, const LessonViewState& ui, UiActions& actions) {
  draw_edited_notice(
      session,
      "You changed the lesson's numbers, so they are no longer the thesis's: below, the thesis's printed values are "
      "compared with your numbers' results, and its notes speak of its own numbers.",
      actions);
  const auto& checks = session.checks();
  int agree = 0;
  for (const auto& c : checks) agree += c.verdict == Verdict::Agrees;
  ImGui::TextWrapped(
      "%d of %zu printed values agree with the computed ones within their printed precision "
      "(half a unit in the last printed place).",
      agree, checks.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("checks", 5, flags)) return;
  ImGui::TableSetupColumn("quantity", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  ImGui::TableSetupColumn("printed", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
  ImGui::TableSetupColumn("computed", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5.5f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 1.5f);
  ImGui::TableSetupColumn("why");
  ImGui::TableHeadersRow();
  for (const CheckResult& c : checks) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const std::string quantity =
        c.printed.element > 0 ? fmt::format("{}[{}]", c.printed.value, c.printed.element) : c.printed.value;
    ImGui::Text("%s", quantity.c_str());
    ImGui::TextColored(color(colors::muted), "%s", c.printed.step.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(with_real_minus(c.printed.printed).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(c.computed ? format_number(*c.computed, std::max(ui.precision, c.decimals + 1)).c_str()
                                      : "—");
    ImGui::TableSetColumnIndex(3);
    const bool ok = c.verdict == Verdict::Agrees;
    ImGui::TextColored(color(ok ? colors::agree : colors::disagree), ok ? "✓" : "✗");
    ImGui::TableSetColumnIndex(4);
    wrapped_text(c.explanation);
  }
  ImGui::EndTable();
}

// A touch target's height: 44 CSS pixels (the platforms' guidelines), that is 2.75 lines of 16 px
// text at the page's scale.
float touch_height() { return ImGui::GetFontSize() * 2.75f; }

// A phone's bar at the bottom: back, step, where we are and the ⋯ menu (with run to the end and
// play), each as tall as a fingertip.
void draw_touch_bar(const LessonSession& session, LessonViewState& ui, UiActions& actions,
                    const PracticeView* practice) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(ImGui::GetFontSize(), (touch_height() - ImGui::GetFontSize()) / 2));
  if (ImGui::Button("◀ Back")) actions.navigate.step = StepCommand::Back;
  ImGui::SameLine();
  if (ImGui::Button("Step ▶")) actions.navigate.step = StepCommand::Step;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(color(colors::muted), "%d / %d", session.current() + 1, session.step_count());
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - button_width(" ⋯ ")));
  if (ImGui::Button(" ⋯ ")) ImGui::OpenPopup("more");
  ImGui::PopStyleVar();
  if (!ImGui::BeginPopup("more")) return;
  if (ImGui::MenuItem("Run to the end")) actions.navigate.step = StepCommand::RunToEnd;
  if (ImGui::MenuItem(ui.playing ? "Pause" : "Play")) ui.playing = !ui.playing;
  ImGui::Separator();
  draw_more_menu(ui, actions);
  if (practice) draw_practice_menu(*practice, ui, actions);
  ImGui::EndPopup();
}

// The lesson's title line: ≡ Lessons when the lesson list is folded away (a narrow window), the
// arrow that folds the summary, the title, its source and the Sources button; then the variant's
// numbers and the summary, in at most 15 % of the height (it scrolls when longer).
void draw_header(const LessonSession& session, const Fonts& fonts, LessonViewState& ui, UiActions& actions) {
  const LessonInfo& info = session.lesson().info();
  if (ui.lessons_folded) {
    if (ImGui::Button("≡ Lessons")) actions.navigate.show_lessons = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every lesson (↑/↓ go to the one before or after)");
    ImGui::SameLine();
  }
  if (!info.summary.empty()) {
    if (ImGui::ArrowButton("##summary", ui.summary_open ? ImGuiDir_Down : ImGuiDir_Right)) {
      ui.summary_open = !ui.summary_open;
      ui.summaries[info.id] = ui.summary_open;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(ui.summary_open ? "Fold the summary" : "What this lesson is about");
    ImGui::SameLine();
  }
  // The title and its source wrap in a small window; the source goes under the title when it
  // does not fit beside it.
  ImGui::PushFont(fonts.title);
  const float title_width = text_width(info.title);
  wrapped_text(info.title);
  ImGui::PopFont();
  if (!info.source.empty()) {
    const std::string source = "  " + info.source;
    if (title_width + ImGui::GetStyle().ItemSpacing.x + text_width(source) <= ImGui::GetContentRegionAvail().x)
      ImGui::SameLine();
    wrapped_text(source, {.color = colors::muted});
  }
  draw_sources_button(info);
  if (const auto v = session.variant())  // a variant's numbers: say which, and that they are not the thesis's
    wrapped_text(fmt::format("numbers #{} (drawn from the lesson's [variants], not the thesis's)", *v),
                 {.color = colors::disagree});
  if (info.summary.empty() || !ui.summary_open) return;
  const float wrap = ImGui::GetContentRegionAvail().x;
  const float height =
      std::min(ImGui::CalcTextSize(info.summary.c_str(), nullptr, false, wrap - ImGui::GetStyle().ScrollbarSize).y,
               ImGui::GetMainViewport()->WorkSize.y * 0.15f);
  ImGui::BeginChild("summary", ImVec2(0, height + ImGui::GetStyle().ItemSpacing.y), false);
  wrapped_text(info.summary);
  ImGui::EndChild();
}

}  // namespace

void draw_lesson_view(const LessonSession& session, std::vector<Editable> editables, const Fonts& fonts,
                      LessonViewState& ui, UiActions& actions, const TrainingView* training,
                      PlaygroundPanelState* playground, const PracticeView* practice) {
  ui.step_fits = true;  // until the Current step tab measures it
  // A phone (narrower than kPhoneWidth lines of text): one column, no step list, the step's math
  // with its plots under it, and the step controls as a bar at the bottom with touch-sized buttons.
  constexpr float kPhoneWidth = 44;
  const bool phone = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * kPhoneWidth;
  const float bar_height = phone ? touch_height() + ImGui::GetStyle().ItemSpacing.y * 2 + 1 : 0;
  if (phone) ImGui::BeginChild("phone-lesson", ImVec2(0, -bar_height), false);
  draw_header(session, fonts, ui, actions);
  if (phone) {
    if (practice) draw_practice_switch(*practice, ui);
  } else {
    draw_toolbar(session, ui, actions, practice);
  }
  ImGui::Separator();
  // Try it on a step with exercises: they are asked for, in the Current step and Numbers tabs alike.
  const bool trying =
      practice && ui.try_it && session.current_step() && !practice->practice.exercises_of(session.current()).empty();
  const auto step_math = [&] {
    return trying ? draw_try_step(session, fonts, ui, practice->practice, actions)
                  : draw_current_step(session, fonts, ui);
  };

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Widths in lines of text where text sets them (a step title, an equation), so a big screen
  // gives its room to the plots instead of to empty columns.
  if (!phone) {
    const float list_width = std::clamp(avail.x * 0.18f, ImGui::GetFontSize() * 12, ImGui::GetFontSize() * 26);
    ImGui::BeginChild("steps", ImVec2(list_width, 0), true);
    draw_step_list(session, ui, actions, practice && ui.try_it ? &practice->practice : nullptr);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginChild("detail", ImVec2(0, 0), false);
  if (ImGui::BeginTabBar("tabs")) {
    // The Train tab: first in a lesson about its models (MNIST), last after a worked example.
    const MnistModels* models = trainable_models(session.lesson());
    const auto train_tab = [&] {
      if (!models || !training) return;
      TrainPanelState& settings = training->settings;
      const bool select = std::exchange(settings.select_train_tab, false);
      if (!ImGui::BeginTabItem("Train", nullptr, select ? ImGuiTabItemFlags_SetSelected : 0)) return;
      ImGui::BeginChild("train", ImVec2(0, 0), true);
      draw_train_panel(*models, training->job, settings, actions);
      ImGui::EndChild();
      ImGui::EndTabItem();
    };
    if (one_step_per_model(session.lesson())) train_tab();
    // The playground's own tab comes first: the steps are the math of its next mini-batch.
    if (const Playground* pg = playground_of(session.lesson()); pg && playground) {
      const bool select = std::exchange(playground->select_tab, false);
      if (ImGui::BeginTabItem("Playground", nullptr, select ? ImGuiTabItemFlags_SetSelected : 0)) {
        draw_playground_panel(*pg, *playground, ui.precision, actions, session.withheld());
        ImGui::EndTabItem();
      }
    }
    if (ImGui::BeginTabItem("Current step")) {
      // The math takes about half the width. A step whose math does not fit its height gets two
      // thirds; if that is not enough, the whole width with the plots under it; then its equations
      // in two columns: each from the frame after it was measured, until another step is shown.
      if (ui.widened_step != session.current()) ui.widened = phone ? 2 : 0;  // a phone: the plots under the math
      ui.widened_step = session.current();
      const bool whole = ui.widened >= 2;
      const float math_width = whole ? 0.f
                                     : std::min(ImGui::GetContentRegionAvail().x * (ui.widened == 1 ? 0.66f : 0.48f),
                                                ImGui::GetFontSize() * 44);
      ImGui::BeginChild("step", ImVec2(math_width, 0), true);
      ui.step_fits = step_math() <= ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
      if (!ui.step_fits && ui.widened < 3) ++ui.widened;
      if (whole) {
        ImGui::Separator();
        draw_plots(session, actions);
      }
      ImGui::EndChild();
      if (!whole) {
        ImGui::SameLine();
        ImGui::BeginChild("plots", ImVec2(0, 0), true);
        draw_plots(session, actions);
        ImGui::EndChild();
      }
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("History")) {
      ImGui::BeginChild("history", ImVec2(0, 0), true);
      draw_history(session, ui, actions);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Numbers")) {  // the numbers beside the step's math and plots, so an edit can be watched
      const float numbers_width = std::min(ImGui::GetContentRegionAvail().x * 0.45f, ImGui::GetFontSize() * 36);
      ImGui::BeginChild("numbers", ImVec2(numbers_width, 0), true);
      ImGui::TextWrapped("Drag or double-click a number to type it; the whole trace is recomputed at once.");
      draw_edited_notice(session, "These are your numbers, not the lesson's.", actions);
      if (!session.lesson().variant_spec().empty()) {  // fresh numbers from the lesson file's [variants]
        if (ImGui::Button("New numbers")) actions.navigate.new_numbers = true;
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Draw other numbers for this lesson; Reset / reload gives back its own");
      }
      if (session.lesson().offers<TakesDrawing>()) draw_drawing_offer(training, actions);
      draw_editables(editables, actions);
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("watch", ImVec2(0, 0), true);
      step_math();
      ImGui::Separator();
      draw_plots(session, actions);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (!session.checks().empty() &&
        ImGui::BeginTabItem((session.lesson().info().check_title + "###thesis-check").c_str())) {
      ImGui::BeginChild("checks", ImVec2(0, 0), true);
      draw_thesis_check(session, ui, actions);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (!one_step_per_model(session.lesson())) train_tab();
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  if (!phone) return;
  ImGui::EndChild();
  ImGui::Separator();
  draw_touch_bar(session, ui, actions, practice);
}

void draw_lesson_error(const std::string& title, const std::string& error, UiActions& actions) {
  ImGui::TextUnformatted(title.c_str());
  ImGui::Separator();
  ImGui::TextColored(color(colors::error), "This lesson file cannot be loaded:");
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(error.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::TextWrapped("Fix the file and press Reload; the rest of the app keeps working.");
  if (ImGui::Button("Reload")) actions.navigate.reload = true;
}

void draw_step_math(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui) {
  (void)draw_current_step(session, fonts, ui);
}

}  // namespace neurostep
