// theme.h — fonts with the math glyphs the lessons need, colours and sizes, scaled for HiDPI.
#pragma once

#include <string>

struct ImFont;

namespace neurostep {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* mono = nullptr;
  ImFont* title = nullptr;
};

// Loads DejaVu Sans (regular, bold, mono) at `scale` with Greek, sub/superscripts, arrows and math
// operators; falls back to ImGui's built-in font (without the math glyphs) if the files are missing.
// Returns a description of what was loaded, or of what is missing.
std::string load_fonts(Fonts& fonts, float scale);

// Colours and spacing of the whole app.
void apply_theme(float scale);

// Colours used by panels.
namespace colors {
inline constexpr unsigned agree = 0xFF5AC85A;     // ABGR: green
inline constexpr unsigned disagree = 0xFF5A5AE6;  // red
inline constexpr unsigned muted = 0xFF9A9A9A;
inline constexpr unsigned accent = 0xFFE0A040;   // blue
inline constexpr unsigned error = 0xFF4A4AF0;
}  // namespace colors

}  // namespace neurostep
