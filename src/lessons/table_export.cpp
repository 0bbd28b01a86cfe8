#include "lessons/table_export.h"

#include <fmt/format.h>

#include <cctype>

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
      for (int c = 0; c < map.cols; ++c) out += fmt::format("{},,{},{},{}\n", h, r, c, map.values[static_cast<std::size_t>(r * map.cols + c)]);
  }
  return out;
}

std::string history_csv(const HistoryTable& table) {
  std::string out;
  for (std::size_t c = 0; c < table.headers.size(); ++c) out += (c ? "," : "") + csv_field(c == 0 ? "step" : table.headers[c]);
  out += "\n";
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    out += csv_field(table.row_labels[r]);
    for (const auto& cell : table.cells[r]) out += cell ? fmt::format(",{}", *cell) : ",";
    out += "\n";
  }
  return out;
}

std::string history_markdown(const HistoryTable& table, int precision) {
  std::string out = "|";
  for (const auto& h : table.headers) out += " " + h + " |";
  out += "\n|";
  for (std::size_t c = 0; c < table.headers.size(); ++c) out += c ? "---:|" : "---|";
  out += "\n";
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    out += "| " + table.row_labels[r] + " |";
    for (const auto& cell : table.cells[r]) out += " " + (cell ? format_number(*cell, precision) : std::string()) + " |";
    out += "\n";
  }
  return out;
}

std::string file_slug(const std::string& title) {
  std::string out;
  for (unsigned char c : title) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (c < 0x80 && !out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "figure" : out;
}

}  // namespace neurostep
