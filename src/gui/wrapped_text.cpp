#include "gui/wrapped_text.h"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace neurostep {

namespace {

// Operators a term too long for a whole line may break after: "0.2·" / "0.5", "(1 − 0.3)/" / "√(1.2)".
constexpr std::array<std::string_view, 3> kBreakAfter = {"·", "/", "×"};

// The length of the operator of kBreakAfter that starts at `i`, or 0.
std::size_t break_after_at(std::string_view text, std::size_t i) {
  for (std::string_view op : kBreakAfter)
    if (text.compare(i, op.size(), op) == 0) return op.size();
  return 0;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// An operator standing alone between spaces, which belongs to the term after it.
bool lone_operator(std::string_view piece) {
  static constexpr std::array<std::string_view, 18> kOperators = {"+", "−", "-", "=", "×", "÷", "/", "·", "*",
                                                                  "±", "←", "→", "≈", "<", ">", "≤", "≥", "≠"};
  return std::find(kOperators.begin(), kOperators.end(), trim_right(piece)) != kOperators.end();
}

// Two views where `b` starts right where `a` ends, as one.
std::string_view join(std::string_view a, std::string_view b) { return {a.data(), a.size() + b.size()}; }

float text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }

}  // namespace

std::vector<std::string_view> wrap_pieces(std::string_view text) {
  // Cut after every run of spaces, after a "·", "/" or "×" that a term follows, and around every "\n".
  std::vector<std::string_view> cuts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      if (i > start) cuts.push_back(text.substr(start, i - start));
      cuts.push_back(text.substr(i, 1));
      start = ++i;
    } else if (text[i] == ' ') {
      while (i < text.size() && text[i] == ' ') ++i;
      cuts.push_back(text.substr(start, i - start));
      start = i;
    } else if (const std::size_t op = break_after_at(text, i)) {
      i += op;
      if (i < text.size() && text[i] != ' ' && text[i] != '\n') {
        cuts.push_back(text.substr(start, i - start));
        start = i;
      }
    } else {
      ++i;
    }
  }
  if (start < text.size()) cuts.push_back(text.substr(start));
  // A lone operator joins the piece after it (and so does a lone operator after that one).
  std::vector<std::string_view> pieces;
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    std::string_view piece = cuts[k];
    for (bool glue = lone_operator(piece); glue && k + 1 < cuts.size() && cuts[k + 1] != "\n";) {
      piece = join(piece, cuts[++k]);
      glue = lone_operator(cuts[k]);
    }
    pieces.push_back(piece);
  }
  return pieces;
}

std::vector<std::string> wrap_lines(std::string_view text, float first_width, float next_width, const TextWidth& width_of) {
  std::vector<std::string> lines;
  std::string line;
  float line_width = 0;  // with its trailing spaces
  const auto limit = [&] { return lines.empty() ? first_width : next_width; };
  const auto new_line = [&] {
    lines.emplace_back(trim_right(line));
    line.clear();
    line_width = 0;
  };
  // Puts `chunk` on this line if it fits, else on the next (an empty line takes anything).
  const auto place = [&](std::string_view chunk) {
    if (!line.empty() && line_width + width_of(trim_right(chunk)) > limit()) new_line();
    line += chunk;
    line_width += width_of(chunk);
  };
  // Terms (pieces up to a space) move to the next line whole; only a term longer than a whole line
  // is broken inside, after its "·", "/" or "×".
  const std::vector<std::string_view> pieces = wrap_pieces(text);
  for (std::size_t k = 0; k < pieces.size();) {
    if (pieces[k] == "\n") {
      new_line();
      ++k;
      continue;
    }
    std::size_t end = k;
    std::string_view term = pieces[k];
    while (term.back() != ' ' && end + 1 < pieces.size() && pieces[end + 1] != "\n") term = join(term, pieces[++end]);
    const float width = width_of(trim_right(term));
    if (k == end || (!line.empty() && line_width + width <= limit()) || width <= (line.empty() ? limit() : next_width)) {
      place(term);
    } else {
      for (std::size_t j = k; j <= end; ++j) place(pieces[j]);
    }
    k = end + 1;
  }
  if (!line.empty()) new_line();
  return lines;
}

void wrapped_text(std::string_view text, const WrapStyle& style) {
  const float lead = text_width(style.lead);
  const float indent = style.indent < 0 ? lead : style.indent;
  const float avail = ImGui::GetContentRegionAvail().x;
  std::vector<std::string> lines = wrap_lines(text, avail - lead, avail - indent, text_width);
  if (lines.empty()) lines.emplace_back();
  lines[0].insert(0, style.lead);
  // One item for the whole text, its lines a text line apart as in ImGui's own wrapped text.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float line_height = ImGui::GetTextLineHeight();
  const ImU32 color = style.color ? ImGui::GetColorU32(style.color) : ImGui::GetColorU32(ImGuiCol_Text);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float widest = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float x = i == 0 ? 0 : indent;
    const std::string& s = lines[i];
    dl->AddText(ImVec2(at.x + x, at.y + line_height * static_cast<float>(i)), color, s.data(), s.data() + s.size());
    widest = std::max(widest, x + text_width(s));
  }
  ImGui::Dummy(ImVec2(widest, line_height * static_cast<float>(lines.size())));
}

bool wrapped_selectable(const char* id, std::string_view text, bool selected, float indent) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  std::vector<std::string> lines = wrap_lines(text, avail, avail - indent, text_width);
  if (lines.empty()) lines.emplace_back();
  const float line_height = ImGui::GetTextLineHeight();
  const bool clicked = ImGui::Selectable(id, selected, 0, ImVec2(0, line_height * static_cast<float>(lines.size())));
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool runs_over = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float x = i == 0 ? 0 : indent;
    const std::string& s = lines[i];
    dl->AddText(ImVec2(at.x + x, at.y + line_height * static_cast<float>(i)), color, s.data(), s.data() + s.size());
    runs_over |= x + text_width(s) > avail;
  }
  if (runs_over && ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(text.size()), text.data());
  return clicked;
}

void same_line_if_fits(float width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float button_width(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

bool begin_combo(const char* label, const char* preview) {
  // The preview's box: the item's width less the arrow button and the frame's padding.
  const float box = ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x * 2;
  const bool open = ImGui::BeginCombo(label, preview);
  if (!open && ImGui::IsItemHovered() && ImGui::CalcTextSize(preview).x > box) ImGui::SetTooltip("%s", preview);
  return open;
}

}  // namespace neurostep
