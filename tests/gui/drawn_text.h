// The text ImGui drew in the last frame, read back from its draw lists: every glyph is a quad whose
// texture coordinates are those of one glyph of the font atlas, so the quads give back the
// characters, and their positions the words and lines. ImGui 1.86 has no hook on the text it
// draws; this reads what reaches the screen, whichever panel or painter wrote it (AddText included).
// A glyph cut by its clip rectangle (half outside a panel) has other texture coordinates and is
// not read.
#pragma once

#include <imgui.h>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "figure/utf8.h"

namespace neurostep::test {

// One run of glyphs drawn one after the other on one line, with a space where the pen skipped.
inline std::vector<std::string> drawn_text() {
  std::map<std::pair<float, float>, const ImFontGlyph*> by_corner;  // a glyph's (U0, V0) in the atlas
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  for (const ImFont* font : atlas.Fonts)
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible) by_corner[{g.U0, g.V0}] = &g;
  std::vector<std::string> runs;
  const ImDrawData* data = ImGui::GetDrawData();
  for (int l = 0; data && l < data->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data->CmdLists[l]->VtxBuffer;
    std::string run;
    float pen_x = 0, baseline = NAN;  // where the next glyph of this run would start
    for (int i = 0; i + 3 < v.Size; ++i) {
      const auto it = by_corner.find({v[i].uv.x, v[i].uv.y});
      if (it == by_corner.end()) continue;
      const ImFontGlyph& g = *it->second;
      // ImDrawList::PrimRectUV: (x0,y0) (x1,y0) (x1,y1) (x0,y1) with the glyph's u/v at the corners.
      if (v[i + 1].uv.x != g.U1 || v[i + 2].uv.y != g.V1 || v[i + 3].uv.x != g.U0) continue;
      const float scale =
          g.X1 > g.X0 ? (v[i + 1].pos.x - v[i].pos.x) / (g.X1 - g.X0) : 1.f;  // a font drawn larger or smaller
      const float x = v[i].pos.x - g.X0 * scale, base = v[i].pos.y - g.Y0 * scale;
      const bool same_line = std::abs(base - baseline) < 1.5f;
      if (!run.empty() && !(same_line && x > pen_x - 1.5f)) {
        runs.push_back(std::move(run));
        run.clear();
      } else if (!run.empty() && x > pen_x + 1.5f) {
        run += ' ';
      }
      run += utf8(static_cast<char32_t>(g.Codepoint));
      pen_x = x + g.AdvanceX * scale;
      baseline = base;
      i += 3;
    }
    if (!run.empty()) runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace neurostep::test
