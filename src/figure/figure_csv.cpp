#include "figure/figure_csv.h"

#include <fmt/format.h>

#include <cctype>
#include <string_view>
#include <utility>

namespace neurostep {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string figure_csv(const Figure& figure) {
  std::string out = "series,label,x,y\n";
  for (std::size_t s = 0; s < figure.series.size(); ++s) {
    const Series& series = figure.series[s];
    for (std::size_t i = 0; i < series.x.size() && i < series.y.size(); ++i)
      out += fmt::format("{},{},{},{}\n", s, csv_field(series.label), series.x[i], series.y[i]);
  }
  for (std::size_t h = 0; h < figure.heatmaps.size(); ++h) {
    const Heatmap& map = figure.heatmaps[h];
    out += fmt::format("heatmap,{},row,col,value\n", csv_field(map.scale_label));
    for (int r = 0; r < map.rows; ++r)
      for (int c = 0; c < map.cols; ++c)
        out += fmt::format("{},,{},{},{}\n", h, r, c, map.values[static_cast<std::size_t>(r * map.cols + c)]);
  }
  return out;
}

std::string file_slug(const std::string& title) {
  // The math symbols of titles, spelled in ASCII so that "5×5" stays "5x5" rather than "55".
  static const std::pair<std::string_view, std::string_view> kSpelled[] = {
      {"×", "x"},      {"→", "-to-"},  {"−", "-"},     {"σ", "sigma"}, {"η", "eta"},  {"δ", "delta"}, {"Σ", "sum"},
      {"∂", "d"},      {"²", "2"},     {"ᵀ", "T"},     {"₀", "0"},     {"₁", "1"},    {"₂", "2"},     {"₃", "3"},
      {"₄", "4"},      {"₅", "5"},     {"₆", "6"},     {"₇", "7"},     {"₈", "8"},    {"₉", "9"},     {"ŷ", "yhat"},
      {"λ", "lambda"}, {"θ", "theta"}, {"α", "alpha"}, {"β", "beta"},  {"γ", "gamma"}};
  std::string spelled;
  for (std::size_t i = 0; i < title.size();) {
    bool replaced = false;
    for (const auto& [symbol, ascii] : kSpelled)
      if (title.compare(i, symbol.size(), symbol) == 0) {
        spelled += ascii;
        i += symbol.size();
        replaced = true;
        break;
      }
    if (!replaced) spelled += title[i++];
  }
  std::string out;
  for (unsigned char c : spelled) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (c < 0x80 && !out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "figure" : out;
}

}  // namespace neurostep
