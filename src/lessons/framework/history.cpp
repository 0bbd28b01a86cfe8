#include "lessons/framework/history.h"

#include <algorithm>
#include <string>

namespace neurostep {

namespace {
// The columns' values as step `s` computes them (none where it does not).
std::vector<std::optional<double>> row_of(const Step& s, const std::vector<HistoryColumn>& columns) {
  std::vector<std::optional<double>> row(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Value* v = s.find(columns[c].value);
    const std::size_t element = columns[c].element > 0 ? static_cast<std::size_t>(columns[c].element - 1) : 0;
    if (v && element < v->data.size()) row[c] = v->data[element];
  }
  return row;
}
}  // namespace

HistoryTable build_history(const Trace& trace, const std::vector<HistoryColumn>& columns, int current) {
  HistoryTable table;
  table.headers.push_back("");
  for (const auto& c : columns) table.headers.push_back(c.header);
  const int last = std::min(current, static_cast<int>(trace.steps.size()) - 1);
  for (int i = 0; i <= last; ++i) {
    const Step& s = trace.steps[static_cast<std::size_t>(i)];
    if (table.row_labels.empty() || table.row_labels.back() != s.group) {
      table.row_labels.push_back(s.group);
      table.cells.emplace_back(columns.size());
    }
    auto& row = table.cells.back();
    const std::vector<std::optional<double>> here = row_of(s, columns);
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (here[c]) row[c] = here[c];  // the group's latest
  }
  return table;
}

HistoryTable build_step_history(const Trace& trace, const std::vector<HistoryColumn>& columns, int current) {
  HistoryTable table;
  table.headers.push_back("step");
  for (const auto& c : columns) table.headers.push_back(c.header);
  const int last = std::min(current, static_cast<int>(trace.steps.size()) - 1);
  for (int i = 0; i <= last; ++i) {
    const Step& s = trace.steps[static_cast<std::size_t>(i)];
    std::vector<std::optional<double>> row = row_of(s, columns);
    if (std::none_of(row.begin(), row.end(), [](const auto& cell) { return cell.has_value(); })) continue;
    table.row_labels.push_back(std::to_string(i + 1) + " " + s.title);
    table.cells.push_back(std::move(row));
  }
  return table;
}

std::optional<double> latest_value(const Trace& trace, int current, const std::string& name, std::size_t element) {
  for (int i = std::min(current, static_cast<int>(trace.steps.size()) - 1); i >= 0; --i)
    if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(name); v && element < v->data.size())
      return v->data[element];
  return std::nullopt;
}

void value_history(const Trace& trace, int current, const std::string& name, std::size_t element,
                   std::vector<double>& steps, std::vector<double>& values) {
  for (int i = 0; i <= current && i < static_cast<int>(trace.steps.size()); ++i)
    if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(name); v && element < v->data.size()) {
      steps.push_back(i + 1);
      values.push_back(v->data[element]);
    }
}

}  // namespace neurostep
