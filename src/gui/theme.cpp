#include "gui/theme.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "figure/figure_painter.h"

namespace neurostep {

namespace {
// Glyph ranges beyond Latin-1: Latin Extended (ŷ), combining marks, Greek, phonetic subscripts (ᵢ ⱼ), punctuation (′ −
// –), super/subscripts, arrows, math operators, technical and geometric shapes (▶ ◀ ■), check marks (✓ ✗).
const ImWchar kRanges[] = {
    0x0020, 0x02FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1D00, 0x1D7F, 0x2000, 0x206F, 0x2070, 0x209F, 0x2190,
    0x21FF, 0x2200, 0x22FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x2700, 0x27BF, 0x2C7C, 0x2C7C, 0,
};
constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

FigureTheme g_figure_theme = FigureTheme::dark();  // set by apply_theme, like ImGui's style
}  // namespace

int scale_up(int percent) { return std::clamp((percent / kScaleStep + 1) * kScaleStep, kScaleMin, kScaleMax); }
int scale_down(int percent) {
  return std::clamp((percent + kScaleStep - 1) / kScaleStep * kScaleStep - kScaleStep, kScaleMin, kScaleMax);
}
bool valid_scale(int percent) { return percent >= kScaleMin && percent <= kScaleMax; }
const char* theme_name(Theme theme) { return theme == Theme::Light ? "light" : "dark"; }
const FigureTheme& screen_figure_theme() { return g_figure_theme; }

std::string load_fonts(Fonts& fonts, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const std::string dir = kFontDir;
  const float size = 16.0f * scale;
  auto load = [&](const char* file, float px) -> ImFont* {
    const std::string path = dir + file;
    if (!std::filesystem::exists(path)) return nullptr;
    ImFontConfig config;
    config.OversampleH =
        px < 24 ? 2 : 1;  // sub-pixel positions matter for small text only; large sizes keep the atlas small
    return io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, kRanges);
  };
  fonts.regular = load("DejaVuSans.ttf", size);
  if (!fonts.regular) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    fonts.regular = fonts.bold = fonts.mono = fonts.title = io.Fonts->AddFontDefault(&config);
    return "DejaVu Sans not found in " + dir + " (install fonts-dejavu-core): math symbols will not show";
  }
  fonts.bold = load("DejaVuSans-Bold.ttf", size);
  fonts.mono = load("DejaVuSansMono.ttf", size);
  fonts.title = load("DejaVuSans-Bold.ttf", size * 1.45f);
  if (!fonts.bold) fonts.bold = fonts.regular;
  if (!fonts.mono) fonts.mono = fonts.regular;
  if (!fonts.title) fonts.title = fonts.bold;
  return "DejaVu Sans";
}

void apply_theme(float scale, Theme theme) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();  // from scratch: ScaleAllSizes multiplies, so a second call must not scale twice
  style.WindowRounding = 0;
  style.ChildRounding = 4;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 3);
  ImVec4* c = style.Colors;
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.17f, 1);
    c[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.55f, 0.55f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.44f, 0.68f, 0.75f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.48f, 0.75f, 1);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.36f, 0.55f, 0.7f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.46f, 0.70f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.18f, 0.20f, 0.24f, 1);
    colors::agree = 0xFF5AC85A;
    colors::disagree = 0xFF5A5AE6;
    colors::muted = 0xFF9A9A9A;
    colors::accent = 0xFFE0A040;
    colors::error = 0xFF4A4AF0;
    g_figure_theme = FigureTheme::dark();
  } else {
    // Near-black on near-white, and every tint strong enough to survive a washed-out projector.
    ImGui::StyleColorsLight(&style);
    c[ImGuiCol_Text] = ImVec4(0.06f, 0.06f, 0.08f, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.40f, 1);
    c[ImGuiCol_WindowBg] = ImVec4(0.93f, 0.94f, 0.95f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 0.98f);
    c[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.22f);
    c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.90f, 0.93f, 1);
    c[ImGuiCol_Header] = ImVec4(0.20f, 0.45f, 0.85f, 0.30f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.45f, 0.85f, 0.45f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.20f, 0.45f, 0.85f, 0.60f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.45f, 0.85f, 0.22f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.45f, 0.85f, 0.42f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.20f, 0.45f, 0.85f, 0.60f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.86f, 0.88f, 0.92f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0.045f);
    colors::agree = 0xFF26801A;     // rgb(26, 128, 38)
    colors::disagree = 0xFF1F1FC7;  // rgb(199, 31, 31)
    colors::muted = 0xFF5E5E5E;     // 6:1 on white
    colors::accent = 0xFFB3540D;    // rgb(13, 84, 179)
    colors::error = 0xFF1A1ACC;
    g_figure_theme = FigureTheme::light();
  }
  style.ScaleAllSizes(scale);
}

}  // namespace neurostep
