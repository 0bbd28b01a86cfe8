// theme.h — fonts with the math glyphs the lessons need, colours and sizes: a dark and a light
// theme (projectors wash out dark ones), scaled for HiDPI and for the student's chosen text size.
// What it does not do: decide when to rebuild — app_ui.h's update_appearance() does, between frames.
#pragma once

#include <string>

struct ImFont;

namespace neurostep {

struct FigureTheme;

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* mono = nullptr;
  ImFont* title = nullptr;
};

enum class Theme { Dark, Light };

// The text size the student chooses, in percent of the normal size (which already follows the
// monitor's content scale): Ctrl+= / Ctrl+− move by 10 % between 75 % and 250 %, Ctrl+0 resets.
inline constexpr int kScaleMin = 75, kScaleMax = 250, kScaleDefault = 100, kScaleStep = 10;
// Presentation mode multiplies the text size by this.
inline constexpr float kPresentationScale = 1.5f;
int scale_up(int percent);    // the next multiple of 10 above, at most kScaleMax (75 → 80, 240 → 250)
int scale_down(int percent);  // the next multiple of 10 below, at least kScaleMin (80 → 75)
bool valid_scale(int percent);

const char* theme_name(Theme theme);  // "dark", "light"

// Loads DejaVu Sans (regular, bold, mono) at `scale` with Greek, sub/superscripts, arrows and math
// operators; falls back to ImGui's built-in font (without the math glyphs) if the files are missing.
// Clears the font atlas first, so it may be called again (between frames) to rebuild at another
// size; the renderer must then upload the atlas again. Returns a description of what was loaded,
// or of what is missing.
std::string load_fonts(Fonts& fonts, float scale);

// Colours and spacing of the whole app: ImGui's style from scratch, in `theme`'s colours and
// scaled by `scale`, and the panel colours below.
void apply_theme(float scale, Theme theme = Theme::Dark);

// The colours of plots on screen in the current theme (exports always use FigureTheme::light()).
const FigureTheme& screen_figure_theme();

// Colours used by panels (ABGR, as ImU32), set by apply_theme for the current theme — like
// ImGui's own style colours, read them while drawing and never keep a copy across frames.
namespace colors {
inline unsigned agree = 0xFF5AC85A;     // green
inline unsigned disagree = 0xFF5A5AE6;  // red
inline unsigned muted = 0xFF9A9A9A;     // secondary text: still readable, a step back from the main text
inline unsigned accent = 0xFFE0A040;    // blue
inline unsigned error = 0xFF4A4AF0;
}  // namespace colors

}  // namespace neurostep
