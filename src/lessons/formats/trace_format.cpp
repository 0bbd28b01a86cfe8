#include "lessons/formats/trace_format.h"

#include <fmt/format.h>

#include <array>

#include <nlohmann/json.hpp>

#include "figure/figure_csv.h"
#include "lessons/formats/table_export.h"

namespace neurostep {

std::optional<TraceFormat> parse_trace_format(std::string_view name) {
  if (name == "text") return TraceFormat::Text;
  if (name == "json") return TraceFormat::Json;
  if (name == "csv") return TraceFormat::Csv;
  if (name == "md" || name == "markdown") return TraceFormat::Markdown;
  if (name == "tex" || name == "latex") return TraceFormat::Latex;
  return std::nullopt;
}

namespace {

// A value as a JSON number or nested array following its shape.
nlohmann::json value_json(const Value& v) {
  if (v.shape.empty()) return v.data.at(0);
  std::function<nlohmann::json(std::size_t, std::size_t&)> build = [&](std::size_t dim, std::size_t& at) {
    nlohmann::json arr = nlohmann::json::array();
    for (int i = 0; i < v.shape[dim]; ++i)
      arr.push_back(dim + 1 == v.shape.size() ? nlohmann::json(v.data[at++]) : build(dim + 1, at));
    return arr;
  };
  std::size_t at = 0;
  return build(0, at);
}

std::string md_cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  return s;
}

// The rows of the Markdown and LaTeX tables: one per equation (the step's number and title on its
// first), and a step without equations as one row holding its note.
std::vector<std::array<std::string, 5>> table_rows(const Trace& trace, std::size_t count, int precision) {
  std::vector<std::array<std::string, 5>> rows;
  for (std::size_t i = 0; i < count; ++i) {
    const Step& s = trace.steps[i];
    const std::string number = std::to_string(i + 1), title = s.group + ": " + s.title;
    if (s.equations.empty()) rows.push_back({number, title, s.note, "", ""});
    for (std::size_t k = 0; k < s.equations.size(); ++k) {
      const Equation& e = s.equations[k];
      rows.push_back({k == 0 ? number : "", k == 0 ? title : "", e.symbols, equation_numbers(e, precision),
                      equation_result(e, precision)});
    }
  }
  return rows;
}

}  // namespace

std::string format_trace(const Trace& trace, TraceFormat format, int steps, int precision) {
  const std::size_t count = steps < 0 ? trace.steps.size() : std::min<std::size_t>(trace.steps.size(), steps);
  std::string out;
  switch (format) {
    case TraceFormat::Json: {
      nlohmann::json j = {{"lesson", trace.lesson_id}, {"steps", nlohmann::json::array()}};
      for (std::size_t i = 0; i < count; ++i) {
        const Step& s = trace.steps[i];
        nlohmann::json values = nlohmann::json::object(), equations = nlohmann::json::array();
        for (const auto& v : s.values) values[v.name] = value_json(v);
        for (const auto& e : s.equations)
          equations.push_back(
              {{"symbols", e.symbols},
               {"numbers", equation_numbers(e, precision)},
               {"result", e.result.size() == 1 ? nlohmann::json(e.result[0]) : nlohmann::json(e.result)}});
        j["steps"].push_back({{"index", i + 1},
                              {"id", s.id},
                              {"group", s.group},
                              {"title", s.title},
                              {"values", values},
                              {"equations", equations}});
      }
      return j.dump(2) + "\n";
    }
    case TraceFormat::Csv:
      out = "index,step,title,value,element,number\n";
      for (std::size_t i = 0; i < count; ++i)
        for (const auto& v : trace.steps[i].values)
          for (std::size_t k = 0; k < v.data.size(); ++k)
            out += fmt::format("{},{},{},{},{},{}\n", i + 1, csv_field(trace.steps[i].id),
                               csv_field(trace.steps[i].title), csv_field(v.name), k, v.data[k]);
      return out;
    case TraceFormat::Markdown:
      out = "| # | Step | Formula | With numbers | Result |\n|---|---|---|---|---|\n";
      for (const auto& row : table_rows(trace, count, precision))
        out += fmt::format("| {} | {} | {} | {} | {} |\n", row[0], md_cell(row[1]), md_cell(row[2]), md_cell(row[3]),
                           row[4]);
      return out;
    case TraceFormat::Latex: {
      std::vector<std::vector<std::string>> rows;
      for (const auto& row : table_rows(trace, count, precision)) rows.emplace_back(row.begin(), row.end());
      return latex_table_document({"#", "Step", "Formula", "With numbers", "Result"}, rows, "rp{4cm}p{6cm}p{7cm}l");
    }
    case TraceFormat::Text:
      for (std::size_t i = 0; i < count; ++i) {
        const Step& s = trace.steps[i];
        out += fmt::format("#{:<3} {} — {}  [{}]\n", i + 1, s.group, s.title, s.id);
        for (const auto& e : s.equations) {
          std::string worked;  // "= numbers = result", each part only if there is one
          if (!e.numbers.empty()) worked += " = " + equation_numbers(e, precision);
          if (!e.result.empty()) worked += " = " + equation_result(e, precision);
          out += worked.empty() ? fmt::format("      {}\n", e.symbols)
                                : fmt::format("      {}\n       {}\n", e.symbols, worked);
        }
        if (!s.note.empty()) out += fmt::format("      note: {}\n", s.note);
      }
      return out;
  }
  return out;
}

}  // namespace neurostep
